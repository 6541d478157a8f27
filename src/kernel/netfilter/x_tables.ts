// net/netfilter/x_tables.c + net/ipv4/netfilter/ip_tables.c: per-namespace tables of chains,
// rules (struct ipt_entry: the ipt_ip header match, extension matches, one target, counters)
// and ipt_do_table()'s first-match traversal with jump/goto/RETURN. Matches and targets are
// extensions registered by name and family (xt_register_match()/xt_register_target();
// NFPROTO_UNSPEC ones serve every family), one module each. Tables are kept per family as
// net->xt.tables[af] is; an IPv6 table (ip6_tables.ts) is walked by the same traversal with
// its own packet parameters and header match (ip6t_do_table()).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { NF_ACCEPT, NF_DROP, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv4/ip_input.js';
import { tracing } from '../core/neighbour.js';
import { xtChainIndex, xtNextRule, xtPortKey, type XtChainIndex } from './xt_compile.js';
import { nftChainAdd, type NftBatch } from './nf_tables_api.js';
import {
  nftTraceRule, nftTracePolicy, NFT_CONTINUE, NFT_RETURN, NFT_JUMP, NFT_GOTO, type NftTraceInfo,
} from './nf_tables_trace.js';
import { NFPROTO_UNSPEC, NFPROTO_IPV4, NFPROTO_IPV6 } from './core.js';

export const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** A target's "go on with the next rule" (XT_CONTINUE). */
export const XT_CONTINUE = -1;
/** A target's "return from this chain" (XT_RETURN). */
export const XT_RETURN = -2;

/** struct xt_action_param plus the parsed IPv4 header fields every match reads. One object is
 *  reused for a whole table walk. */
export interface XtParam {
  ns: Netns;
  /** par->family: NFPROTO_IPV6 for ip6tables' tables (the IPv4 address fields are then 0);
   *  unset: NFPROTO_IPV4. */
  family?: number;
  skb: SkBuff;
  hook: number;
  table: string;
  in: NetDevice | undefined;
  out: NetDevice | undefined;
  /** The packet's bytes; `nh` is the IP header's offset in them, `thoff` the transport's. */
  buf: Uint8Array;
  nh: number;
  thoff: number;
  /** Fragment offset (non-zero: no transport header here). */
  fragoff: number;
  proto: number;
  saddr: number;
  daddr: number;
  /** IP total length (the byte counters count it). */
  len: number;
  /** par->hotdrop: a match that sets it drops the packet at once. */
  hotdrop: boolean;
}

/** struct xt_match: the kernel half of a match extension. */
export interface XtMatchOps<I = any> {
  name: string;
  /** .family: NFPROTO_UNSPEC (the default) serves every family. */
  family?: number;
  match(par: XtParam, info: I): boolean;
}
/** struct xt_target: returns NF_ACCEPT/NF_DROP/NF_STOLEN, XT_CONTINUE or XT_RETURN. */
export interface XtTargetOps<I = any> {
  name: string;
  family?: number;
  target(par: XtParam, info: I): number;
}

/** xt[af].match / xt[af].target: extensions by family, then name. */
const matchOps = new Map<number, Map<string, XtMatchOps>>();
const targetOps = new Map<number, Map<string, XtTargetOps>>();

function register<T extends { name: string; family?: number }>(reg: Map<number, Map<string, T>>, x: T): void {
  const af = x.family ?? NFPROTO_UNSPEC;
  let m = reg.get(af);
  if (!m) reg.set(af, (m = new Map()));
  m.set(x.name, x);
}

/** xt_register_match() */
export function xtRegisterMatch<I>(m: XtMatchOps<I>): XtMatchOps<I> {
  register(matchOps, m);
  return m;
}
/** xt_register_target() */
export function xtRegisterTarget<I>(t: XtTargetOps<I>): XtTargetOps<I> {
  register(targetOps, t);
  return t;
}
/** xt_find_match(): the family's own extension, else the NFPROTO_UNSPEC one. */
export function xtFindMatch(name: string, af = NFPROTO_IPV4): XtMatchOps | undefined {
  return matchOps.get(af)?.get(name) ?? matchOps.get(NFPROTO_UNSPEC)?.get(name);
}
/** xt_find_target() */
export function xtFindTarget(name: string, af = NFPROTO_IPV4): XtTargetOps | undefined {
  return targetOps.get(af)?.get(name) ?? targetOps.get(NFPROTO_UNSPEC)?.get(name);
}

/** struct xt_entry_match: the extension and its data (the *_info struct). */
export interface XtEntryMatch {
  ops: XtMatchOps;
  info: any;
}

export type Verdict = 'ACCEPT' | 'DROP' | 'RETURN';
export type XtTarget =
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'jump'; chain: string; goto: boolean }
  | { kind: 'ext'; ops: XtTargetOps; info: any }
  | { kind: 'none' };

/** struct ip6t_ip6's addresses and masks (16 bytes each, the address already masked). */
export interface Ip6tAddrs {
  src: Uint8Array; smsk: Uint8Array; dst: Uint8Array; dmsk: Uint8Array;
}

/** struct ipt_entry / ip6t_entry. IPv4 addresses are host-order 32-bit numbers; an IPv6
 *  rule keeps them 0 and has its addresses in `ip6` (none: ::/0 both ways). */
export interface IptEntry {
  src: number; smsk: number; dst: number; dmsk: number;
  ip6?: Ip6tAddrs;
  iniface: string; outiface: string;
  proto: number;
  /** -f: only non-first fragments (with `invFrag`: only first fragments and whole packets). */
  frag: boolean;
  invSrc: boolean; invDst: boolean; invIn: boolean; invOut: boolean; invProto: boolean; invFrag: boolean;
  matches: XtEntryMatch[];
  target: XtTarget;
  pcnt: number;
  bcnt: number;
  /** The nf_tables rule handle (nf_tables_api.ts). */
  handle?: number;
}

export interface XtChain {
  name: string;
  /** Built-in chains have a policy and a hook; user chains have neither. */
  policy?: 'ACCEPT' | 'DROP';
  hook?: number;
  pcnt: number;
  bcnt: number;
  /** A base chain counts the packets its policy decides only once it has nf_tables chain
   *  counters: iptables-nft gives it them when a policy is set (-P, or a restore line),
   *  not when -A creates the chain. */
  counted?: boolean;
  rules: IptEntry[];
  /** The compiled form of `rules` (xt_compile.ts), built on first use and rebuilt when the
   *  rules change; never read it directly. */
  index?: XtChainIndex;
  /** The shared targets jumping [0] and going [1] here (xtJumpTarget()). */
  targets?: (XtTarget | undefined)[];
  /** xtTableHasLoop()'s mark for this chain. */
  visit?: number;
  /** The nf_tables chain handle; unset while iptables-nft has not created the chain
   *  (nf_tables_api.ts). */
  handle?: number;
}

export interface XtTable {
  name: string;
  /** The family (NFPROTO_IPV6 for ip6tables' tables; unset: IPv4). */
  af?: number;
  /** Built-in chains first (in hook order), then user chains. */
  chains: Map<string, XtChain>;
  /** Bumped by every change to the table's rules or chains (xtTableChanged()): what the
   *  compiled chains are checked against, as the kernel swaps in a new xt_table_info. */
  gen?: number;
  /** The built-in chain of each hook, cached for `gen`. */
  hookChains?: { gen: number; chains: (XtChain | undefined)[] };
  /** Shared jump and goto targets to chains that do not exist yet (xtJumpTarget()). */
  jumpTargets?: Map<string, XtTarget>[];
  /** The references to each chain, counted for `gen` (chainRefs()). */
  refs?: { gen: number; count: Map<string, number> };
  /** The last handle given to a chain or rule (table->hgenerator, nf_tables_api.ts). */
  hgen?: number;
  /** The nf_tables table handle; unset while nf_tables has no such table (nf_tables_api.ts). */
  nftHandle?: number;
  /** The transactions not yet committed (nf_tables_api.ts). */
  batch?: NftBatch;
}

/** The target of a jump (goto: a goto) to `chain`, one object shared by every rule of the
 *  table that jumps there: a rule's target is replaced, never changed in place, and a large
 *  ruleset jumps to the same chains from many rules. */
export function xtJumpTarget(t: XtTable, chain: string, goto: boolean): XtTarget {
  const c = t.chains.get(chain);
  if (c) return xtChainJumpTarget(c, goto);
  const k = goto ? 1 : 0;
  const m = (t.jumpTargets ??= [new Map(), new Map()])[k]!;
  let tg = m.get(chain);
  if (!tg) m.set(chain, (tg = { kind: 'jump', chain, goto }));
  return tg;
}

/** xtJumpTarget() to a chain of the table. */
export function xtChainJumpTarget(c: XtChain, goto: boolean): XtTarget {
  const k = goto ? 1 : 0;
  // Kept on the chain itself (one lookup fewer); a renamed chain gets new ones. (Two slots
  // from the start: an empty array's first growth reserves 17.)
  const l = (c.targets ??= [undefined, undefined]);
  let tg = l[k];
  if (!tg || tg.kind !== 'jump' || tg.chain !== c.name) l[k] = tg = { kind: 'jump', chain: c.name, goto };
  return tg;
}

/** Tells the table's compiled forms that its rules or chains changed (every iptables command
 *  that writes, and iptables-restore, call it; the kernel's equivalent is the new table blob
 *  that xt_replace_table() installs, compiled by translate_table()). */
export function xtTableChanged(t: XtTable, chain?: string | XtChain): void {
  t.gen = (t.gen ?? 0) + 1;
  // `chain`, the chain the command wrote to (by name, or the chain itself), exists in
  // nf_tables from now on (nft_xt_builtin_init()).
  const c = typeof chain === 'string' ? t.chains.get(chain) : chain;
  if (c) nftChainAdd(t, c);
}

/** The target of a rule that has none, and the matches of one that has none (shared: a
 *  rule's target and matches are replaced, never changed in place). */
const NO_TARGET: XtTarget = Object.freeze({ kind: 'none' });
const NO_MATCHES = Object.freeze([]) as unknown as XtEntryMatch[];

export function newEntry(): IptEntry {
  // `handle` is there from the start (undefined) so that every rule keeps its fields in the
  // object itself: one added later goes to a separate property array. (No array literal
  // inside: V8 then copies the whole literal the slow way, several times slower.)
  return {
    src: 0, smsk: 0, dst: 0, dmsk: 0, iniface: '', outiface: '', proto: 0, frag: false,
    invSrc: false, invDst: false, invIn: false, invOut: false, invProto: false, invFrag: false,
    matches: NO_MATCHES, target: NO_TARGET, pcnt: 0, bcnt: 0, handle: undefined,
  };
}

/** A copy of a rule whose extension data can be changed without touching the original. */
export function cloneEntry(e: IptEntry): IptEntry {
  const tg = e.target;
  return {
    ...e,
    matches: e.matches.map((m) => ({ ops: m.ops, info: structuredClone(m.info) })),
    target: tg.kind === 'ext' ? { kind: 'ext', ops: tg.ops, info: structuredClone(tg.info) } : { ...tg },
  };
}

type TableFactory = () => XtTable;
const factories = new Map<number, Map<string, TableFactory>>();

/** xt_register_template(): a table of family `af` created in every namespace on first use. */
export function xtRegisterTable(name: string, make: TableFactory, af = NFPROTO_IPV4): void {
  let m = factories.get(af);
  if (!m) factories.set(af, (m = new Map()));
  m.set(name, af === NFPROTO_IPV4 ? make : () => ({ ...make(), af }));
}

function factory(name: string, af: number): TableFactory | undefined {
  return factories.get(af)?.get(name);
}

/** Built-in chain `name` at `hook`, policy ACCEPT. */
export function builtinChain(name: string, hook: number): XtChain {
  return { name, hook, policy: 'ACCEPT', pcnt: 0, bcnt: 0, rules: [] };
}

/** A user chain, empty (-N, an iptables-restore ":CHAIN -" line). The fields set later (the
 *  nf_tables handle, the shared jump targets, the loop check's mark, the compiled index) are
 *  there from the start: a kube-proxy ruleset has tens of thousands of chains, each of which
 *  would otherwise get a separate property array. */
export function xtUserChain(name: string): XtChain {
  return { name, pcnt: 0, bcnt: 0, rules: [], handle: undefined, targets: undefined, visit: undefined, index: undefined };
}

/** net->xt.tables[af] */
function tablesOf(ns: Netns, af: number): Map<string, XtTable> {
  const key = af === NFPROTO_IPV4 ? 'xt_tables' : `xt_tables_${af}`;
  let all = ns.proto[key] as Map<string, XtTable> | undefined;
  if (!all) {
    all = new Map();
    ns.proto[key] = all;
  }
  return all;
}

/** The namespace's table of family `af`, or undefined when no such table exists ("table
 *  does not exist"). */
export function xtFindTable(ns: Netns, name: string, create = true, af = NFPROTO_IPV4): XtTable | undefined {
  const all = tablesOf(ns, af);
  let t = all.get(name);
  if (!t && create) {
    const f = factory(name, af);
    if (!f) return undefined;
    t = f();
    all.set(name, t);
  }
  return t;
}

/** The tables of family `af` that exist in `ns`, in the order they came into being. */
export function xtTables(ns: Netns, af = NFPROTO_IPV4): XtTable[] {
  return [...tablesOf(ns, af).values()];
}

/** Number of rules in the table jumping (or going) to `chain`. Counted for every chain at
 *  once and kept for the table's generation: `iptables -L` asks for each of 40,000 chains. */
export function chainRefs(t: XtTable, chain: string): number {
  const gen = t.gen ?? 0;
  let refs = t.refs;
  if (!refs || refs.gen !== gen) {
    const count = new Map<string, number>();
    for (const c of t.chains.values()) {
      for (const r of c.rules) if (r.target.kind === 'jump') count.set(r.target.chain, (count.get(r.target.chain) ?? 0) + 1);
    }
    refs = t.refs = { gen, count };
  }
  return refs.count.get(chain) ?? 0;
}

// ---------------------------------------------------------------------------------------
// Traversal

/** ifname_compare(): a name ending in '+' matches every name with that prefix. */
export function ifMatch(rule: string, dev: string): boolean {
  if (rule === '') return true;
  if (rule.endsWith('+')) return dev.startsWith(rule.slice(0, -1));
  return rule === dev;
}

/** ip_packet_match() */
function ipPacketMatch(e: IptEntry, p: XtParam): boolean {
  if ((((p.saddr & e.smsk) >>> 0) !== e.src) !== e.invSrc) return false;
  if ((((p.daddr & e.dmsk) >>> 0) !== e.dst) !== e.invDst) return false;
  if (e.iniface && !ifMatch(e.iniface, p.in?.name ?? '') !== e.invIn) return false;
  if (e.outiface && !ifMatch(e.outiface, p.out?.name ?? '') !== e.invOut) return false;
  if (e.proto && (p.proto !== e.proto) !== e.invProto) return false;
  if (e.frag && (p.fragoff === 0) !== e.invFrag) return false;
  return true;
}

export function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

export function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** The IP header's offset in skb.buf at `hook`: locally generated packets have skb->data at
 *  the IP header; received ones recorded it. */
export function ipHdrOff(skb: SkBuff, hook: number): number {
  return hook === NF_INET_LOCAL_OUT || hook === NF_INET_POST_ROUTING || skb.networkOffset < 0
    ? skb.off : skb.networkOffset;
}

/** The match parameters of `skb` at `hook`, or undefined for a runt. */
export function xtParam(ns: Netns, table: string, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): XtParam | undefined {
  const nh = ipHdrOff(skb, hook);
  const b = skb.buf;
  if (nh + 20 > b.length) return undefined;
  return {
    ns, family: NFPROTO_IPV4, skb, hook, table, in: indev, out: outdev, buf: b, nh,
    thoff: nh + (b[nh]! & 0x0f) * 4, fragoff: u16(b, nh + 6) & 0x1fff, proto: b[nh + 9]!,
    saddr: u32(b, nh + 12), daddr: u32(b, nh + 16), len: u16(b, nh + 2), hotdrop: false,
  };
}

/** The family-specific halves of the walk (ipt_do_table() / ip6t_do_table()): the packet's
 *  parameters, and the rule header match (ip_packet_match() / ip6_packet_match()). */
export interface XtAfOps {
  param(ns: Netns, table: string, hook: number, skb: SkBuff, indev: NetDevice | undefined,
    outdev: NetDevice | undefined): XtParam | undefined;
  packetMatch(e: IptEntry, p: XtParam): boolean;
}
const afOps = new Map<number, XtAfOps>([[NFPROTO_IPV4, { param: xtParam, packetMatch: ipPacketMatch }]]);

/** Installs a family's halves of the walk (ip6_tables.ts for NFPROTO_IPV6). */
export function xtRegisterAf(af: number, ops: XtAfOps): void {
  afOps.set(af, ops);
}

/** The built-in chain of `hook` in `t` (cached per table generation). */
function hookChain(t: XtTable, hook: number): XtChain | undefined {
  const gen = t.gen ?? 0;
  let hc = t.hookChains;
  if (!hc || hc.gen !== gen) {
    const chains: (XtChain | undefined)[] = [];
    for (const c of t.chains.values()) if (c.hook !== undefined) chains[c.hook] = c;
    hc = t.hookChains = { gen, chains };
  }
  return hc.chains[hook];
}

/** ipt_do_table(): the verdict of `t` for a packet at `hook`. A policy's counters move
 *  only in chains that have them (XtChain.counted, nft_update_chain_stats()).
 *  Long chains are walked through their compiled index (xt_compile.ts), which only skips
 *  rules whose ipt_ip header or port test cannot match this packet: the rules that are
 *  evaluated, their order, counters and side effects are those of the linear walk. */
export function iptDoTable(ns: Netns, t: XtTable, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): number {
  return doTable(ns, t, hook, skb, indev, outdev, true);
}

/** ipt_do_table() rule by rule, without the compiled indexes (what tests compare the indexed
 *  walk with). */
export function iptDoTableLinear(ns: Netns, t: XtTable, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): number {
  return doTable(ns, t, hook, skb, indev, outdev, false);
}

function doTable(ns: Netns, t: XtTable, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined, indexed: boolean): number {
  const base = hookChain(t, hook);
  if (!base) return NF_ACCEPT;
  const af = afOps.get(t.af ?? NFPROTO_IPV4);
  if (!af) return NF_ACCEPT;
  const packetMatch = af.packetMatch;
  const p = af.param(ns, t.name, hook, skb, indev, outdev);
  if (!p) return NF_ACCEPT;
  const stack: { chain: XtChain; next: number }[] = [];
  // The trace events (Kernel.trace): each rule that matched and did not end the walk (a jump,
  // a goto, RETURN, a target that lets the packet go on), and the rule (0: the policy) that
  // decided.
  const step = (verdict: string, c: XtChain, rulenum: number, to?: string): void => {
    const tr = tracing(ns);
    if (tr) tr({ fn: t.af === NFPROTO_IPV6 ? 'ip6t_do_table' : 'ipt_do_table', ns, skb, table: t.name, hook, chain: c.name, rulenum, verdict, to });
  };
  const fin = (v: number, c: XtChain, rulenum: number): number => {
    step(v === NF_DROP ? 'DROP' : v === NF_ACCEPT ? 'ACCEPT' : 'STOLEN', c, rulenum);
    return v;
  };
  // nft_trace_init() for a packet marked by -j TRACE (nf_tables_trace.ts): otherwise the walk
  // pays one test of skb.nfTrace per rule that matched.
  let ti: NftTraceInfo | undefined;
  const policy = () => {
    if (base.counted) {
      base.pcnt++;
      base.bcnt += p.len;
    }
    if (skb.nfTrace) nftTracePolicy(ti, p, base);
    return fin(base.policy === 'DROP' ? NF_DROP : NF_ACCEPT, base, 0);
  };
  let chain = base;
  let ix = indexed ? xtChainIndex(t, chain) : undefined;
  // The packet's (protocol, destination port) key for the port index, computed once.
  let portKey: number | undefined;
  let i = 0;
  for (let guard = 0; guard < 10_000_000; guard++) {
    if (ix && i < chain.rules.length) i = xtNextRule(ix, i, p.daddr, portKey ??= xtPortKey(p));
    if (i >= chain.rules.length) {
      // Falling off the end: a user chain returns, a built-in chain applies its policy.
      const back = chain === base ? undefined : stack.pop();
      if (!back) return policy();
      chain = back.chain;
      ix = indexed ? xtChainIndex(t, chain) : undefined;
      i = back.next;
      continue;
    }
    const e = chain.rules[i]!;
    if (!packetMatch(e, p)) {
      i++;
      continue;
    }
    let all = true;
    for (const m of e.matches) {
      if (!m.ops.match(p, m.info)) {
        all = false;
        break;
      }
    }
    if (p.hotdrop) {
      if (skb.nfTrace) ti = nftTraceRule(ti, p, base, chain, e, NF_DROP);
      return fin(NF_DROP, chain, i + 1);
    }
    if (!all) {
      i++;
      continue;
    }
    e.pcnt++;
    e.bcnt += p.len;
    const tg = e.target;
    let v: number;
    if (tg.kind === 'none') v = XT_CONTINUE;
    else if (tg.kind === 'verdict') v = tg.verdict === 'ACCEPT' ? NF_ACCEPT : tg.verdict === 'DROP' ? NF_DROP : XT_RETURN;
    else if (tg.kind === 'ext') {
      v = tg.ops.target(p, tg.info);
      // A target that goes on may have rewritten the packet: its port key is read again.
      portKey = undefined;
    } else {
      const to = t.chains.get(tg.chain);
      if (to) {
        if (skb.nfTrace) ti = nftTraceRule(ti, p, base, chain, e, tg.goto ? NFT_GOTO : NFT_JUMP, to.name);
        step(tg.goto ? 'GOTO' : 'JUMP', chain, i + 1, to.name);
        if (!tg.goto) stack.push({ chain, next: i + 1 });
        chain = to;
        ix = indexed ? xtChainIndex(t, chain) : undefined;
        i = 0;
        continue;
      }
      v = XT_CONTINUE;
    }
    if (skb.nfTrace) ti = nftTraceRule(ti, p, base, chain, e, v === XT_CONTINUE ? NFT_CONTINUE : v === XT_RETURN ? NFT_RETURN : v);
    if (v === XT_CONTINUE || v === XT_RETURN) step(v === XT_CONTINUE ? 'CONTINUE' : 'RETURN', chain, i + 1);
    if (v === XT_CONTINUE) {
      i++;
      continue;
    }
    if (v === XT_RETURN) {
      // RETURN in a built-in chain (or from a goto'd chain with nothing pushed): policy.
      const back = stack.pop();
      if (!back) return policy();
      chain = back.chain;
      ix = indexed ? xtChainIndex(t, chain) : undefined;
      i = back.next;
      continue;
    }
    return fin(v, chain, i + 1);
  }
  return NF_DROP;
}

/** mark_source_chains(): is there a jump (or goto) cycle reachable from a built-in chain?
 *  The kernel refuses such a table with ELOOP. */
export function xtTableHasLoop(t: XtTable): boolean {
  const m = newMarks();
  for (const c of t.chains.values()) if (c.policy !== undefined && cycleFrom(t, c, m)) return true;
  return false;
}

/** The marks of one search, kept on the chains (XtChain.visit): `path` while a chain is on
 *  the current path, `done` once everything it reaches is known to be free of cycles. Each
 *  search takes two new numbers, so older marks mean "not seen". */
let lastMark = 0;
function newMarks(): { path: number; done: number } {
  lastMark += 2;
  return { path: lastMark - 1, done: lastMark };
}

/** Whether the jumps reachable from chain `start` run into a cycle (depth-first, iterative:
 *  user chains can nest deeper than the JS stack). */
function cycleFrom(t: XtTable, start: XtChain, m: { path: number; done: number }): boolean {
  if (start.visit === m.done) return false;
  start.visit = m.path;
  const stack: XtChain[] = [start];
  const pos: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const c = stack[top]!;
    const r = c.rules[pos[top]!++];
    if (!r) {
      c.visit = m.done;
      stack.pop();
      pos.pop();
      continue;
    }
    const tg = r.target;
    if (tg.kind !== 'jump') continue;
    const to = t.chains.get(tg.chain);
    if (!to || to.visit === m.done) continue;
    if (to.visit === m.path) return true;
    to.visit = m.path;
    stack.push(to);
    pos.push(0);
  }
  return false;
}

/** Whether `to` is reachable from a built-in chain. */
function reachable(t: XtTable, to: string): boolean {
  const seen = new Set<string>();
  const work: XtChain[] = [];
  for (const c of t.chains.values()) {
    if (c.policy !== undefined) {
      seen.add(c.name);
      work.push(c);
    }
  }
  while (work.length) {
    const c = work.pop()!;
    if (c.name === to) return true;
    for (const r of c.rules) {
      if (r.target.kind !== 'jump' || seen.has(r.target.chain)) continue;
      const n = t.chains.get(r.target.chain);
      if (n) {
        seen.add(n.name);
        work.push(n);
      }
    }
  }
  return false;
}

/** mark_source_chains() for one new jump from chain `from` to chain `to`, already in the
 *  table, which had no loop reachable from a built-in chain before: the table now has one
 *  exactly when a cycle is reachable from `to` and `from` is reachable from a built-in chain.
 *  (Checking only what the new jump can reach keeps a long series of -A linear.) */
export function xtJumpMakesLoop(t: XtTable, from: string, to: string): boolean {
  const c = t.chains.get(to);
  return !!c && cycleFrom(t, c, newMarks()) && reachable(t, from);
}

/** A fresh table as the namespace would create it (iptables-restore builds into one). */
export function xtNewTable(name: string, af = NFPROTO_IPV4): XtTable | undefined {
  return factory(name, af)?.();
}

/** A deep copy (iptables-restore --noflush edits a copy, committed at COMMIT). */
export function xtCloneTable(t: XtTable): XtTable {
  const chains = new Map<string, XtChain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, rules: c.rules.map(cloneEntry) });
  const copy: XtTable = t.af === undefined ? { name: t.name, chains } : { name: t.name, af: t.af, chains };
  // The copy goes on numbering handles where the table left off.
  copy.hgen = t.hgen;
  if (t.nftHandle !== undefined) copy.nftHandle = t.nftHandle;
  return copy;
}

/** Installs `t` as the namespace's table of its name and family (the atomic replace of a
 *  COMMIT). */
export function xtReplaceTable(ns: Netns, t: XtTable): void {
  tablesOf(ns, t.af ?? NFPROTO_IPV4).set(t.name, t);
}
