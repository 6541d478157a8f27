// iptables and ip6tables 1.8.9 (nf_tables), as Debian 12 ships them: rules edited and listed
// (-A -I -D -R -C -F -Z -N -X -E -P -L -S) with the real tools' output and errors. One code
// path for both families; what differs (addresses, the program's name, the extensions each
// family loads, -f) comes from the family's ops (nft-ipv4.ts, nft-ipv6.ts).
import type { Process, Tool } from '../process.js';
import '../../kernel/netfilter/index.js';
import './ext/all.js';
import {
  xtFindTable, xtNewTable, chainRefs, newEntry, cloneEntry, xtFindMatch, xtFindTarget, type IptEntry, type XtChain, type XtTable,
  xtTableChanged, xtJumpMakesLoop, xtJumpTarget,
  IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP,
} from '../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';
import { protoByName, protoName, protoSaveName } from './names.js';
import { nftRulesAdd, nftBuiltinChainsDel } from '../../kernel/netfilter/nf_tables_api.js';
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
const LONG_CMDS: Record<string, Cmd> = {
  '--append': 'A', '--insert': 'I', '--delete': 'D', '--replace': 'R', '--check': 'C',
  '--flush': 'F', '--zero': 'Z', '--new-chain': 'N', '--delete-chain': 'X',
  '--rename-chain': 'E', '--policy': 'P', '--list': 'L', '--list-rules': 'S',
};
const LONG_CMD = new Map(Object.entries(LONG_CMDS));
/** The one-letter commands by their letter's character code. */
const SHORT_CMD: (Cmd | undefined)[] = [];
for (const c of 'AIDRCFZNXEPLS') SHORT_CMD[c.charCodeAt(0)] = c as Cmd;
/** getopt_long()'s short options ("-:A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fbvw::W::nt:m:xc:g:46"):
 *  1 takes an argument, 2 an optional one (only when attached), 0 none. A word that bundles
 *  several ("-nvL", "-tnat") is read as getopt reads it. */
const SHORT_ARGS: Record<string, number> = {
  A: 1, C: 1, D: 1, R: 1, I: 1, N: 1, E: 1, P: 1, M: 1, o: 1, p: 1, s: 1, d: 1, j: 1, i: 1, t: 1, m: 1, c: 1, g: 1,
  L: 2, S: 2, F: 2, Z: 2, X: 2, h: 2, w: 2, W: 2,
  V: 0, f: 0, b: 0, v: 0, n: 0, x: 0, 4: 0, 6: 0,
};
/** set_option(): the options that may be given once ("multiple -X flags not allowed"). */
const ONCE = new Map(Object.entries({
  '-s': 's', '--source': 's', '--src': 's', '-d': 'd', '--destination': 'd', '--dst': 'd', '-p': 'p', '--protocol': 'p',
  '-i': 'i', '--in-interface': 'i', '-o': 'o', '--out-interface': 'o', '-j': 'j', '--jump': 'j', '-g': 'j', '--goto': 'j',
  '-f': 'f', '--fragment': 'f', '-n': 'n', '--numeric': 'n', '-x': 'x', '--exact': 'x', '-c': 'c', '--set-counters': 'c',
  '--line-numbers': '0',
}));
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
    try {
      if (p.argv[1] === '-V' || p.argv[1] === '--version') {
        p.stdout(`${version}\n`);
        return 0;
      }
      const out = runCommand(p.argv, {
        table: (name, create) => xtFindTable(p.netns, name, create, fam.af) ?? xtNewTable(name, fam.af),
        netns: p.netns,
        family: fam,
        warn: (t) => p.stderr(t),
      });
      nfCtNetnsSync(p.netns);
      if (out) p.stdout(out);
      return 0;
    } catch (e) {
      if (e instanceof ParamError) {
        p.stderr((e.kernel ? `${fam.prog}: ${e.text}` : e.format(version)) + (e.text ? '\n' : '') + (e.hint ? tryHelp(fam.prog) : ''));
        return e.status;
      }
      throw e;
    }
  };
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

/** An extension's option table as a Map (own names only): the words of a command line are
 *  fresh strings, which `in` and [] would first intern. */
const optMaps = new WeakMap<object, Map<string, boolean>>();
/** An extension's options (name: whether it takes an argument), as a Map. */
function optMap(x: XtablesExt): Map<string, boolean> {
  let m = optMaps.get(x.opts);
  if (!m) optMaps.set(x.opts, (m = new Map(Object.entries(x.opts))));
  return m;
}

function optTakesArg(x: XtablesExt, opt: string): boolean | undefined {
  return optMap(x).get(opt);
}

function isUserChain(t: XtTable, name: string): boolean {
  const c = t.chains.get(name);
  return c !== undefined && !c.policy;
}

/** is_exthdr() (xshared.c): the IPv6 extension headers -p can name but never match (the
 *  protocol ip6tables finds is the one after them). */
const EXTHDR_PROTOS = new Set([43, 44, 51, 60]);

/** Runs one iptables command line; returns its standard output or throws a ParamError. */
export function runCommand(argv0: string[], ctx: RunCtx): string {
  const fam = ctx.family ?? nftIpv4;
  const af = fam.af;
  const argv = argv0.slice(1);
  let cmd: Cmd | undefined;
  let cmdOpt = '';
  let chain: string | undefined;
  let newName: string | undefined;
  let ruleNum: number | undefined;
  let policy: string | undefined;
  let zeroToo = false;
  let tableName = 'filter';
  /** The machine's /etc/hosts (its IPv4 names; the recording machines name no IPv6 address). */
  const hosts = (): Hosts | undefined => {
    if (af === NFPROTO_IPV6 || !ctx.netns) return undefined;
    return hostsOf(ctx.netns.kernel.files.get('/etc/hosts') ?? '127.0.0.1\tlocalhost\n');
  };
  const f: Fmt = { numeric: false, verbose: false, exact: false, lineNumbers: false, hosts: undefined };
  const e = newEntry();
  let sawRuleOpt = false;
  let invert = false;
  /** The extensions loaded for this rule, in load order; the target's last. */
  interface Loaded { x: XtablesExt; info: any; seen: Set<string>; ctx?: ExtCtx }
  const loaded: Loaded[] = [];
  let target: Loaded | undefined;
  let jumpName: string | undefined;
  let srcs = [fam.any];
  let dsts = srcs;
  let warnings = '';
  let setCounters: [number, number] | undefined;
  let isGoto = false;
  let i = 0;

  const need = (opt: string): string => {
    const v = argv[i];
    if (v === undefined) {
      throw perr(`option "${opt}" requires an argument`);
    }
    i++;
    return v;
  };
  const optional = (): string | undefined => {
    const v = argv[i];
    if (v !== undefined && !v.startsWith('-')) {
      i++;
      return v;
    }
    return undefined;
  };
  const setCmd = (c: Cmd, opt: string) => {
    if (cmd && !((cmd === 'L' && c === 'Z') || (cmd === 'Z' && c === 'L'))) {
      throw perr(`Cannot use ${opt} with ${cmdOpt}`);
    }
    if (cmd) zeroToo = true;
    if (!cmd || c === 'L') {
      cmd = c;
      cmdOpt = opt;
    }
  };
  const takeInvert = (): boolean => {
    const v = invert;
    invert = false;
    return v;
  };
  const load = (x: XtablesExt): Loaded => {
    const l = { x, info: x.init(), seen: new Set<string>() };
    loaded.push(l);
    return l;
  };
  const nextArg = (ok: (v: string) => boolean) => (argv[i] !== undefined && ok(argv[i]!) ? argv[i++] : undefined);
  /** One context per loaded extension, made on first use. */
  const extCtx = (l: Loaded): ExtCtx => {
    const c = (l.ctx ??= { entry: e, table: tableName, perr, seen: l.seen, netns: ctx.netns, nextArg, family: af });
    c.table = tableName;
    return c;
  };
  /** command_default(): the target's options, then each loaded match's, then the match -p
   *  names, loaded implicitly (not when -p was inverted). */
  /** getopt_long(): an option by its name or an unambiguous prefix of it. */
  let optName = '';
  const has = (x: XtablesExt, opt: string): boolean => {
    if (optTakesArg(x, opt) !== undefined) {
      optName = opt;
      return true;
    }
    let hit: string | undefined;
    // getopt_long(): an unambiguous prefix of one option name.
    for (const k of optMap(x).keys()) {
      if (!k.startsWith(opt)) continue;
      if (hit !== undefined) return false;
      hit = k;
    }
    if (hit === undefined) return false;
    optName = hit;
    return true;
  };
  const extFor = (opt: string): Loaded | undefined => {
    if (target && has(target.x, opt)) return target;
    // The latest loaded instance first ("-m comment --comment x -m comment --comment y").
    for (let k = loaded.length - 1; k >= 0; k--) if (has(loaded[k]!.x, opt)) return loaded[k];
    if (e.proto && !e.invProto) {
      const pn = e.proto === IPPROTO_TCP ? 'tcp' : e.proto === IPPROTO_UDP ? 'udp' : e.proto === IPPROTO_ICMP ? 'icmp' : protoName(e.proto);
      const x = pn ? findMatchExt(pn, af) : undefined;
      if (x && has(x, opt) && !loaded.some((m) => m.x === x)) return load(x);
    }
    return undefined;
  };

  let onceSeen: Set<string> | undefined;
  while (i < argv.length) {
    let a = argv[i++]!;
    if (a === '!') {
      if (invert) throw perr('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    if (a.length > 2 && a.charCodeAt(0) === 45 && a.charCodeAt(1) !== 45) {
      // A bundle of short options: the first, then its attached argument or the rest.
      const kind = SHORT_ARGS[a[1]!];
      if (kind !== undefined) {
        argv.splice(i, 0, kind ? a.slice(2) : `-${a.slice(2)}`);
        a = a.slice(0, 2);
      }
    }
    const once = a.charCodeAt(0) === 45 ? ONCE.get(a) : undefined;
    if (once !== undefined) {
      onceSeen ??= new Set();
      if (onceSeen.has(once)) {
        throw perr(`multiple -${once === '0' ? '-line-numbers' : once} flags not allowed`);
      }
      onceSeen.add(once);
    }
    if (a.startsWith('--') && a.includes('=')) {
      const eq = a.indexOf('=');
      argv.splice(i, 0, a.slice(eq + 1));
      a = a.slice(0, eq);
    }
    const short = a.length === 2 ? (a.charCodeAt(0) === 45 ? SHORT_CMD[a.charCodeAt(1)] : undefined)
      : a.charCodeAt(1) === 45 ? LONG_CMD.get(a) : undefined;
    if (short) {
      const opt = a;
      switch (short) {
        case 'A': case 'C':
          setCmd(short, opt);
          chain = need(opt);
          break;
        case 'I': case 'D': {
          setCmd(short, opt);
          chain = need(opt);
          const n = optional();
          if (n !== undefined) ruleNum = parseRuleNum(n);
          break;
        }
        case 'R': {
          setCmd(short, opt);
          chain = need(opt);
          // xs_has_arg(): a next word that is no option.
          const n = argv[i];
          if (n === undefined || n[0] === '-' || n[0] === '!') throw perr('-R requires a rule number');
          ruleNum = parseRuleNum(argv[i++]!);
          break;
        }
        case 'F': case 'Z': case 'X': case 'L':
          setCmd(short, opt);
          chain = optional() ?? chain;
          if ((short === 'L' || short === 'Z') && chain !== undefined) {
            const n = optional();
            if (n !== undefined) ruleNum = parseRuleNum(n);
          }
          break;
        case 'S': {
          setCmd(short, opt);
          chain = optional();
          const n = chain !== undefined ? optional() : undefined;
          if (n !== undefined) ruleNum = parseRuleNum(n);
          break;
        }
        case 'N':
          setCmd(short, opt);
          chain = need(opt);
          break;
        case 'E':
          setCmd(short, opt);
          chain = need(opt);
          newName = need(opt);
          break;
        case 'P':
          setCmd(short, opt);
          chain = need(opt);
          policy = need(opt);
          break;
      }
      continue;
    }
    switch (a) {
      case '-t': case '--table':
        // iptables-restore names the table itself (its argv starts "-t TABLE"); a rule's own
        // -t is refused (do_parse(): "cannot be used in iptables-restore").
        if (ctx.batch && i > 1) throw perr(`The -t option cannot be used in ${fam.prog}-restore.\n`);
        tableName = need(a);
        break;
      case '-n': case '--numeric':
        f.numeric = true;
        break;
      case '-v': case '--verbose':
        f.verbose = true;
        break;
      case '-x': case '--exact':
        f.exact = true;
        break;
      case '--line-numbers':
        f.lineNumbers = true;
        break;
      case '-s': case '--source': case '--src': {
        srcs = fam.parseAddrs(need(a), hosts());
        e.invSrc = takeInvert();
        sawRuleOpt = true;
        break;
      }
      case '-d': case '--destination': case '--dst': {
        dsts = fam.parseAddrs(need(a), hosts());
        e.invDst = takeInvert();
        sawRuleOpt = true;
        break;
      }
      case '-i': case '--in-interface':
        e.iniface = parseInterface(need(a), ctx);
        e.invIn = takeInvert();
        sawRuleOpt = true;
        break;
      case '-o': case '--out-interface':
        e.outiface = parseInterface(need(a), ctx);
        e.invOut = takeInvert();
        sawRuleOpt = true;
        break;
      case '-p': case '--protocol': {
        const v = need(a);
        const n = protoByName(v);
        if (n === undefined) throw perr(`unknown protocol "${v}" specified`);
        e.proto = n;
        e.invProto = takeInvert();
        if (e.invProto && n === 0) throw perr('rule would never match protocol');
        // ip6tables warns (on stdout) of a -p naming an extension header.
        if (af === NFPROTO_IPV6 && EXTHDR_PROTOS.has(n)) warnings += `Warning: never matched protocol: ${v}. use extension match instead.\n`;
        sawRuleOpt = true;
        break;
      }
      case '-4': case '--ipv4': case '-6': case '--ipv6':
        // The other family's rule: iptables-restore skips the line; otherwise an empty
        // parameter problem, the "Try" line only.
        if ((a === '-4' || a === '--ipv4') !== (af !== NFPROTO_IPV6)) {
          if (ctx.batch) return '';
          throw new ParamError('');
        }
        break;
      case '-f': case '--fragment':
        if (af === NFPROTO_IPV6) throw perr("`-f' is not supported in IPv6, use -m frag instead");
        e.frag = true;
        e.invFrag = takeInvert();
        sawRuleOpt = true;
        break;
      case '-j': case '--jump': case '-g': case '--goto': {
        jumpName = need(a);
        isGoto = a === '-g' || a === '--goto';
        const x = isGoto ? undefined : findTargetExt(jumpName, af);
        target = x ? { x, info: x.init(), seen: new Set() } : undefined;
        sawRuleOpt = true;
        break;
      }
      case '-m': case '--match': {
        const v = need(a);
        const x = findMatchExt(v, af);
        if (!x) throw perr(`Couldn't load match \`${matchAlias(v)}':No such file or directory\n`);
        load(x);
        sawRuleOpt = true;
        break;
      }
      case '-c': case '--set-counters': {
        // "-c PKTS BYTES" or "-c PKTS,BYTES"; sscanf("%llu") of each.
        const pc = need(a);
        const comma = pc.indexOf(',', 1);
        const next = argv[i];
        const bc = comma >= 0 ? pc.slice(comma + 1)
          : next !== undefined && next[0] !== '-' && next[0] !== '!' ? argv[i++] : undefined;
        if (bc === undefined) throw perr('-c requires packet and byte counter');
        const llu = /^\s*[+-]?\d+/;
        if (!llu.test(pc)) throw perr('-c packet counter not numeric');
        if (!llu.test(bc)) throw perr('-c byte counter not numeric');
        setCounters = [Number(llu.exec(pc)![0]), Number(llu.exec(bc)![0])];
        break;
      }
      case '-h': case '--help':
        // print_help(), then exit(0) with the rest unread.
        return xtablesHelp(fam.prog, af);
      case '-w': case '--wait': case '-W': case '--wait-interval':
        // xtables lock: netsim's commands never contend for it; the optional value is skipped.
        if (argv[i] !== undefined && /^\d+(\.\d+)?$/.test(argv[i]!)) i++;
        break;
      default: {
        const l = a.startsWith('--') ? extFor(a.slice(2)) : undefined;
        if (l) {
          const opt = optName;
          const inv = takeInvert();
          const arg = optTakesArg(l.x, opt) ? need(a) : '';
          l.x.parse(opt, arg, inv, l.info, extCtx(l));
          l.seen.add(opt);
          sawRuleOpt = true;
          break;
        }
        if (a.startsWith('-') && a.length > 1) throw perr(`unknown option "${a}"`);
        throw new ParamError(`Bad argument \`${a}'`);
      }
    }
  }
  if (!cmd) throw perr('no command specified');
  /** Every extension of the rule, the target's last. */
  const exts = loaded.slice();
  if (target) exts.push(target);
  for (const l of exts) l.x.final?.(l.info, extCtx(l));
  e.matches = loaded.map((l) => ({ ops: xtFindMatch(l.x.kernel ?? l.x.name, af)!, info: l.info }));

  const takesRule = cmd === 'A' || cmd === 'I' || cmd === 'R' || cmd === 'C' || (cmd === 'D' && ruleNum === undefined);
  if (!takesRule && sawRuleOpt) throw perr(`Illegal option \`-${firstRuleOpt(argv0)}' with this command`);
  if (setCounters && cmd !== 'A' && cmd !== 'I' && cmd !== 'R' && cmd !== 'P') throw perr("Illegal option `-c' with this command");
  // The counters a new rule starts with. iptables-nft 1.8.9 gives them to IPv4 rules only
  // (the IPv6 rule builder drops them); a policy's are never set this way.
  if (setCounters && af !== NFPROTO_IPV6 && cmd !== 'P') [e.pcnt, e.bcnt] = setCounters;
  const listing = cmd === 'L';
  if ((f.exact || f.lineNumbers) && !listing) throw perr(`Illegal option \`${f.exact ? '-x' : '--line-numbers'}' with this command`);
  if (f.numeric && !listing) throw perr("Illegal option `-n' with this command");

  if (tableName === 'nat' && (policy === 'DROP' || jumpName === 'DROP')) {
    throw perr('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
  }
  const t = ctx.table(tableName, cmd === 'A' || cmd === 'I' || cmd === 'N' || cmd === 'P');
  if (!t) {
    throw new ParamError(`${PROG}: table '${tableName}' does not exist\nPerhaps ${fam.prog} or your kernel needs to be upgraded.`, 3, false);
  }
  const opName = { A: 'RULE_APPEND', I: 'RULE_INSERT', R: 'RULE_REPLACE' }[cmd as 'A'] as string | undefined;
  const refused = (why: string) => new ParamError(`${PROG}:  ${opName} failed (${why}): rule in chain ${chain}`, 4, false);
  if (takesRule && chain !== undefined) {
    if (chain === 'INPUT' && e.outiface) throw new ParamError(`${PROG}: Can't use -o with INPUT\n`);
    if (chain === 'OUTPUT' && e.iniface) throw new ParamError(`${PROG}: Can't use -i with OUTPUT\n`);
    if (jumpName !== undefined) {
      if (target) {
        e.target = { kind: 'ext', ops: xtFindTarget(target.x.kernel ?? target.x.name, af)!, info: target.info };
      } else if (STANDARD.has(jumpName) && !isGoto) e.target = { kind: 'verdict', verdict: jumpName as 'ACCEPT' };
      else if (isUserChain(t, jumpName)) {
        e.target = xtJumpTarget(t, jumpName, isGoto);
      } else if (t.chains.get(jumpName)?.policy) {
        // nf_tables has no jump to a base chain: to the rule's own, EOPNOTSUPP.
        throw refused(jumpName === chain ? 'Operation not supported' : 'No such file or directory');
      } else if (ctx.pending && !STANDARD.has(jumpName)) {
        e.target = xtJumpTarget(t, jumpName, isGoto);
        ctx.pending.push({ chain: jumpName });
      } else throw perr(`Chain '${jumpName}' does not exist`);
    }
    if (opName) {
      for (const l of exts) {
        const why = l.x.check?.(l.info, { table: tableName, chain, entry: e, family: af });
        if (typeof why === 'object' && why.log && ctx.netns) printk(ctx.netns.kernel, `${KERN_SOH}6${why.log}`);
        if (why) throw refused(typeof why === 'object' ? why.errno : why);
      }
    }
  }

  const getChain = (name: string | undefined): XtChain => {
    const c = name !== undefined ? t.chains.get(name) : undefined;
    if (!c) throw kerr('No chain/target/match by that name.');
    return c;
  };
  const listChain = (name: string): XtChain => {
    const c = t.chains.get(name);
    if (!c) throw new ParamError(`${PROG}: chain \`${name}' in table \`${tableName}' is incompatible, use 'nft' tool.`, 1, false);
    return c;
  };
  // -s/-d with several addresses: one rule per (source, destination) pair, sources outer.
  const entries: IptEntry[] = [];
  if (srcs.length === 1 && dsts.length === 1) {
    // One rule: the parsed entry itself (copies only when several share its extension data).
    fam.setAddr(e, true, srcs[0]);
    fam.setAddr(e, false, dsts[0]);
    entries.push(e);
  } else {
    for (const s of srcs) {
      for (const d of dsts) {
        const x = cloneEntry(e);
        fam.setAddr(x, true, s);
        fam.setAddr(x, false, d);
        entries.push(x);
      }
    }
  }
  if (opName && ((e.invSrc && entries.some((x) => fam.anyAddr(x, true))) || (e.invDst && entries.some((x) => fam.anyAddr(x, false))))) {
    throw refused('Invalid argument');
  }
  if (entries[0] !== e) Object.assign(e, entries[0]);
  let out = warnings;
  if (cmd !== 'C' && cmd !== 'L' && cmd !== 'S') xtTableChanged(t);
  /** Whether adding `added` to `c` closes a jump loop (checked per rule, except in a batch). */
  const makesLoop = (op: string, c: XtChain, added: IptEntry[]): boolean => {
    if (ctx.batch) {
      ctx.batch.added(op, c, added);
      return false;
    }
    const tg = added[0]?.target;
    return tg?.kind === 'jump' && xtJumpMakesLoop(t, c.name, tg.chain);
  };
  switch (cmd) {
    case 'A': {
      const c = getChain(chain);
      nftRulesAdd(t, c, entries);
      c.rules.push(...entries);
      if (makesLoop('RULE_APPEND', c, entries)) {
        c.rules.splice(c.rules.length - entries.length);
        throw eloop('RULE_APPEND', c.name);
      }
      break;
    }
    case 'I': {
      const c = getChain(chain);
      const n = ruleNum ?? 1;
      if (n > c.rules.length + 1) throw kerr('Index of insertion too big.');
      nftRulesAdd(t, c, entries);
      // One insertion per address pair, each at position n: they end up in reverse order.
      c.rules.splice(n - 1, 0, ...entries.reverse());
      if (makesLoop('RULE_INSERT', c, entries)) {
        c.rules.splice(n - 1, entries.length);
        throw eloop('RULE_INSERT', c.name);
      }
      break;
    }
    case 'R': {
      const c = getChain(chain);
      if (ruleNum! > c.rules.length) throw kerr('Index of replacement too big.');
      const old = c.rules[ruleNum! - 1]!;
      e.handle = old.handle; // NLM_F_REPLACE keeps the rule's handle
      c.rules[ruleNum! - 1] = e;
      if (makesLoop('RULE_REPLACE', c, [e])) {
        c.rules[ruleNum! - 1] = old;
        throw eloop('RULE_REPLACE', c.name);
      }
      break;
    }
    case 'D': {
      const c = getChain(chain);
      if (ruleNum !== undefined) {
        if (ruleNum > c.rules.length) throw kerr('Index of deletion too big.');
        c.rules.splice(ruleNum - 1, 1);
      } else {
        for (const x of entries) {
          const k = c.rules.findIndex((r) => sameRule(r, x, fam));
          if (k < 0) throw kerr('Bad rule (does a matching rule exist in that chain?).');
          c.rules.splice(k, 1);
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
      for (const c of chain !== undefined ? [getChain(chain)] : t.chains.values()) c.rules = [];
      break;
    case 'Z':
      if (ruleNum !== undefined) {
        // One rule's counters (none beyond the last); a built-in chain nf_tables does not have
        // yet has no rule to find.
        const c = getChain(chain);
        if (c.policy && c.handle === undefined) throw kerr('Bad rule (does a matching rule exist in that chain?).');
        const r = c.rules[ruleNum - 1];
        if (r) r.pcnt = r.bcnt = 0;
        break;
      }
      for (const c of chain !== undefined ? [getChain(chain)] : t.chains.values()) zero(c);
      break;
    case 'N': {
      const n = chain!;
      if (n.startsWith('-')) throw perr("chain name not allowed to start with `-'");
      if (n.length >= 29) throw perr(`chain name \`${n}' too long (must be under 29 chars)`);
      if (STANDARD.has(n) || findTargetExt(n, af)) throw perr('chain name may not clash with target name');
      if (/\s/.test(n)) throw perr(`Invalid chain name \`${n}'`);
      if (t.chains.has(n)) throw kerr('Chain already exists.');
      t.chains.set(n, { name: n, pcnt: 0, bcnt: 0, rules: [] });
      break;
    }
    case 'X': {
      // The whole deletion is one transaction: a busy chain leaves every chain in place.
      const victims = chain !== undefined ? [getChain(chain)] : userChainsSorted(t);
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
      for (const c of victims) if (!c.policy) t.chains.delete(c.name);
      nftBuiltinChainsDel(t, chain);
      break;
    }
    case 'E': {
      // The new name is looked at first.
      if (t.chains.has(newName!)) throw kerr('File exists.');
      const c = getChain(chain);
      if (c.policy) throw kerr('No chain/target/match by that name.');
      const entries = [...t.chains.entries()].map(([k, v]): [string, XtChain] => (k === c.name ? [newName!, v] : [k, v]));
      for (const ch of t.chains.values()) {
        for (const r of ch.rules) {
          if (r.target.kind === 'jump' && r.target.chain === c.name) r.target = { ...r.target, chain: newName! };
        }
      }
      c.name = newName!;
      t.chains.clear();
      for (const [k, v] of entries) t.chains.set(k, v);
      break;
    }
    case 'P': {
      const c = t.chains.get(chain!);
      if (!c || !c.policy) throw kerr('Bad built-in chain name.');
      if (policy !== 'ACCEPT' && policy !== 'DROP') throw kerr("Bad policy name. Run `dmesg' for more information.");
      c.policy = policy;
      c.counted = true;
      // The chain goes to the kernel again with fresh (zero) counters, -c or not.
      c.pcnt = c.bcnt = 0;
      break;
    }
    case 'L': {
      if (!f.numeric) f.hosts = hosts();
      const chains = chain !== undefined ? [listChain(chain)] : orderedChains(t);
      if (chain !== undefined && ruleNum !== undefined) {
        const r = chains[0]!.rules[ruleNum - 1];
        if (r) out += listRule(r, ruleNum, f, fam);
      } else {
        chains.forEach((c, k) => {
          if (k) out += '\n';
          out += listHeader(t, c, f);
          c.rules.forEach((r, n) => { out += listRule(r, n + 1, f, fam); });
        });
      }
      if (zeroToo) {
        for (const c of chains) zero(c);
        if (chain !== undefined) out += `Zeroing chain \`${chain}'\n`;
      }
      break;
    }
    case 'S': {
      const chains = chain !== undefined ? [listChain(chain)] : orderedChains(t);
      if (ruleNum !== undefined) {
        const r = chains[0]!.rules[ruleNum - 1];
        if (r) out += `-A ${chains[0]!.name}${ruleSpec(r, f.verbose, fam)}\n`;
        break;
      }
      for (const c of chains) {
        out += c.policy ? `-P ${c.name} ${c.policy}${f.verbose ? ` -c ${c.pcnt} ${c.bcnt}` : ''}\n` : `-N ${c.name}\n`;
      }
      for (const c of chains) for (const r of c.rules) out += `-A ${c.name}${ruleSpec(r, f.verbose, fam)}\n`;
      break;
    }
  }
  // Once more after the change: what was computed from the table meanwhile is stale.
  if (cmd !== 'C' && cmd !== 'L' && cmd !== 'S') xtTableChanged(t, cmd === 'X' ? undefined : chain);
  return out;
}

function eloop(op: string, chain: string): ParamError {
  return new ParamError(`${PROG}:  ${op} failed (Too many links): rule in chain ${chain}`, 4, false);
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
