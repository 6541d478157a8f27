// iptables and ip6tables 1.8.9 (nf_tables), as Debian 12 ships them: rules edited and listed
// (-A -I -D -R -C -F -Z -N -X -E -P -L -S) with the real tools' output and errors. One code
// path for both families; what differs (addresses, the program's name, the extensions each
// family loads, -f) comes from the family's ops (nft-ipv4.ts, nft-ipv6.ts).
import type { Process, Tool } from '../process.js';
import '../../kernel/netfilter/index.js';
import './ext/all.js';
import {
  xtFindTable, xtNewTable, chainRefs, newEntry, cloneEntry, xtFindMatch, xtFindTarget, type IptEntry, type XtChain, type XtTable,
  type XtEntryMatch, type XtMatchOps, type XtTargetOps,
  xtTableChanged, xtJumpMakesLoop, xtJumpTarget, xtChainJumpTarget, xtUserChain,
  IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP,
} from '../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';
import { protoByName, protoName, protoSaveName } from './names.js';
import {
  nftRulesAdd, nftBuiltinChainsDel, nftChainAdd, nftChainUpdate, nftChainDel, nftRuleAdd, nftRuleDel, nftRulesFlush,
  nftCommit, nftAbort,
} from '../../kernel/netfilter/nf_tables_api.js';
import { nfCtNetnsSync } from '../../kernel/netfilter/nf_conntrack_core.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { findMatchExt, findTargetExt, extOfKernel, type XtablesExt, type ExtCtx } from './ext/index.js';
import { PROG, ParamError, kerr, perr, tryHelp, hostsOf, type Hosts, type NftFamilyOps } from './xshared.js';
import { nftIpv4 } from './nft-ipv4.js';
import { nftIpv6 } from './nft-ipv6.js';
import { xtablesHelp } from './help.js';
import { printk, KERN_SOH } from '../../kernel/printk.js';

export { ParamError };
export type { NftFamilyOps };

/** The family ops of a table (its `af`; unset: IPv4). */
export function familyOfTable(t: XtTable): NftFamilyOps {
  return t.af === NFPROTO_IPV6 ? nftIpv6 : nftIpv4;
}

type Cmd = 'A' | 'I' | 'D' | 'R' | 'C' | 'F' | 'Z' | 'N' | 'X' | 'E' | 'P' | 'L' | 'S';
/** What the options of do_parse()'s own (not an extension's) do. */
type OptKind = 'table' | 'numeric' | 'verbose' | 'exact' | 'lineNumbers' | 'source' | 'destination' | 'in' | 'out' |
  'protocol' | 'ipv4' | 'ipv6' | 'fragment' | 'jump' | 'goto' | 'match' | 'counters' | 'help' | 'wait';
/** One of those words: a command (its letter) or an option; `once`: set_option()'s bit for an
 *  option that may be given once, and the flag its "multiple ... flags not allowed" names. */
interface BuiltinOpt { kind: Cmd | OptKind; once: number; flag: string }
/** Every word do_parse() knows itself, looked up once per word of a command line (a restore of
 *  100,000 rules reads a million words); the one-letter ones also by their letter's code. */
const BUILTIN = new Map<string, BuiltinOpt>();
const BUILTIN_SHORT: (BuiltinOpt | undefined)[] = [];
{
  const onceBits = new Map<string, number>();
  const def = (kind: Cmd | OptKind, words: string[], flag?: string): void => {
    let once = 0;
    if (flag !== undefined) {
      if (!onceBits.has(flag)) onceBits.set(flag, 1 << onceBits.size);
      once = onceBits.get(flag)!;
    }
    for (const w of words) {
      const o: BuiltinOpt = { kind, once, flag: flag ?? '' };
      BUILTIN.set(w, o);
      if (w.length === 2) BUILTIN_SHORT[w.charCodeAt(1)] = o;
    }
  };
  def('A', ['-A', '--append']);
  def('I', ['-I', '--insert']);
  def('D', ['-D', '--delete']);
  def('R', ['-R', '--replace']);
  def('C', ['-C', '--check']);
  def('F', ['-F', '--flush']);
  def('Z', ['-Z', '--zero']);
  def('N', ['-N', '--new-chain']);
  def('X', ['-X', '--delete-chain']);
  def('E', ['-E', '--rename-chain']);
  def('P', ['-P', '--policy']);
  def('L', ['-L', '--list']);
  def('S', ['-S', '--list-rules']);
  def('table', ['-t', '--table']);
  def('numeric', ['-n', '--numeric'], '-n');
  def('verbose', ['-v', '--verbose']);
  def('exact', ['-x', '--exact'], '-x');
  def('lineNumbers', ['--line-numbers'], '--line-numbers');
  def('source', ['-s', '--source', '--src'], '-s');
  def('destination', ['-d', '--destination', '--dst'], '-d');
  def('in', ['-i', '--in-interface'], '-i');
  def('out', ['-o', '--out-interface'], '-o');
  def('protocol', ['-p', '--protocol'], '-p');
  def('ipv4', ['-4', '--ipv4']);
  def('ipv6', ['-6', '--ipv6']);
  def('fragment', ['-f', '--fragment'], '-f');
  def('jump', ['-j', '--jump'], '-j');
  def('goto', ['-g', '--goto'], '-j');
  def('match', ['-m', '--match']);
  def('counters', ['-c', '--set-counters'], '-c');
  def('help', ['-h', '--help']);
  def('wait', ['-w', '--wait', '-W', '--wait-interval']);
}
/** getopt_long()'s short options ("-:A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fbvw::W::nt:m:xc:g:46"):
 *  1 takes an argument, 2 an optional one (only when attached), 0 none. A word that bundles
 *  several ("-nvL", "-tnat") is read as getopt reads it. */
const SHORT_ARGS: Record<string, number> = {
  A: 1, C: 1, D: 1, R: 1, I: 1, N: 1, E: 1, P: 1, M: 1, o: 1, p: 1, s: 1, d: 1, j: 1, i: 1, t: 1, m: 1, c: 1, g: 1,
  L: 2, S: 2, F: 2, Z: 2, X: 2, h: 2, w: 2, W: 2,
  V: 0, f: 0, b: 0, v: 0, n: 0, x: 0, 4: 0, 6: 0,
};
/** The standard targets (built into iptables, not extensions). */
const STANDARD = new Set(['ACCEPT', 'DROP', 'RETURN']);

// ---------------------------------------------------------------------------------------
// Output

interface Fmt { numeric: boolean; verbose: boolean; exact: boolean; lineNumbers: boolean; hosts?: Hosts }

/** xtables_print_num() */
function num(n: number, f: Fmt, table = true): string {
  if (f.exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  if (n <= 99999) return table ? `${String(n).padStart(5)} ` : `${n} `;
  for (const suf of ['K', 'M', 'G', 'T']) {
    n = Math.floor((n + 500) / 1000);
    if (n <= 9999 || suf === 'T') return table ? `${String(n).padStart(4)}${suf} ` : `${n}${suf} `;
  }
  return '';
}

function targetName(e: IptEntry, af: number): string {
  const tg = e.target;
  if (tg.kind === 'verdict') return tg.verdict;
  if (tg.kind === 'jump') return tg.chain;
  if (tg.kind === 'ext') {
    const x = extOfKernel('t', tg.ops.name, af);
    return x?.listName ?? x?.name ?? tg.ops.name;
  }
  return '';
}

/** The rule as -S prints it after "-A CHAIN" (counters with -v); `fam`: its table's family. */
export function ruleSpec(e: IptEntry, counters = false, fam: NftFamilyOps = nftIpv4): string {
  let s = fam.saveAddrs(e);
  if (e.iniface) s += `${e.invIn ? ' !' : ''} -i ${e.iniface}`;
  if (e.outiface) s += `${e.invOut ? ' !' : ''} -o ${e.outiface}`;
  if (e.proto) s += `${e.invProto ? ' !' : ''} -p ${protoSaveName(e.proto)}`;
  if (e.frag) s += `${e.invFrag ? ' !' : ''} -f`;
  for (const m of e.matches) {
    const x = extOfKernel('m', m.ops.name, fam.af)!;
    s += ` -m ${x.saveName ?? x.name}${x.save(m.info, e)}`;
  }
  if (counters) s += ` -c ${e.pcnt} ${e.bcnt}`;
  const tg = e.target;
  if (tg.kind === 'verdict') s += ` -j ${tg.verdict}`;
  else if (tg.kind === 'jump') s += ` ${tg.goto ? '-g' : '-j'} ${tg.chain}`;
  else if (tg.kind === 'ext') {
    const x = extOfKernel('t', tg.ops.name, fam.af)!;
    s += ` -j ${x.saveName ?? x.name}${x.save(tg.info, e)}`;
  }
  return s;
}

function listHeader(t: XtTable, c: XtChain, f: Fmt): string {
  let s = `Chain ${c.name}`;
  if (c.policy) {
    s += ` (policy ${c.policy}`;
    if (f.verbose) s += ` ${num(c.pcnt, f, false)}packets, ${num(c.bcnt, f, false)}bytes`;
    s += ')\n';
  } else {
    s += ` (${chainRefs(t, c.name)} references)\n`;
  }
  const V = f.verbose;
  if (f.lineNumbers) s += 'num  ';
  if (V) s += f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += 'target    ';
  s += ' prot opt';
  if (V) s += ' in     out    ';
  s += ` ${'source'.padEnd(19)} `;
  s += ` ${'destination'.padEnd(19)} `;
  return s + '\n';
}

function listRule(e: IptEntry, n: number, f: Fmt, fam: NftFamilyOps): string {
  let s = '';
  if (f.lineNumbers) s += `${String(n).padEnd(4)} `;
  if (f.verbose) s += num(e.pcnt, f) + num(e.bcnt, f);
  s += `${targetName(e, fam.af).padEnd(9)} `;
  s += e.invProto ? '!' : ' ';
  // print_rule_details(): "%-4s " — a longer name pushes the columns right.
  const pn = f.numeric ? undefined : protoName(e.proto);
  s += `${(pn ?? String(e.proto)).padEnd(4)} `;
  s += e.frag ? (e.invFrag ? '!f ' : '-f ') : '-- ';
  if (f.verbose) {
    const ifs = (inv: boolean, n: string) => `${inv ? '!' : ''}${n || (f.numeric ? '*' : 'any')}`;
    s += ` ${ifs(e.invIn, e.iniface).padEnd(6)} `;
    s += `${ifs(e.invOut, e.outiface).padEnd(6)} `;
  }
  const addr = (src: boolean, inv: boolean) => `${inv ? '!' : ' '}${fam.listAddr(e, src, f.numeric, f.hosts).padEnd(19)} `;
  s += addr(true, e.invSrc) + addr(false, e.invDst);
  if (e.target.kind === 'jump' && e.target.goto) s += '[goto] ';
  for (const m of e.matches) s += extOfKernel('m', m.ops.name, fam.af)!.print(m.info, f.numeric, e);
  if (e.target.kind === 'ext') s += extOfKernel('t', e.target.ops.name, fam.af)!.print(e.target.info, f.numeric, e);
  return s + '\n';
}

// ---------------------------------------------------------------------------------------

/** Rule equality for -D/-C: the same spec (counters aside). */
function sameRule(a: IptEntry, b: IptEntry, fam: NftFamilyOps): boolean {
  if (ruleSpec(a, false, fam) !== ruleSpec(b, false, fam)) return false;
  return a.matches.every((m, k) => extOfKernel('m', m.ops.name, fam.af)!.same?.(m.info, b.matches[k]!.info) ?? true);
}

export function userChainsSorted(t: XtTable): XtChain[] {
  return [...t.chains.values()].filter((c) => !c.policy)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function orderedChains(t: XtTable): XtChain[] {
  return [...[...t.chains.values()].filter((c) => c.policy), ...userChainsSorted(t)];
}

/** The iptables (or ip6tables) program of a family. */
function xtablesTool(fam: NftFamilyOps): Tool {
  const version = `${fam.prog} v1.8.9 (nf_tables)`;
  return (p: Process) => {
    /** The table the command used: its transactions are committed (or aborted) at the end. */
    let used: XtTable | undefined;
    try {
      if (p.argv[1] === '-V' || p.argv[1] === '--version') {
        p.stdout(`${version}\n`);
        return 0;
      }
      const out = runCommand(p.argv, {
        table: (name, create) => (used = xtFindTable(p.netns, name, create, fam.af) ?? xtNewTable(name, fam.af)),
        netns: p.netns,
        family: fam,
        warn: (t) => p.stderr(t),
      });
      if (used) nftCommit(p.netns, [used.batch], toolPid(), progName(p));
      nfCtNetnsSync(p.netns);
      if (out) p.stdout(out);
      return 0;
    } catch (e) {
      if (used) nftAbort(used);
      if (e instanceof ParamError) {
        p.stderr((e.kernel ? `${fam.prog}: ${e.text}` : e.format(version)) + (e.text ? '\n' : '') + (e.hint ? tryHelp(fam.prog) : ''));
        return e.status;
      }
      throw e;
    }
  };
}

let lastPid = 1000;
/** A process id for NFT_MSG_NEWGEN (each command is a process of its own). */
export function toolPid(): number {
  return ++lastPid;
}

/** The process's comm: its program's file name (the kernel keeps 15 characters of it). */
export function progName(p: Process): string {
  return (p.argv[0] ?? '').replace(/^.*\//, '');
}

export const iptables: Tool = xtablesTool(nftIpv4);
export const ip6tables: Tool = xtablesTool(nftIpv6);

/** How a command reaches its tables: the namespace's (iptables) or iptables-restore's copies,
 *  where jumps to chains are resolved at COMMIT (`pending`). */
export interface RunCtx {
  /** The table, or undefined when there is no such table. `create`: the command writes, so
   *  the table comes into being (the others see a fresh table without creating it). */
  table(name: string, create: boolean): XtTable | undefined;
  pending?: { chain: string }[];
  /** The namespace the command runs in. */
  netns?: Netns;
  /** The program's family (iptables: IPv4 unless given). */
  family?: NftFamilyOps;
  /** Where warnings go as they are met (standard error). */
  warn?(text: string): void;
  /** iptables-restore: the rules go to the kernel in one batch at COMMIT, which checks the
   *  whole table for jump loops then (restore.ts); each rule added is reported here instead
   *  of being checked on its own. */
  batch?: { added(op: string, chain: XtChain, entries: IptEntry[]): void };
}

/** An extension's long options as getopt_long() sees them: by the word ("--dport"), each with
 *  its name as the extension knows it and whether it takes an argument. */
interface ExtOpt { name: string; arg: boolean }
const extOptMaps = new WeakMap<XtablesExt, Map<string, ExtOpt>>();
function extOpts(x: XtablesExt): Map<string, ExtOpt> {
  let m = extOptMaps.get(x);
  if (!m) {
    m = new Map();
    for (const [name, arg] of Object.entries(x.opts)) m.set(`--${name}`, { name, arg });
    extOptMaps.set(x, m);
  }
  return m;
}

/** getopt_long(): the option of `x` a word names, exactly or as an unambiguous prefix. */
function extOptOf(opts: Map<string, ExtOpt>, word: string): ExtOpt | undefined {
  const exact = opts.get(word);
  if (exact !== undefined) return exact;
  let hit: ExtOpt | undefined;
  for (const [k, o] of opts) {
    if (!k.startsWith(word)) continue;
    if (hit !== undefined) return undefined;
    hit = o;
  }
  return hit;
}

/** is_exthdr() (xshared.c): the IPv6 extension headers -p can name but never match (the
 *  protocol ip6tables finds is the one after them). */
const EXTHDR_PROTOS = new Set([43, 44, 51, 60]);

/** ExtCtx.seen of an extension given no option yet (one for all). */
const NO_OPTS: readonly string[] = Object.freeze([]);

/** An extension loaded for the command (the copy of struct xtables_match / xtables_target
 *  that xtables_find_match() makes): its data, and what its functions see of the command. */
class LoadedExt implements ExtCtx {
  readonly info: any;
  readonly opts: Map<string, ExtOpt>;
  /** The options given to it so far, each once, in order. */
  private given: string[] | undefined;
  constructor(readonly x: XtablesExt, private readonly cmd: CmdParse) {
    this.info = x.init();
    this.opts = extOpts(x);
  }
  get entry(): IptEntry {
    return this.cmd.e;
  }
  get table(): string {
    return this.cmd.tableName;
  }
  get family(): number {
    return this.cmd.af;
  }
  get netns(): Netns | undefined {
    return this.cmd.ctx.netns;
  }
  get seen(): readonly string[] {
    return this.given ?? NO_OPTS;
  }
  // Extensions also pass ctx.perr on as a plain function: it uses no `this`.
  perr(msg: string): Error {
    return perr(msg);
  }
  nextArg(ok: (word: string) => boolean): string | undefined {
    return this.cmd.nextArg(ok);
  }
  /** Notes an option given to it (after its parse). */
  saw(opt: string): void {
    if (!this.given) this.given = [opt];
    else if (!this.given.includes(opt)) this.given.push(opt);
  }
}

/** do_parse() of one command line: the words read into struct iptables_command_state (the
 *  rule, its extensions, the command and its chain) and the listing flags. iptables-restore
 *  parses every rule line with one of these (start() clears it), so that a line costs no
 *  more objects than the rule it makes. */
class CmdParse implements Fmt {
  readonly fam: NftFamilyOps;
  readonly af: number;
  /** The command line: its first `argc` words (iptables-restore passes one array for every
   *  line, words past the line's own left from longer lines). */
  argv0!: string[];
  argc!: number;
  /** The words (argv0 itself until a bundle is split up), `n` of them, the next at `i`. */
  private argv!: string[];
  private n!: number;
  private i!: number;
  cmd!: Cmd | undefined;
  private cmdOpt!: string;
  chain!: string | undefined;
  newName!: string | undefined;
  ruleNum!: number | undefined;
  policy!: string | undefined;
  zeroToo!: boolean;
  tableName!: string;
  // Fmt
  numeric!: boolean;
  verbose!: boolean;
  exact!: boolean;
  lineNumbers!: boolean;
  hosts!: Hosts | undefined;
  e!: IptEntry;
  sawRuleOpt!: boolean;
  private invert!: boolean;
  /** The matches loaded, in load order; the target's extension apart. */
  loaded!: LoadedExt[];
  target!: LoadedExt | undefined;
  jumpName!: string | undefined;
  isGoto!: boolean;
  /** -s / -d's addresses (unset: any). */
  srcs!: unknown[] | undefined;
  dsts!: unknown[] | undefined;
  warnings!: string;
  setCounters!: [number, number] | undefined;
  /** The BuiltinOpt.once bits of the options given. */
  private onceSeen!: number;
  /** The extension option extFor() found. */
  private extOpt!: ExtOpt | undefined;

  constructor(readonly ctx: RunCtx) {
    this.fam = ctx.family ?? nftIpv4;
    this.af = this.fam.af;
  }

  /** A new command line (argv0[0] is the program's name); the rule starts empty. */
  start(argv0: string[], argc = argv0.length): this {
    this.argv0 = this.argv = argv0;
    this.argc = this.n = argc;
    this.i = 1;
    this.cmd = undefined;
    this.cmdOpt = '';
    this.chain = this.newName = undefined;
    this.ruleNum = undefined;
    this.policy = undefined;
    this.zeroToo = false;
    this.tableName = 'filter';
    this.numeric = this.verbose = this.exact = this.lineNumbers = false;
    this.hosts = undefined;
    this.e = newEntry();
    this.sawRuleOpt = this.invert = false;
    this.loaded = [];
    this.target = undefined;
    this.jumpName = undefined;
    this.isGoto = false;
    this.srcs = this.dsts = undefined;
    this.warnings = '';
    this.setCounters = undefined;
    this.onceSeen = 0;
    this.extOpt = undefined;
    return this;
  }

  /** The machine's /etc/hosts (its IPv4 names; the recording machines name no IPv6 address). */
  hostsFile(): Hosts | undefined {
    if (this.af === NFPROTO_IPV6 || !this.ctx.netns) return undefined;
    return hostsOf(this.ctx.netns.kernel.files.get('/etc/hosts') ?? '127.0.0.1\tlocalhost\n');
  }

  /** Word `k`, or undefined past the last. */
  private word(k: number): string | undefined {
    return k < this.n ? this.argv[k] : undefined;
  }

  private need(opt: string): string {
    const v = this.word(this.i);
    if (v === undefined) throw perr(`option "${opt}" requires an argument`);
    this.i++;
    return v;
  }

  private optional(): string | undefined {
    const v = this.word(this.i);
    if (v !== undefined && !v.startsWith('-')) {
      this.i++;
      return v;
    }
    return undefined;
  }

  /** Takes the next word when `ok` accepts it (ExtCtx.nextArg). */
  nextArg(ok: (word: string) => boolean): string | undefined {
    const v = this.word(this.i);
    if (v === undefined || !ok(v)) return undefined;
    this.i++;
    return v;
  }

  /** Puts a word before the next one (what getopt makes of "-tnat" and "--opt=value"); the
   *  caller's argv stays as it was. */
  private insert(word: string): void {
    if (this.argv === this.argv0) this.argv = this.argv0.slice(0, this.n);
    this.argv.splice(this.i, 0, word);
    this.n++;
  }

  private setCmd(c: Cmd, opt: string): void {
    const cmd = this.cmd;
    if (cmd && !((cmd === 'L' && c === 'Z') || (cmd === 'Z' && c === 'L'))) {
      throw perr(`Cannot use ${opt} with ${this.cmdOpt}`);
    }
    if (cmd) this.zeroToo = true;
    if (!cmd || c === 'L') {
      this.cmd = c;
      this.cmdOpt = opt;
    }
  }

  private takeInvert(): boolean {
    const v = this.invert;
    this.invert = false;
    return v;
  }

  private load(x: XtablesExt): LoadedExt {
    const l = new LoadedExt(x, this);
    this.loaded.push(l);
    return l;
  }

  /** command_default(): the extension an option word belongs to — the target's, then each
   *  loaded match's (the latest first: "-m comment --comment x -m comment --comment y"), then
   *  the match -p names, loaded implicitly (not when -p was inverted); the option goes to
   *  `extOpt`. */
  private extFor(word: string): LoadedExt | undefined {
    const tg = this.target;
    if (tg && (this.extOpt = extOptOf(tg.opts, word))) return tg;
    const loaded = this.loaded;
    for (let k = loaded.length - 1; k >= 0; k--) {
      const l = loaded[k]!;
      if ((this.extOpt = extOptOf(l.opts, word))) return l;
    }
    const e = this.e;
    if (e.proto && !e.invProto) {
      const pn = e.proto === IPPROTO_TCP ? 'tcp' : e.proto === IPPROTO_UDP ? 'udp' : e.proto === IPPROTO_ICMP ? 'icmp' : protoName(e.proto);
      const x = pn ? findMatchExt(pn, this.af) : undefined;
      if (x && (this.extOpt = extOptOf(extOpts(x), word)) && !loaded.some((m) => m.x === x)) return this.load(x);
    }
    return undefined;
  }

  /** Reads the command line; returns the output of a command that ends here (-h), or
   *  undefined. */
  parse(): string | undefined {
    const { fam, af, ctx, e } = this;
    while (this.i < this.n) {
      let a = this.argv[this.i++]!;
      if (a === '!') {
        if (this.invert) throw perr('multiple consecutive ! not allowed');
        this.invert = true;
        continue;
      }
      if (a.length > 2 && a.charCodeAt(0) === 45 && a.charCodeAt(1) !== 45) {
        // A bundle of short options: the first, then its attached argument or the rest.
        const kind = SHORT_ARGS[a[1]!];
        if (kind !== undefined) {
          this.insert(kind ? a.slice(2) : `-${a.slice(2)}`);
          a = a.slice(0, 2);
        }
      }
      let o = a.charCodeAt(0) !== 45 ? undefined : a.length === 2 ? BUILTIN_SHORT[a.charCodeAt(1)] : BUILTIN.get(a);
      if (o !== undefined && o.once) {
        if (this.onceSeen & o.once) throw perr(`multiple ${o.flag} flags not allowed`);
        this.onceSeen |= o.once;
      }
      if (a.charCodeAt(1) === 45 && a.charCodeAt(0) === 45 && a.includes('=')) {
        // "--opt=value": the option, then its value as the next word (the once-only check
        // above saw the whole word, as set_option() never does for this form).
        const eq = a.indexOf('=');
        this.insert(a.slice(eq + 1));
        a = a.slice(0, eq);
        o = BUILTIN.get(a);
      }
      if (o === undefined) {
        const l = a.charCodeAt(0) === 45 && a.charCodeAt(1) === 45 ? this.extFor(a) : undefined;
        if (l) {
          const opt = this.extOpt!;
          const inv = this.takeInvert();
          const arg = opt.arg ? this.need(a) : '';
          l.x.parse(opt.name, arg, inv, l.info, l);
          l.saw(opt.name);
          this.sawRuleOpt = true;
          continue;
        }
        if (a.startsWith('-') && a.length > 1) throw perr(`unknown option "${a}"`);
        throw new ParamError(`Bad argument \`${a}'`);
      }
      switch (o.kind) {
        case 'A': case 'C':
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          break;
        case 'I': case 'D': {
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          const n = this.optional();
          if (n !== undefined) this.ruleNum = parseRuleNum(n);
          break;
        }
        case 'R': {
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          // xs_has_arg(): a next word that is no option.
          const n = this.word(this.i);
          if (n === undefined || n[0] === '-' || n[0] === '!') throw perr('-R requires a rule number');
          this.ruleNum = parseRuleNum(n);
          this.i++;
          break;
        }
        case 'F': case 'Z': case 'X': case 'L':
          this.setCmd(o.kind, a);
          this.chain = this.optional() ?? this.chain;
          if ((o.kind === 'L' || o.kind === 'Z') && this.chain !== undefined) {
            const n = this.optional();
            if (n !== undefined) this.ruleNum = parseRuleNum(n);
          }
          break;
        case 'S': {
          this.setCmd(o.kind, a);
          this.chain = this.optional();
          const n = this.chain !== undefined ? this.optional() : undefined;
          if (n !== undefined) this.ruleNum = parseRuleNum(n);
          break;
        }
        case 'N':
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          break;
        case 'E':
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          this.newName = this.need(a);
          break;
        case 'P':
          this.setCmd(o.kind, a);
          this.chain = this.need(a);
          this.policy = this.need(a);
          break;
        case 'table':
          // iptables-restore names the table itself (its argv starts "-t TABLE"); a rule's own
          // -t is refused (do_parse(): "cannot be used in iptables-restore").
          if (ctx.batch && this.i > 2) throw perr(`The -t option cannot be used in ${fam.prog}-restore.\n`);
          this.tableName = this.need(a);
          break;
        case 'numeric':
          this.numeric = true;
          break;
        case 'verbose':
          this.verbose = true;
          break;
        case 'exact':
          this.exact = true;
          break;
        case 'lineNumbers':
          this.lineNumbers = true;
          break;
        case 'source':
          this.srcs = fam.parseAddrs(this.need(a), this.hostsFile());
          e.invSrc = this.takeInvert();
          this.sawRuleOpt = true;
          break;
        case 'destination':
          this.dsts = fam.parseAddrs(this.need(a), this.hostsFile());
          e.invDst = this.takeInvert();
          this.sawRuleOpt = true;
          break;
        case 'in':
          e.iniface = parseInterface(this.need(a), ctx);
          e.invIn = this.takeInvert();
          this.sawRuleOpt = true;
          break;
        case 'out':
          e.outiface = parseInterface(this.need(a), ctx);
          e.invOut = this.takeInvert();
          this.sawRuleOpt = true;
          break;
        case 'protocol': {
          const v = this.need(a);
          const n = protoByName(v);
          if (n === undefined) throw perr(`unknown protocol "${v}" specified`);
          e.proto = n;
          e.invProto = this.takeInvert();
          if (e.invProto && n === 0) throw perr('rule would never match protocol');
          // ip6tables warns (on stdout) of a -p naming an extension header.
          if (af === NFPROTO_IPV6 && EXTHDR_PROTOS.has(n)) this.warnings += `Warning: never matched protocol: ${v}. use extension match instead.\n`;
          this.sawRuleOpt = true;
          break;
        }
        case 'ipv4': case 'ipv6':
          // The other family's rule: iptables-restore skips the line; otherwise an empty
          // parameter problem, the "Try" line only.
          if ((o.kind === 'ipv4') !== (af !== NFPROTO_IPV6)) {
            if (ctx.batch) return '';
            throw new ParamError('');
          }
          break;
        case 'fragment':
          if (af === NFPROTO_IPV6) throw perr("`-f' is not supported in IPv6, use -m frag instead");
          e.frag = true;
          e.invFrag = this.takeInvert();
          this.sawRuleOpt = true;
          break;
        case 'jump': case 'goto': {
          const name = (this.jumpName = this.need(a));
          this.isGoto = o.kind === 'goto';
          const x = this.isGoto ? undefined : findTargetExt(name, af);
          this.target = x ? new LoadedExt(x, this) : undefined;
          this.sawRuleOpt = true;
          break;
        }
        case 'match': {
          const v = this.need(a);
          const x = findMatchExt(v, af);
          if (!x) throw perr(`Couldn't load match \`${matchAlias(v)}':No such file or directory\n`);
          this.load(x);
          this.sawRuleOpt = true;
          break;
        }
        case 'counters': {
          // "-c PKTS BYTES" or "-c PKTS,BYTES"; sscanf("%llu") of each.
          const pc = this.need(a);
          const comma = pc.indexOf(',', 1);
          const next = this.word(this.i);
          const bc = comma >= 0 ? pc.slice(comma + 1)
            : next !== undefined && next[0] !== '-' && next[0] !== '!' ? this.word(this.i++) : undefined;
          if (bc === undefined) throw perr('-c requires packet and byte counter');
          const llu = /^\s*[+-]?\d+/;
          if (!llu.test(pc)) throw perr('-c packet counter not numeric');
          if (!llu.test(bc)) throw perr('-c byte counter not numeric');
          this.setCounters = [Number(llu.exec(pc)![0]), Number(llu.exec(bc)![0])];
          break;
        }
        case 'help':
          // print_help(), then exit(0) with the rest unread.
          return xtablesHelp(fam.prog, af);
        case 'wait': {
          // xtables lock: netsim's commands never contend for it; the optional value is skipped.
          const v = this.word(this.i);
          if (v !== undefined && /^\d+(\.\d+)?$/.test(v)) this.i++;
          break;
        }
      }
    }
    return undefined;
  }
}

/** Runs one iptables command line; returns its standard output or throws a ParamError. */
export function runCommand(argv0: string[], ctx: RunCtx): string {
  return runWith(new CmdParse(ctx).start(argv0));
}

/** runCommand() for many command lines in one context (iptables-restore's rule lines), each
 *  the first `argc` words of `argv`. */
export function commandRunner(ctx: RunCtx): (argv: string[], argc: number) => string {
  const p = new CmdParse(ctx);
  return (argv, argc) => runWith(p.start(argv, argc));
}

function runWith(p: CmdParse): string {
  const early = p.parse();
  if (early !== undefined) return early;
  return runParsed(p);
}

/** The kernel half of an extension in family `af` (xt_find_match() / xt_find_target()), looked
 *  up once per extension and family. */
const kernelOps = new Map<number, WeakMap<XtablesExt, XtMatchOps | XtTargetOps>>();
function kernelOf(x: XtablesExt, af: number, target: boolean): XtMatchOps | XtTargetOps {
  let m = kernelOps.get(af);
  if (!m) kernelOps.set(af, (m = new WeakMap()));
  let ops = m.get(x);
  if (!ops) {
    const name = x.kernel ?? x.name;
    ops = (target ? xtFindTarget(name, af) : xtFindMatch(name, af))!;
    m.set(x, ops);
  }
  return ops;
}

/** A rule's matches (struct xt_entry_match), in an array of their number: array literals for
 *  the usual few, which V8 learns to allocate where long-lived objects go (a restore keeps
 *  every one), map() beyond. */
function entryMatches(loaded: LoadedExt[], af: number): XtEntryMatch[] {
  const m = (l: LoadedExt): XtEntryMatch => ({ ops: kernelOf(l.x, af, false) as XtMatchOps, info: l.info });
  switch (loaded.length) {
    case 1: return [m(loaded[0]!)];
    case 2: return [m(loaded[0]!), m(loaded[1]!)];
    case 3: return [m(loaded[0]!), m(loaded[1]!), m(loaded[2]!)];
    default: return loaded.map(m);
  }
}

/** The kernel's refusal of a rule (-A/-I/-R) in `chain`. */
function refused(cmd: Cmd, chain: string | undefined, why: string): ParamError {
  // -C and -D send no rule: their refusals name the operation "undefined".
  const op = cmd === 'A' ? 'RULE_APPEND' : cmd === 'I' ? 'RULE_INSERT' : cmd === 'R' ? 'RULE_REPLACE' : undefined;
  return new ParamError(`${PROG}:  ${op} failed (${why}): rule in chain ${chain}`, 4, false);
}

function getChain(t: XtTable, name: string | undefined): XtChain {
  const c = name !== undefined ? t.chains.get(name) : undefined;
  if (!c) throw kerr('No chain/target/match by that name.');
  return c;
}

function listChain(t: XtTable, name: string, tableName: string): XtChain {
  const c = t.chains.get(name);
  if (!c) throw new ParamError(`${PROG}: chain \`${name}' in table \`${tableName}' is incompatible, use 'nft' tool.`, 1, false);
  return c;
}

/** Appends rules to a chain. push()'s first growth reserves 17 slots, and a kube-proxy ruleset
 *  has tens of thousands of chains of a few rules: a short chain is copied into an array of
 *  its exact size instead (less for a restore to keep, and for the garbage collector to copy). */
function appendRules(c: XtChain, entries: IptEntry[]): void {
  if (c.rules.length + entries.length <= 16) c.rules = c.rules.concat(entries);
  else for (const x of entries) c.rules.push(x);
}

/** Whether adding `added` to `c` closes a jump loop (checked per rule, except in a batch). */
function makesLoop(ctx: RunCtx, t: XtTable, op: string, c: XtChain, added: IptEntry[]): boolean {
  if (ctx.batch) {
    ctx.batch.added(op, c, added);
    return false;
  }
  const tg = added[0]?.target;
  return tg?.kind === 'jump' && xtJumpMakesLoop(t, c.name, tg.chain);
}

/** The command once parsed: the rule finished and checked, then done to the table. */
function runParsed(p: CmdParse): string {
  const { ctx, fam, af, e, cmd, chain, ruleNum, policy, tableName, loaded, target, jumpName, isGoto } = p;
  if (!cmd) throw perr('no command specified');
  for (const l of loaded) l.x.final?.(l.info, l);
  if (target) target.x.final?.(target.info, target);
  // (A rule without matches gets an array of its own too: the packet path then only ever
  // walks plain arrays, never newEntry()'s shared frozen one.)
  e.matches = loaded.length ? entryMatches(loaded, af) : [];

  const takesRule = cmd === 'A' || cmd === 'I' || cmd === 'R' || cmd === 'C' || (cmd === 'D' && ruleNum === undefined);
  if (!takesRule && p.sawRuleOpt) throw perr(`Illegal option \`-${firstRuleOpt(p.argv0.slice(0, p.argc))}' with this command`);
  const setCounters = p.setCounters;
  if (setCounters && cmd !== 'A' && cmd !== 'I' && cmd !== 'R' && cmd !== 'P') throw perr("Illegal option `-c' with this command");
  // The counters a new rule starts with. iptables-nft 1.8.9 gives them to IPv4 rules only
  // (the IPv6 rule builder drops them); a policy's are never set this way.
  if (setCounters && af !== NFPROTO_IPV6 && cmd !== 'P') [e.pcnt, e.bcnt] = setCounters;
  const listing = cmd === 'L';
  if ((p.exact || p.lineNumbers) && !listing) throw perr(`Illegal option \`${p.exact ? '-x' : '--line-numbers'}' with this command`);
  if (p.numeric && !listing) throw perr("Illegal option `-n' with this command");

  if (tableName === 'nat' && (policy === 'DROP' || jumpName === 'DROP')) {
    throw perr('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
  }
  const t = ctx.table(tableName, cmd === 'A' || cmd === 'I' || cmd === 'N' || cmd === 'P');
  if (!t) {
    throw new ParamError(`${PROG}: table '${tableName}' does not exist\nPerhaps ${fam.prog} or your kernel needs to be upgraded.`, 3, false);
  }
  /** A rule the kernel is sent (RULE_APPEND, RULE_INSERT, RULE_REPLACE). */
  const sent = cmd === 'A' || cmd === 'I' || cmd === 'R';
  if (takesRule && chain !== undefined) {
    if (chain === 'INPUT' && e.outiface) throw new ParamError(`${PROG}: Can't use -o with INPUT\n`);
    if (chain === 'OUTPUT' && e.iniface) throw new ParamError(`${PROG}: Can't use -i with OUTPUT\n`);
    if (jumpName !== undefined) {
      let to: XtChain | undefined;
      if (target) {
        e.target = { kind: 'ext', ops: kernelOf(target.x, af, true) as XtTargetOps, info: target.info };
      } else if (STANDARD.has(jumpName) && !isGoto) e.target = { kind: 'verdict', verdict: jumpName as 'ACCEPT' };
      else if ((to = t.chains.get(jumpName)) && !to.policy) {
        e.target = xtChainJumpTarget(to, isGoto);
      } else if (to?.policy) {
        // nf_tables has no jump to a base chain: to the rule's own, EOPNOTSUPP.
        throw refused(cmd, chain, jumpName === chain ? 'Operation not supported' : 'No such file or directory');
      } else if (ctx.pending && !STANDARD.has(jumpName)) {
        e.target = xtJumpTarget(t, jumpName, isGoto);
        ctx.pending.push({ chain: jumpName });
      } else throw perr(`Chain '${jumpName}' does not exist`);
    }
    if (sent) {
      for (let k = 0; k <= loaded.length; k++) {
        const l = k < loaded.length ? loaded[k]! : target;
        if (!l) continue;
        const why = l.x.check?.(l.info, { table: tableName, chain, entry: e, family: af });
        if (typeof why === 'object' && why.log && ctx.netns) printk(ctx.netns.kernel, `${KERN_SOH}6${why.log}`);
        if (why) throw refused(cmd, chain, typeof why === 'object' ? why.errno : why);
      }
    }
  }

  // -s/-d with several addresses: one rule per (source, destination) pair, sources outer.
  let entries: IptEntry[];
  const srcs = p.srcs, dsts = p.dsts;
  if ((!srcs || srcs.length === 1) && (!dsts || dsts.length === 1)) {
    // One rule: the parsed entry itself (copies only when several share its extension data).
    fam.setAddr(e, true, srcs ? srcs[0] : fam.any);
    fam.setAddr(e, false, dsts ? dsts[0] : fam.any);
    entries = [e];
  } else {
    entries = [];
    for (const s of srcs ?? [fam.any]) {
      for (const d of dsts ?? [fam.any]) {
        const x = cloneEntry(e);
        fam.setAddr(x, true, s);
        fam.setAddr(x, false, d);
        entries.push(x);
      }
    }
  }
  if (sent && ((e.invSrc && entries.some((x) => fam.anyAddr(x, true))) || (e.invDst && entries.some((x) => fam.anyAddr(x, false))))) {
    throw refused(cmd, chain, 'Invalid argument');
  }
  if (entries[0] !== e) Object.assign(e, entries[0]);
  let out = p.warnings;
  if (cmd !== 'C' && cmd !== 'L' && cmd !== 'S') xtTableChanged(t);
  /** The chain the command wrote to, by name (or the chain itself, when at hand). */
  let wrote: XtChain | string | undefined = cmd === 'X' ? undefined : chain;
  switch (cmd) {
    case 'A': {
      const c = getChain(t, chain);
      nftRulesAdd(t, c, entries);
      appendRules(c, entries);
      wrote = c;
      if (makesLoop(ctx, t, 'RULE_APPEND', c, entries)) {
        c.rules.splice(c.rules.length - entries.length);
        throw eloop('RULE_APPEND', c.name);
      }
      break;
    }
    case 'I': {
      const c = getChain(t, chain);
      const n = ruleNum ?? 1;
      if (n > c.rules.length + 1) throw kerr('Index of insertion too big.');
      nftRulesAdd(t, c, entries);
      // One insertion per address pair, each at position n: they end up in reverse order.
      c.rules.splice(n - 1, 0, ...entries.reverse());
      if (makesLoop(ctx, t, 'RULE_INSERT', c, entries)) {
        c.rules.splice(n - 1, entries.length);
        throw eloop('RULE_INSERT', c.name);
      }
      break;
    }
    case 'R': {
      const c = getChain(t, chain);
      if (ruleNum! > c.rules.length) throw kerr('Index of replacement too big.');
      const old = c.rules[ruleNum! - 1]!;
      e.handle = old.handle; // NLM_F_REPLACE keeps the rule's handle
      c.rules[ruleNum! - 1] = e;
      // Announced as the old rule's deletion and the new one's addition.
      nftRuleDel(t, c, old);
      nftRuleAdd(t, c, e);
      if (makesLoop(ctx, t, 'RULE_REPLACE', c, [e])) {
        c.rules[ruleNum! - 1] = old;
        throw eloop('RULE_REPLACE', c.name);
      }
      break;
    }
    case 'D': {
      const c = getChain(t, chain);
      if (ruleNum !== undefined) {
        if (ruleNum > c.rules.length) throw kerr('Index of deletion too big.');
        nftRuleDel(t, c, c.rules.splice(ruleNum - 1, 1)[0]!);
      } else {
        for (const x of entries) {
          const k = c.rules.findIndex((r) => sameRule(r, x, fam));
          if (k < 0) throw kerr('Bad rule (does a matching rule exist in that chain?).');
          nftRuleDel(t, c, c.rules.splice(k, 1)[0]!);
        }
      }
      break;
    }
    case 'C': {
      // No such chain is no such rule either.
      const c = chain !== undefined ? t.chains.get(chain) : undefined;
      if (!c || !entries.every((x) => c.rules.some((r) => sameRule(r, x, fam)))) throw kerr('Bad rule (does a matching rule exist in that chain?).');
      break;
    }
    case 'F':
      // One NFT_MSG_DELRULE for the chain (or the table): the kernel deletes rule by rule,
      // chains in the order they were made.
      nftRulesFlush(t, chain !== undefined ? [getChain(t, chain)] : undefined);
      for (const c of chain !== undefined ? [getChain(t, chain)] : t.chains.values()) c.rules = [];
      break;
    case 'Z':
      if (ruleNum !== undefined) {
        // One rule's counters (none beyond the last); a built-in chain nf_tables does not have
        // yet has no rule to find.
        const c = getChain(t, chain);
        if (c.policy && c.handle === undefined) throw kerr('Bad rule (does a matching rule exist in that chain?).');
        const r = c.rules[ruleNum - 1];
        if (r) {
          nftRuleDel(t, c, r);
          r.pcnt = r.bcnt = 0;
          nftRuleAdd(t, c, r);
        }
        break;
      }
      for (const c of chain !== undefined ? [getChain(t, chain)] : t.chains.values()) nftChainZeroCounters(t, c);
      break;
    case 'N': {
      const n = chain!;
      if (n.startsWith('-')) throw perr("chain name not allowed to start with `-'");
      if (n.length >= 29) throw perr(`chain name \`${n}' too long (must be under 29 chars)`);
      if (STANDARD.has(n) || findTargetExt(n, af)) throw perr('chain name may not clash with target name');
      if (/\s/.test(n)) throw perr(`Invalid chain name \`${n}'`);
      if (t.chains.has(n)) throw kerr('Chain already exists.');
      t.chains.set(n, xtUserChain(n));
      break;
    }
    case 'X': {
      // The whole deletion is one transaction: a busy chain leaves every chain in place.
      const victims = chain !== undefined ? [getChain(t, chain)] : userChainsSorted(t);
      const named = victims[0];
      if (chain !== undefined && named?.policy) {
        // A built-in chain named: deleted from nf_tables when empty with policy ACCEPT.
        if (named.handle === undefined) throw kerr('No chain/target/match by that name.');
        if (named.rules.length) throw new ParamError(`${PROG}:  CHAIN_DEL failed (Device or resource busy): chain ${named.name}`, 4, false);
        if (named.policy === 'DROP') throw kerr('Directory not empty.');
      }
      for (const c of victims) {
        if (c.policy) continue;
        if (c.rules.length || chainRefs(t, c.name)) {
          throw new ParamError(`${PROG}:  CHAIN_DEL failed (Device or resource busy): chain ${c.name}`, 4, false);
        }
      }
      // The built-in chains go first (in hook order), then the user chains.
      nftBuiltinChainsDel(t, chain);
      for (const c of victims) {
        if (c.policy) continue;
        nftChainDel(t, c);
        t.chains.delete(c.name);
      }
      break;
    }
    case 'E': {
      // The new name is looked at first.
      if (t.chains.has(p.newName!)) throw kerr('File exists.');
      const c = getChain(t, chain);
      if (c.policy) throw kerr('No chain/target/match by that name.');
      const entries = [...t.chains.entries()].map(([k, v]): [string, XtChain] => (k === c.name ? [p.newName!, v] : [k, v]));
      for (const ch of t.chains.values()) {
        for (const r of ch.rules) {
          if (r.target.kind === 'jump' && r.target.chain === c.name) r.target = { ...r.target, chain: p.newName! };
        }
      }
      c.name = p.newName!;
      t.chains.clear();
      for (const [k, v] of entries) t.chains.set(k, v);
      // NFT_MSG_NEWCHAIN with the chain's handle and its new name.
      nftChainUpdate(t, c);
      break;
    }
    case 'P': {
      const c = t.chains.get(chain!);
      if (!c || !c.policy) throw kerr('Bad built-in chain name.');
      if (policy !== 'ACCEPT' && policy !== 'DROP') throw kerr("Bad policy name. Run `dmesg' for more information.");
      // nft_xt_builtin_init() makes the chain (policy ACCEPT) first, if nf_tables lacks it.
      nftChainAdd(t, c);
      c.policy = policy;
      c.counted = true;
      // The chain goes to the kernel again with fresh (zero) counters, -c or not.
      c.pcnt = c.bcnt = 0;
      nftChainUpdate(t, c);
      break;
    }
    case 'L': {
      if (!p.numeric) p.hosts = p.hostsFile();
      const chains = chain !== undefined ? [listChain(t, chain, tableName)] : orderedChains(t);
      if (chain !== undefined && ruleNum !== undefined) {
        const r = chains[0]!.rules[ruleNum - 1];
        if (r) out += listRule(r, ruleNum, p, fam);
      } else {
        chains.forEach((c, k) => {
          if (k) out += '\n';
          out += listHeader(t, c, p);
          c.rules.forEach((r, n) => { out += listRule(r, n + 1, p, fam); });
        });
      }
      if (p.zeroToo) {
        for (const c of chains) zero(c);
        if (chain !== undefined) out += `Zeroing chain \`${chain}'\n`;
      }
      break;
    }
    case 'S': {
      const chains = chain !== undefined ? [listChain(t, chain, tableName)] : orderedChains(t);
      if (ruleNum !== undefined) {
        const r = chains[0]!.rules[ruleNum - 1];
        if (r) out += `-A ${chains[0]!.name}${ruleSpec(r, p.verbose, fam)}\n`;
        break;
      }
      for (const c of chains) {
        out += c.policy ? `-P ${c.name} ${c.policy}${p.verbose ? ` -c ${c.pcnt} ${c.bcnt}` : ''}\n` : `-N ${c.name}\n`;
      }
      for (const c of chains) for (const r of c.rules) out += `-A ${c.name}${ruleSpec(r, p.verbose, fam)}\n`;
      break;
    }
  }
  // Once more after the change: what was computed from the table meanwhile is stale.
  if (cmd !== 'C' && cmd !== 'L' && cmd !== 'S') xtTableChanged(t, wrote);
  return out;
}

function eloop(op: string, chain: string): ParamError {
  return new ParamError(`${PROG}:  ${op} failed (Too many links): rule in chain ${chain}`, 4, false);
}

/** nft_chain_zero_counters(): a base chain nf_tables has goes to the kernel again with zero
 *  counters, and each rule whose counters are not zero is replaced by itself without them. */
function nftChainZeroCounters(t: XtTable, c: XtChain): void {
  if (c.handle === undefined) return zero(c);
  if (c.policy) {
    c.pcnt = c.bcnt = 0;
    nftChainUpdate(t, c);
  }
  for (const r of c.rules) {
    if (!r.pcnt && !r.bcnt) continue;
    nftRuleDel(t, c, r);
    r.pcnt = r.bcnt = 0;
    nftRuleAdd(t, c, r);
  }
  c.pcnt = c.bcnt = 0;
}

function zero(c: XtChain): void {
  c.pcnt = c.bcnt = 0;
  for (const r of c.rules) r.pcnt = r.bcnt = 0;
}

function parseRuleNum(s: string): number {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw perr(`Invalid rule number \`${s}'`);
  return Number(s);
}

/** -i / -o's value (xtables_parse_interface()): an empty or too long name is refused; a
 *  name the kernel would not allow only draws a warning. */
function parseInterface(v: string, ctx: RunCtx): string {
  if (v === '') throw perr('Empty interface is likely to be undesired');
  if (v.length + 1 > 16) throw perr(`interface name \`${v}' must be shorter than IFNAMSIZ (15)`);
  if (!v.endsWith('+') && /[/ ]/.test(v)) {
    ctx.warn?.(`Warning: weird character in interface \`${v}' ('/' and ' ' are not allowed by the kernel).\n`);
  }
  return v;
}

/** xtables_find_match()'s aliases of icmp6. */
function matchAlias(name: string): string {
  return name === 'icmpv6' || name === 'ipv6-icmp' ? 'icmp6' : name;
}

function firstRuleOpt(argv: string[]): string {
  const o = argv.find((a) => /^-[sdiopjgm]$/.test(a));
  return o ? o.slice(1) : 's';
}
