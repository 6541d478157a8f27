// net/netfilter/x_tables.c + net/ipv4/netfilter/ip_tables.c: per-namespace tables of chains,
// rules (struct ipt_entry: the ipt_ip header match, extension matches, one target, counters)
// and ipt_do_table()'s first-match traversal with jump/goto/RETURN.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { NF_ACCEPT, NF_DROP, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv4/ip_input.js';
import { icmpSend } from '../ipv4/icmp.js';
import { tracing } from '../core/neighbour.js';
import { ICMP_DEST_UNREACH } from '../../wire/icmp.js';

/** reject_tg() → nf_send_unreach(): an ICMP error to the packet's source (icmp_send() with its
 *  own checks and rate limit). tcp-reset (code -1) needs the TCP stack: for now a plain drop. */
function rejectTg(ns: Netns, skb: SkBuff, _hook: number, code: number): void {
  if (code < 0) return;
  icmpSend(ns, skb, ICMP_DEST_UNREACH, code, 0);
}

export const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** The tcp/udp match (xt_tcpudp): port ranges, each invertible. */
export interface PortMatch {
  name: 'tcp' | 'udp';
  spts: [number, number];
  dpts: [number, number];
  invSpt: boolean;
  invDpt: boolean;
}
/** The icmp match: type 0xff means any. */
export interface IcmpMatch {
  name: 'icmp';
  type: number;
  code: [number, number];
  inv: boolean;
}
/** xt_comment: always matches. */
export interface CommentMatch {
  name: 'comment';
  comment: string;
}
export type XtMatch = PortMatch | IcmpMatch | CommentMatch;

export type Verdict = 'ACCEPT' | 'DROP' | 'RETURN';
export type XtTarget =
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'jump'; chain: string; goto: boolean }
  /** ipt_REJECT: an ICMP destination unreachable with `code` (-1: tcp-reset), then drop. */
  | { kind: 'reject'; with: string; code: number }
  | { kind: 'none' };

/** struct ipt_entry. Addresses are host-order 32-bit numbers. */
export interface IptEntry {
  src: number; smsk: number; dst: number; dmsk: number;
  iniface: string; outiface: string;
  proto: number;
  invSrc: boolean; invDst: boolean; invIn: boolean; invOut: boolean; invProto: boolean;
  matches: XtMatch[];
  target: XtTarget;
  pcnt: number;
  bcnt: number;
}

export interface XtChain {
  name: string;
  /** Built-in chains have a policy and a hook; user chains have neither. */
  policy?: 'ACCEPT' | 'DROP';
  hook?: number;
  pcnt: number;
  bcnt: number;
  rules: IptEntry[];
}

export interface XtTable {
  name: string;
  /** Built-in chains first (in hook order), then user chains. */
  chains: Map<string, XtChain>;
}

export function newEntry(): IptEntry {
  return {
    src: 0, smsk: 0, dst: 0, dmsk: 0, iniface: '', outiface: '', proto: 0,
    invSrc: false, invDst: false, invIn: false, invOut: false, invProto: false,
    matches: [], target: { kind: 'none' }, pcnt: 0, bcnt: 0,
  };
}

type TableFactory = () => XtTable;
const factories = new Map<string, TableFactory>();

/** xt_register_template(): a table created in every namespace on first use. */
export function xtRegisterTable(name: string, make: TableFactory): void {
  factories.set(name, make);
}

/** The namespace's table, or undefined when no such table exists ("table does not exist"). */
export function xtFindTable(ns: Netns, name: string, create = true): XtTable | undefined {
  let all = ns.proto['xt_tables'] as Map<string, XtTable> | undefined;
  if (!all) {
    all = new Map();
    ns.proto['xt_tables'] = all;
  }
  let t = all.get(name);
  if (!t && create) {
    const f = factories.get(name);
    if (!f) return undefined;
    t = f();
    all.set(name, t);
  }
  return t;
}

/** Number of rules in the table jumping (or going) to `chain`. */
export function chainRefs(t: XtTable, chain: string): number {
  let n = 0;
  for (const c of t.chains.values()) {
    for (const r of c.rules) if (r.target.kind === 'jump' && r.target.chain === chain) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Traversal

interface Pkt {
  saddr: number; daddr: number; proto: number; len: number;
  fragoff: number; l4: number; buf: Uint8Array; ihl: number;
  indev: string; outdev: string;
}

/** ifname_compare(): a name ending in '+' matches every name with that prefix. */
export function ifMatch(rule: string, dev: string): boolean {
  if (rule === '') return true;
  if (rule.endsWith('+')) return dev.startsWith(rule.slice(0, -1));
  return rule === dev;
}

function ipPacketMatch(e: IptEntry, p: Pkt): boolean {
  if ((((p.saddr & e.smsk) >>> 0) !== e.src) !== e.invSrc) return false;
  if ((((p.daddr & e.dmsk) >>> 0) !== e.dst) !== e.invDst) return false;
  if (!ifMatch(e.iniface, p.indev) !== e.invIn) return false;
  if (!ifMatch(e.outiface, p.outdev) !== e.invOut) return false;
  if (e.proto && (p.proto !== e.proto) !== e.invProto) return false;
  return true;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function extMatch(m: XtMatch, p: Pkt): boolean {
  if (m.name === 'comment') return true;
  // Non-first fragments carry no transport header: the tcp/udp/icmp matches fail on them.
  if (p.fragoff !== 0) return false;
  if (m.name === 'icmp') {
    if (p.l4 + 2 > p.buf.length) return false;
    const type = p.buf[p.l4]!, code = p.buf[p.l4 + 1]!;
    const hit = m.type === 0xff || (type === m.type && code >= m.code[0] && code <= m.code[1]);
    return hit !== m.inv;
  }
  if (p.l4 + 4 > p.buf.length) return false;
  const sp = u16(p.buf, p.l4), dp = u16(p.buf, p.l4 + 2);
  if ((sp >= m.spts[0] && sp <= m.spts[1]) === m.invSpt) return false;
  if ((dp >= m.dpts[0] && dp <= m.dpts[1]) === m.invDpt) return false;
  return true;
}

/** ipt_do_table(): the verdict of `t` for a packet at `hook`. Policy counters are not
 *  incremented: iptables-nft's base chains carry no policy counter (they read 0 unless set
 *  with -c/restore), which is what iptables 1.8.9 (nf_tables) prints. */
export function iptDoTable(ns: Netns, t: XtTable, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): number {
  let base: XtChain | undefined;
  for (const c of t.chains.values()) if (c.hook === hook) base = c;
  if (!base) return NF_ACCEPT;
  // Locally generated packets have skb->data at the IP header; received ones recorded it.
  const nh = hook === NF_INET_LOCAL_OUT || hook === NF_INET_POST_ROUTING || skb.networkOffset < 0
    ? skb.off : skb.networkOffset;
  const b = skb.buf;
  if (nh + 20 > b.length) return NF_ACCEPT;
  const ihl = (b[nh]! & 0x0f) * 4;
  const p: Pkt = {
    saddr: ((b[nh + 12]! << 24) | (b[nh + 13]! << 16) | (b[nh + 14]! << 8) | b[nh + 15]!) >>> 0,
    daddr: ((b[nh + 16]! << 24) | (b[nh + 17]! << 16) | (b[nh + 18]! << 8) | b[nh + 19]!) >>> 0,
    proto: b[nh + 9]!, len: u16(b, nh + 2), fragoff: u16(b, nh + 6) & 0x1fff,
    l4: nh + ihl, buf: b, ihl,
    indev: indev?.name ?? '', outdev: outdev?.name ?? '',
  };
  const stack: { chain: XtChain; next: number }[] = [];
  // The trace event (Kernel.trace): which chain and rule (0: the policy) decided.
  const fin = (v: number, c: XtChain, rulenum: number): number => {
    const tr = tracing(ns);
    if (tr) {
      tr({ fn: 'ipt_do_table', ns, skb, table: t.name, hook, chain: c.name, rulenum,
        verdict: v === NF_DROP ? 'DROP' : 'ACCEPT' });
    }
    return v;
  };
  let chain = base;
  let i = 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (i >= chain.rules.length) {
      // Falling off the end: a user chain returns, a built-in chain applies its policy.
      if (chain === base) {
        return fin(base.policy === 'DROP' ? NF_DROP : NF_ACCEPT, base, 0);
      }
      const back = stack.pop();
      if (!back) {
        return fin(base.policy === 'DROP' ? NF_DROP : NF_ACCEPT, base, 0);
      }
      chain = back.chain;
      i = back.next;
      continue;
    }
    const e = chain.rules[i]!;
    if (!ipPacketMatch(e, p) || !e.matches.every((m) => extMatch(m, p))) {
      i++;
      continue;
    }
    e.pcnt++;
    e.bcnt += p.len;
    const tg = e.target;
    if (tg.kind === 'none') {
      i++;
      continue;
    }
    if (tg.kind === 'verdict') {
      if (tg.verdict === 'ACCEPT') return fin(NF_ACCEPT, chain, i + 1);
      if (tg.verdict === 'DROP') return fin(NF_DROP, chain, i + 1);
      // RETURN
      const back = stack.pop();
      if (!back) {
        // RETURN in a built-in chain (or from a goto'd chain with nothing pushed): policy.
        return fin(base.policy === 'DROP' ? NF_DROP : NF_ACCEPT, base, 0);
      }
      chain = back.chain;
      i = back.next;
      continue;
    }
    if (tg.kind === 'reject') {
      rejectTg(ns, skb, hook, tg.code);
      return fin(NF_DROP, chain, i + 1);
    }
    const to = t.chains.get(tg.chain);
    if (!to) {
      i++;
      continue;
    }
    if (!tg.goto) stack.push({ chain, next: i + 1 });
    chain = to;
    i = 0;
  }
  return NF_DROP;
}

/** A fresh table as the namespace would create it (iptables-restore builds into one). */
export function xtNewTable(name: string): XtTable | undefined {
  return factories.get(name)?.();
}

/** A deep copy (iptables-restore --noflush edits a copy, committed at COMMIT). */
export function xtCloneTable(t: XtTable): XtTable {
  const chains = new Map<string, XtChain>();
  for (const [k, c] of t.chains) {
    chains.set(k, {
      ...c,
      rules: c.rules.map((r) => ({ ...r, matches: r.matches.map((m) => structuredClone(m)), target: { ...r.target } })),
    });
  }
  return { name: t.name, chains };
}

/** Installs `t` as the namespace's table of its name (the atomic replace of a COMMIT). */
export function xtReplaceTable(ns: Netns, t: XtTable): void {
  xtFindTable(ns, t.name);
  (ns.proto['xt_tables'] as Map<string, XtTable>).set(t.name, t);
}
