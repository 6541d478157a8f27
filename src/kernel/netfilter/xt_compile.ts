// The compiled form of a long chain, for ipt_do_table()'s first-match walk. Linux walks an
// x_tables chain rule by rule (a kube-proxy ruleset's KUBE-SERVICES chain: 10,000 rules for
// every new flow); nftables answers the same question with a verdict map keyed on
// `ip daddr . th dport`. Here a chain keeps its rules and their order, and an index says,
// for a packet at rule i, which later rules could match it at all:
//   - rules whose ipt_ip header tests one destination (-d A/32, not inverted), by address;
//   - other rules whose protocol is tcp or udp (not inverted) and whose first port match
//     (-m tcp / -m udp) tests one destination port, by (protocol, port) -- when only matches
//     without side effects come before it (a -m statistic before the port test would draw a
//     random number even for a packet to another port, so such a rule is not indexed);
//   - every other rule, in a "next unindexed rule at or after i" table.
// The walk jumps to the first candidate at or after its position and evaluates it exactly as
// the linear walk would; a skipped rule is one whose header or port test fails, which the
// linear walk would pass over without counting it or running any match or target. So the
// verdict, the rules evaluated, their order, packet/byte counters and side effects (MARK,
// statistic draws, nth counters) are those of the linear walk.
//
// A chain's index is built on first use and rebuilt when its table changed: every command
// that writes bumps XtTable.gen (xtTableChanged()), iptables-restore installs new tables.
import type { IptEntry, XtChain, XtParam, XtTable } from './x_tables.js';

/** Chains with fewer indexable rules than this are walked rule by rule. */
const MIN_INDEXED = 8;

/** Matches that may come before the port match of an indexed rule: they neither change
 *  state nor drop the packet (par->hotdrop) while being evaluated. */
const PURE_MATCHES = new Set(['comment', 'mark', 'conntrack', 'state', 'addrtype']);

const IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** The packet has no destination port any port-indexed rule could match. */
const PORT_NONE = -1;
/** The packet's transport header is cut short: tcp_mt()/udp_mt() would drop it (hotdrop)
 *  when evaluated, so every port-indexed rule stays a candidate. */
const PORT_ANY = -2;

export interface XtChainIndex {
  /** What it was built from: the chain's rules array, its length and the table generation. */
  rules: IptEntry[];
  len: number;
  gen: number;
  /** Unset: the chain is walked rule by rule. next[i]: the first unindexed rule at or
   *  after i (next[len] = len). */
  next?: Int32Array;
  /** Destination address -> its rules' positions, ascending. */
  byDaddr?: Map<number, number[]>;
  /** (protocol << 16 | destination port) -> its rules' positions, ascending. */
  byPort?: Map<number, number[]>;
  /** Every port-indexed rule's position, ascending (for PORT_ANY). */
  portRules?: number[];
}

/** The (protocol, port) key a rule is indexed under, or undefined. */
function rulePortKey(e: IptEntry): number | undefined {
  if ((e.proto !== IPPROTO_TCP && e.proto !== IPPROTO_UDP) || e.invProto) return undefined;
  const want = e.proto === IPPROTO_TCP ? 'tcp' : 'udp';
  for (const m of e.matches) {
    if (m.ops.name === want) {
      const info = m.info as { dpts?: [number, number]; invDpt?: boolean };
      const d = info.dpts;
      if (!d || d[0] !== d[1] || info.invDpt) return undefined;
      return (e.proto << 16) | d[0];
    }
    if (!PURE_MATCHES.has(m.ops.name)) return undefined;
  }
  return undefined;
}

function push(map: Map<number, number[]>, k: number, i: number): void {
  const l = map.get(k);
  if (l) l.push(i);
  else map.set(k, [i]);
}

/** Builds `rules`' index (or marks the chain as walked rule by rule). */
function compileChain(rules: IptEntry[], gen: number): XtChainIndex {
  const len = rules.length;
  const ix: XtChainIndex = { rules, len, gen };
  if (len < MIN_INDEXED) return ix;
  const byDaddr = new Map<number, number[]>();
  const byPort = new Map<number, number[]>();
  const portRules: number[] = [];
  const next = new Int32Array(len + 1);
  let indexed = 0;
  next[len] = len;
  const kind = new Uint8Array(len); // 0: unindexed, 1: by address, 2: by port
  for (let i = 0; i < len; i++) {
    const e = rules[i]!;
    if (e.dmsk === 0xffffffff && !e.invDst) {
      push(byDaddr, e.dst, i);
      kind[i] = 1;
      indexed++;
      continue;
    }
    const pk = rulePortKey(e);
    if (pk !== undefined) {
      push(byPort, pk, i);
      portRules.push(i);
      kind[i] = 2;
      indexed++;
    }
  }
  if (indexed < MIN_INDEXED) return ix;
  for (let i = len - 1; i >= 0; i--) next[i] = kind[i] === 0 ? i : next[i + 1]!;
  ix.next = next;
  ix.byDaddr = byDaddr;
  ix.byPort = byPort;
  ix.portRules = portRules;
  return ix;
}

let indexing = true;
/** Turns the indexes off (every chain walked rule by rule, as Linux does) or back on: for
 *  benchmarks that compare the two. */
export function xtSetIndexing(on: boolean): void {
  indexing = on;
}

/** The index of `c` (a chain of `t`), rebuilt if the table changed since; undefined when
 *  the chain is walked rule by rule. */
export function xtChainIndex(t: XtTable, c: XtChain): XtChainIndex | undefined {
  if (!indexing) return undefined;
  let ix = c.index;
  const gen = t.gen ?? 0;
  if (!ix || ix.rules !== c.rules || ix.len !== c.rules.length || ix.gen !== gen) {
    ix = c.index = compileChain(c.rules, gen);
  }
  return ix.next ? ix : undefined;
}

/** The packet's port key: (protocol << 16 | destination port), PORT_NONE or PORT_ANY. */
export function xtPortKey(p: XtParam): number {
  if (p.proto !== IPPROTO_TCP && p.proto !== IPPROTO_UDP) return PORT_NONE;
  // A later fragment has no ports: tcp_mt()/udp_mt() return false without dropping.
  if (p.fragoff !== 0) return PORT_NONE;
  if (p.thoff + (p.proto === IPPROTO_TCP ? 20 : 8) > p.buf.length) return PORT_ANY;
  return (p.proto << 16) | (p.buf[p.thoff + 2]! << 8) | p.buf[p.thoff + 3]!;
}

/** The first position in ascending `l` at or after `i`, or `none`. */
function firstAtOrAfter(l: number[], i: number, none: number): number {
  let lo = 0, hi = l.length;
  if (hi <= 8) {
    for (let k = 0; k < hi; k++) if (l[k]! >= i) return l[k]!;
    return none;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return lo < l.length ? l[lo]! : none;
}

/** The first rule at or after `i` that could match a packet to `daddr` with port key
 *  `portKey` (ix.len when none can). */
export function xtNextRule(ix: XtChainIndex, i: number, daddr: number, portKey: number): number {
  let n = ix.next![i]!;
  if (n === i) return i;
  const d = ix.byDaddr!.get(daddr);
  if (d) n = Math.min(n, firstAtOrAfter(d, i, n));
  if (portKey >= 0) {
    const q = ix.byPort!.get(portKey);
    if (q) n = Math.min(n, firstAtOrAfter(q, i, n));
  } else if (portKey === PORT_ANY) {
    n = Math.min(n, firstAtOrAfter(ix.portRules!, i, n));
  }
  return n;
}
