// The userspace halves of iptables' extensions (struct xtables_match / xtables_target in
// libxtables): each parses its options into the kernel half's info, and prints it for -L
// (print) and for -S / iptables-save (save). One module per extension, named as iptables
// names its libxt_*.c / libipt_*.c.
import type { IptEntry } from '../../../kernel/netfilter/x_tables.js';
import type { Netns } from '../../../kernel/net_namespace.js';

/** What an extension sees of the command being parsed. */
export interface ExtCtx {
  /** The rule as parsed so far (-p, -s, ... before this option). */
  entry: IptEntry;
  table: string;
  /** A parameter problem: "iptables v1.8.9 (nf_tables): <msg>", exit 2, with the hint. */
  perr(msg: string): Error;
  /** The options of this extension instance seen so far (long names, without "--"). */
  seen: Set<string>;
  /** The network namespace the command runs in (what libxt_set's SO_IP_SET lookups ask). */
  netns?: Netns;
  /** Takes the next command-line word when `ok` accepts it (options with two arguments, such
   *  as tcp's --tcp-flags MASK COMP). */
  nextArg?(ok: (word: string) => boolean): string | undefined;
}

export interface XtablesExt<I = any> {
  /** The name given to -m / -j. */
  name: string;
  /** The kernel extension it drives (usually the same name). */
  kernel?: string;
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
  /** Kernel checkentry: strerror() of the errno the kernel refuses the rule with. */
  check?(info: I, ctx: { table: string; chain: string; entry: IptEntry }): string | undefined;
}

const matches = new Map<string, XtablesExt>();
const targets = new Map<string, XtablesExt>();

export function registerMatch<I>(x: XtablesExt<I>): void {
  matches.set(x.name, x);
}
export function registerTarget<I>(x: XtablesExt<I>): void {
  targets.set(x.name, x);
}
/** xtables_find_match() */
export function findMatchExt(name: string): XtablesExt | undefined {
  return matches.get(name);
}
/** xtables_find_target() */
export function findTargetExt(name: string): XtablesExt | undefined {
  return targets.get(name);
}

/** Userspace extension by its kernel name (how -L / -S find the printer of a rule's match). */
const byKernel = new Map<string, XtablesExt>();
export function extOfKernel(kind: 'm' | 't', kname: string): XtablesExt | undefined {
  const key = `${kind}:${kname}`;
  let x = byKernel.get(key);
  if (!x) {
    for (const e of (kind === 'm' ? matches : targets).values()) {
      if ((e.kernel ?? e.name) === kname) {
        x = e;
        break;
      }
    }
    if (x) byKernel.set(key, x);
  }
  return x;
}
