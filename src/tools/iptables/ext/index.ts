// The userspace halves of iptables' extensions (struct xtables_match / xtables_target in
// libxtables): each parses its options into the kernel half's info, and prints it for -L
// (print) and for -S / iptables-save (save). One module per extension, named as iptables
// names its libxt_*.c / libipt_*.c / libip6t_*.c. An extension serves one family (.family:
// NFPROTO_IPV4 or NFPROTO_IPV6) or both (unset: NFPROTO_UNSPEC); xtables_find_match() takes
// the program's own family first.
import type { IptEntry } from '../../../kernel/netfilter/x_tables.js';
import type { Netns } from '../../../kernel/net_namespace.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import type { Refusal } from './hooks.js';

/** What an extension sees of the command being parsed. */
export interface ExtCtx {
  /** The rule as parsed so far (-p, -s, ... before this option). */
  readonly entry: IptEntry;
  readonly table: string;
  /** A parameter problem: "iptables v1.8.9 (nf_tables): <msg>", exit 2, with the hint. */
  perr(msg: string): Error;
  /** The program's family (NFPROTO_IPV6 for ip6tables; unset: NFPROTO_IPV4). */
  readonly family?: number;
  /** The options of this extension instance seen so far (long names, without "--"), each
   *  once, in the order given. */
  readonly seen: readonly string[];
  /** The network namespace the command runs in (what libxt_set's SO_IP_SET lookups ask). */
  readonly netns?: Netns;
  /** Takes the next command-line word when `ok` accepts it (options with two arguments, such
   *  as tcp's --tcp-flags MASK COMP). */
  nextArg?(ok: (word: string) => boolean): string | undefined;
}

export interface XtablesExt<I = any> {
  /** The name given to -m / -j. */
  name: string;
  /** The kernel extension it drives (usually the same name). */
  kernel?: string;
  /** .family: NFPROTO_IPV4 or NFPROTO_IPV6 when it serves only that family. */
  family?: number;
  /** Long options (without "--"): true when it takes an argument. */
  opts: Record<string, boolean>;
  init(): I;
  parse(opt: string, arg: string, inv: boolean, info: I, ctx: ExtCtx): void;
  /** x6_fcheck: mandatory options and combinations, once the command is parsed. */
  final?(info: I, ctx: ExtCtx): void;
  /** -L's text: starts with a space (e.g. " tcp dpt:22"). */
  print(info: I, numeric: boolean, e: IptEntry): string;
  /** -S / iptables-save's text after "-m NAME" or "-j NAME" (e.g. " --dport 22"). */
  save(info: I, e: IptEntry): string;
  /** The target name -L prints when it differs from `name` (NOTRACK is listed as CT). */
  listName?: string;
  /** The name -S prints after -m / -j when it differs from `name`. */
  saveName?: string;
  /** Kernel checkentry: strerror() of the errno the kernel refuses the rule with, or that
   *  and the line the kernel logs about it. */
  check?(info: I, ctx: { table: string; chain: string; entry: IptEntry; family: number }): string | Refusal | undefined;
  /** For -C/-D: whether two rules' data are the same where the saved text does not tell
   *  (icmp6's code range, of which only the first code is saved). */
  same?(a: I, b: I): boolean;
}

/** The extensions of each name, every family's. */
const matches = new Map<string, XtablesExt[]>();
const targets = new Map<string, XtablesExt[]>();

function add(reg: Map<string, XtablesExt[]>, x: XtablesExt): void {
  const l = reg.get(x.name);
  if (l) l.push(x);
  else reg.set(x.name, [x]);
}

/** The one of `l` for family `af`: its own, else one serving every family. */
function forFamily(l: XtablesExt[] | undefined, af: number): XtablesExt | undefined {
  if (!l) return undefined;
  let any: XtablesExt | undefined;
  for (const x of l) {
    if (x.family === af) return x;
    if (x.family === undefined) any ??= x;
  }
  return any;
}

export function registerMatch<I>(x: XtablesExt<I>): void {
  add(matches, x);
}
export function registerTarget<I>(x: XtablesExt<I>): void {
  add(targets, x);
}
/** xtables_find_match() for family `af` ("icmpv6" and "ipv6-icmp" name icmp6). */
export function findMatchExt(name: string, af = NFPROTO_IPV4): XtablesExt | undefined {
  if (name === 'icmpv6' || name === 'ipv6-icmp') name = 'icmp6';
  return forFamily(matches.get(name), af);
}
/** xtables_find_target() for family `af`. */
export function findTargetExt(name: string, af = NFPROTO_IPV4): XtablesExt | undefined {
  return forFamily(targets.get(name), af);
}

/** Userspace extension by its kernel name and family (how -L / -S find the printer of a
 *  rule's match). */
const byKernel = new Map<string, XtablesExt>();
export function extOfKernel(kind: 'm' | 't', kname: string, af = NFPROTO_IPV4): XtablesExt | undefined {
  const key = `${kind}:${af}:${kname}`;
  let x = byKernel.get(key);
  if (!x) {
    const all: XtablesExt[] = [];
    for (const l of (kind === 'm' ? matches : targets).values()) {
      for (const e of l) if ((e.kernel ?? e.name) === kname) all.push(e);
    }
    x = forFamily(all, af);
    if (x) byKernel.set(key, x);
  }
  return x;
}
