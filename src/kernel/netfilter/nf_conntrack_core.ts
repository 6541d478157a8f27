// net/netfilter/nf_conntrack_core.c: the per-namespace connection table, one for IPv4 and IPv6
// connections alike (the tuple's l3num tells them apart). nf_conntrack_in() (PRE_ROUTING and
// LOCAL_OUT, NF_IP_PRI_CONNTRACK / NF_IP6_PRI_CONNTRACK) finds or creates the packet's
// connection and lets the protocol tracker judge it; __nf_conntrack_confirm() (POST_ROUTING and
// LOCAL_IN, last) puts a new connection into the table. As since Linux 4.10, a namespace tracks
// a family only while something there needs it (a rule of that family using conntrack or NAT:
// nf_ct_netns_get(net, family) registers that family's hooks only).
//
// IPv6 fragments: Linux reassembles them before tracking (nf_defrag_ipv6, at
// NF_IP6_PRI_CONNTRACK_DEFRAG), and tracks the whole datagram. netsim does not reassemble: a
// first fragment is tracked by the upper-layer header it carries, and a later fragment, which
// has none, is INVALID (ipv6_get_l4proto()'s "can't track non-first fragment").
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import type { TimerHandle } from '../clock.js';
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../ipv4/ip_input.js';
import { printk, KERN_SOH } from '../printk.js';
import { sysctlInt } from '../sysctl.js';
import { tracing } from '../core/neighbour.js';
import { nfRegisterNetHook, NF_IP_PRI_CONNTRACK, NFPROTO_IPV4, NFPROTO_IPV6 } from './core.js';
import { u16, u32, ipHdrOff } from './x_tables.js';
import {
  NfConn, tupleKey, invertTuple, tuple4, tuple6, addr6Equal, IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY, IP_CT_NEW,
  IP_CT_ESTABLISHED, IP_CT_ESTABLISHED_REPLY, IP_CT_RELATED, IP_CT_RELATED_REPLY, IP_CT_UNTRACKED,
  IPS_SEEN_REPLY, IPS_CONFIRMED, IPS_ASSURED, IPS_DYING, IPS_UNTRACKED, type Tuple,
} from './nf_conntrack.js';
import { nfConntrackIcmpv6Error, ICMPV6_VALID_NEW } from './nf_conntrack_proto_icmpv6.js';
import { ipv6SkipExthdr, type Ipv6ExthdrResult } from '../../wire/ipv6.js';
import {
  nfConntrackTcpPacket, tcpLog, TCP_INVALID, TCP_KILL, TCP_NOREFRESH, TCP_REPEAT,
} from './nf_conntrack_proto_tcp.js';
import { nfConntrackMax } from './nf_conntrack_standalone.js';

const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_ICMPV6 = 58;
const INT_MAX = 2147483647;

/** The per-CPU statistics of /proc/net/stat/nf_conntrack and `conntrack -S`. */
export interface CtStat {
  found: number; invalid: number; insert: number; insert_failed: number; drop: number;
  early_drop: number; error: number; search_restart: number; clash_resolve: number;
  chaintoolong: number; icmp_error: number; ignore: number; new: number; delete: number;
}
const newStat = (): CtStat => ({
  found: 0, invalid: 0, insert: 0, insert_failed: 0, drop: 0, early_drop: 0, error: 0,
  search_restart: 0, clash_resolve: 0, chaintoolong: 0, icmp_error: 0, ignore: 0, new: 0, delete: 0,
});

/** ctnetlink's event types (conntrack -E). */
export type CtEvent = 'NEW' | 'UPDATE' | 'DESTROY';

/** struct netns_ct plus the hash table. */
export interface CtNet {
  /** Confirmed connections by the key of either tuple, with the direction it is. */
  hash: Map<string, { ct: NfConn; dir: number }>;
  /** Confirmed connections in insertion order (the dump order). */
  all: Set<NfConn>;
  /** Whether the namespace tracks IPv4 (`users`) and IPv6 (`users6`) connections
   *  (nf_ct_netns_get() users of each family). */
  users: number;
  users6: number;
  stat: CtStat[];
  listeners: Set<(ev: CtEvent, ct: NfConn) => void>;
  gc: TimerHandle | undefined;
  gcAt: number;
}

export function ctNet(ns: Netns): CtNet {
  let c = ns.proto['nf_conntrack'] as CtNet | undefined;
  if (!c) {
    c = {
      hash: new Map(), all: new Set(), users: 0, users6: 0, stat: Array.from({ length: ns.kernel.ncpus }, newStat),
      listeners: new Set(), gc: undefined, gcAt: Infinity,
    };
    ns.proto['nf_conntrack'] = c;
  }
  return c;
}

/** Seconds → ms of a net.netfilter.nf_conntrack_* timeout. */
function timeoutMs(ns: Netns, name: string): number {
  return sysctlInt(ns, `net.netfilter.nf_conntrack_${name}`) * 1000;
}

// ---------------------------------------------------------------------------------------
// Tuples of packets

/** nf_ct_get_tuple() for the IPv4 packet at `nh`; undefined when its header is cut short. */
export function packetTuple(b: Uint8Array, nh: number): Tuple | undefined {
  if (nh + 20 > b.length) return undefined;
  const proto = b[nh + 9]!;
  const th = nh + (b[nh]! & 0x0f) * 4;
  const t = tuple4(u32(b, nh + 12), u32(b, nh + 16), proto, 0, 0);
  if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) {
    if (th + 4 > b.length) return undefined;
    t.sport = u16(b, th);
    t.dport = u16(b, th + 2);
  } else if (proto === IPPROTO_ICMP) {
    if (th + 8 > b.length) return undefined;
    t.sport = u16(b, th + 4);
    t.dport = (b[th]! << 8) | b[th + 1]!;
  }
  return t;
}

const exthdr: Ipv6ExthdrResult = { nexthdr: 0, fragOff: 0 };

/** ipv6_get_l4proto(): the offset of the upper-layer header of the IPv6 packet at `nh`, after
 *  its extension headers (its protocol then in `exthdr.nexthdr`); -1 when the headers cannot
 *  be walked, and for a later fragment, whose upper-layer header is elsewhere. */
function ipv6GetL4proto(b: Uint8Array, nh: number): number {
  if (nh + 40 > b.length) return -1;
  const off = ipv6SkipExthdr(b, nh + 40, b[nh + 6]!, exthdr);
  if (off < 0 || (exthdr.fragOff & ~0x7) !== 0) return -1;
  return off;
}

/** nf_ct_get_tuplepr() for the IPv6 packet at `nh`: its tuple and where its upper-layer header
 *  starts; undefined when there is none to track or it is cut short. */
export function packetTuple6(b: Uint8Array, nh: number): { t: Tuple; off: number } | undefined {
  const off = ipv6GetL4proto(b, nh);
  if (off < 0) return undefined;
  const proto = exthdr.nexthdr;
  const t = tuple6(b.slice(nh + 8, nh + 24), b.slice(nh + 24, nh + 40), proto, 0, 0);
  if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) {
    if (off + 4 > b.length) return undefined;
    t.sport = u16(b, off);
    t.dport = u16(b, off + 2);
  } else if (proto === IPPROTO_ICMPV6) {
    // icmpv6_pkt_to_tuple()
    if (off + 8 > b.length) return undefined;
    t.sport = u16(b, off + 4);
    t.dport = (b[off]! << 8) | b[off + 1]!;
  }
  return { t, off };
}

/** Looks a tuple up, forgetting connections that have expired on the way. */
export function nfConntrackFind(ns: Netns, t: Tuple): { ct: NfConn; dir: number } | undefined {
  const net = ctNet(ns);
  const h = net.hash.get(tupleKey(t));
  if (!h) return undefined;
  if (h.ct.timeout <= ns.kernel.clock.now() && !(h.ct.status & IPS_DYING)) {
    nfCtDelete(ns, h.ct);
    return undefined;
  }
  return h;
}

/** nf_conntrack_tuple_taken(): does a connection other than `ignored` use reply tuple `t`? */
export function nfConntrackTupleTaken(ns: Netns, t: Tuple, ignored: NfConn): boolean {
  const h = nfConntrackFind(ns, t);
  return !!h && h.ct !== ignored;
}

// ---------------------------------------------------------------------------------------
// The table

function notify(ns: Netns, ev: CtEvent, ct: NfConn): void {
  for (const l of ctNet(ns).listeners) l(ev, ct);
}

/** nf_ct_delete(): the connection leaves the table (a DESTROY event). */
export function nfCtDelete(ns: Netns, ct: NfConn): void {
  const net = ctNet(ns);
  if (!net.all.delete(ct)) return;
  ct.status |= IPS_DYING;
  net.hash.delete(tupleKey(ct.tuple[0]));
  net.hash.delete(tupleKey(ct.tuple[1]));
  notify(ns, 'DESTROY', ct);
}

/** Confirmed connections still alive, in table order (ctnetlink's dump). */
export function nfCtList(ns: Netns): NfConn[] {
  gcRun(ns);
  return [...ctNet(ns).all];
}

/** nf_conntrack_count */
export function nfCtCount(ns: Netns): number {
  gcRun(ns);
  return ctNet(ns).all.size;
}

/** gc_worker(): forgets expired connections and arms itself for the next expiry. */
function gcRun(ns: Netns): void {
  const net = ctNet(ns);
  const now = ns.kernel.clock.now();
  let next = Infinity;
  for (const ct of net.all) {
    if (ct.timeout <= now) nfCtDelete(ns, ct);
    else if (ct.timeout < next) next = ct.timeout;
  }
  net.gcAt = Infinity;
  net.gc?.cancel();
  net.gc = undefined;
  if (next < Infinity) gcArm(ns, next);
}

function gcArm(ns: Netns, at: number): void {
  const net = ctNet(ns);
  if (at >= net.gcAt) return;
  net.gc?.cancel();
  net.gcAt = at;
  net.gc = ns.kernel.clock.setTimeout(at - ns.kernel.clock.now(), () => {
    net.gc = undefined;
    net.gcAt = Infinity;
    gcRun(ns);
  });
}

/** nf_ct_refresh_acct(): a new timeout from now, and the direction's counters. */
function refresh(ns: Netns, ct: NfConn, dir: number, len: number, ms: number): void {
  ct.timeout = ns.kernel.clock.now() + ms;
  ct.packets[dir]!++;
  ct.bytes[dir]! += len;
}

/** NF_CT_EVICTION_RANGE: how many hash buckets early_drop() looks into. */
const NF_CT_EVICTION_RANGE = 8;
/** nf_conntrack_htable_size, as nf_conntrack_buckets shows it. */
const NF_CT_HTABLE_SIZE = 262144;
const hashSeed = new WeakMap<object, number>();

/** hash_conntrack_raw() + reciprocal_scale(): a tuple's bucket, keyed by a per-boot seed. */
function ctBucket(ns: Netns, t: Tuple): number {
  let h = hashSeed.get(ns.kernel);
  if (h === undefined) hashSeed.set(ns.kernel, h = ns.kernel.random.u32());
  const vals = [t.src, t.dst, (t.sport << 16) | t.dport, t.proto];
  if (t.src6) for (let i = 0; i < 16; i += 4) vals.push(u32(t.src6, i) ^ u32(t.dst6!, i));
  for (const v of vals) {
    h = Math.imul(h ^ v, 0x9e3779b1);
    h ^= h >>> 15;
  }
  return Math.floor(((h >>> 0) * NF_CT_HTABLE_SIZE) / 2 ** 32);
}

/** early_drop(): makes room by dropping a connection that is not ASSURED, looking only into
 *  the NF_CT_EVICTION_RANGE buckets from the new tuple's own (each connection sits in the
 *  buckets of both its tuples): in a big table this seldom finds one. */
function earlyDrop(ns: Netns, t: Tuple): boolean {
  const first = ctBucket(ns, t);
  const near = (u: Tuple) => (ctBucket(ns, u) - first + NF_CT_HTABLE_SIZE) % NF_CT_HTABLE_SIZE < NF_CT_EVICTION_RANGE;
  for (const ct of ctNet(ns).all) {
    if (!(ct.status & IPS_ASSURED) && (near(ct.tuple[0]) || near(ct.tuple[1]))) {
      nfCtDelete(ns, ct);
      return true;
    }
  }
  return false;
}

/** net_ratelimit(): at most 10 messages in 5 s for the whole machine (net_ratelimit_state). */
const netRatelimit = new WeakMap<object, { begin: number; printed: number }>();
function netRatelimitOk(ns: Netns): boolean {
  const now = ns.kernel.clock.now();
  let rs = netRatelimit.get(ns.kernel);
  if (!rs || now - rs.begin >= 5000) netRatelimit.set(ns.kernel, rs = { begin: now, printed: 0 });
  return rs.printed++ < 10;
}

/** init_conntrack(): a new, unconfirmed connection for `t`; undefined when the table is full
 *  and no room could be made (the packet is then dropped). */
function initConntrack(ns: Netns, t: Tuple): NfConn | 'full' | undefined {
  const reply = invertTuple(t);
  if (!reply) return undefined;
  const net = ctNet(ns);
  const max = nfConntrackMax(ns.kernel);
  if (max && net.all.size >= max) {
    gcRun(ns);
    if (net.all.size >= max) {
      if (earlyDrop(ns, t)) net.stat[0]!.early_drop++;
      else {
        net.stat[0]!.drop++;
        // net_warn_ratelimited() in __nf_conntrack_alloc()
        if (netRatelimitOk(ns)) printk(ns.kernel, `${KERN_SOH}4nf_conntrack: nf_conntrack: table full in netns ${ns.inum}, dropping packet`);
        return 'full';
      }
    }
  }
  const ct = new NfConn(t, reply);
  ct.start = ns.kernel.clock.now();
  nfCtAcctExtAdd(ns, ct);
  return ct;
}

/** The connections with the accounting extension (nf_conn_acct): those created while
 *  net.netfilter.nf_conntrack_acct was on show packet and byte counters. */
const acctExt = new WeakSet<NfConn>();

/** nf_ct_acct_ext_add() at creation. */
export function nfCtAcctExtAdd(ns: Netns, ct: NfConn): void {
  if (sysctlInt(ns, 'net.netfilter.nf_conntrack_acct') !== 0) acctExt.add(ct);
}

/** nf_conn_acct_find() */
export function nfConnAcctFind(ct: NfConn): boolean {
  return acctExt.has(ct);
}

/** __nf_conntrack_confirm(): the connection enters the table. A clash with a connection
 *  that got there first drops the packet (insert_failed). */
export function nfConntrackInsert(ns: Netns, ct: NfConn): boolean {
  const net = ctNet(ns);
  const k0 = tupleKey(ct.tuple[0]), k1 = tupleKey(ct.tuple[1]);
  if (nfConntrackFind(ns, ct.tuple[0]) || nfConntrackFind(ns, ct.tuple[1])) {
    net.stat[0]!.insert_failed++;
    return false;
  }
  ct.status |= IPS_CONFIRMED;
  net.hash.set(k0, { ct, dir: IP_CT_DIR_ORIGINAL });
  net.hash.set(k1, { ct, dir: IP_CT_DIR_REPLY });
  net.all.add(ct);
  gcArm(ns, ct.timeout);
  notify(ns, 'NEW', ct);
  return true;
}

// ---------------------------------------------------------------------------------------
// nf_conntrack_in

function invalid(ns: Netns, skb: SkBuff, why: string): number {
  ctNet(ns).stat[0]!.invalid++;
  skb.nfct = undefined;
  skb.ctinfo = 0;
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, state: 'INVALID', why });
  return NF_ACCEPT;
}

/** nf_conntrack_inet_error(): an ICMP or ICMPv6 error quoting (at `inner`) a packet of a known
 *  connection is RELATED to it. The quoted packet's tuple, inverted, is what an answer to it
 *  would carry; the direction it is found in is the direction the error travels (an error
 *  about an original packet comes back as RELATED_REPLY). The error must go to where that
 *  direction goes (`outerDst`, the outer destination, equals the tuple's): otherwise anyone
 *  could make a packet RELATED to someone else's connection. */
function inetError(ns: Netns, skb: SkBuff, b: Uint8Array, inner: number, pf: number, outerDst: number): number {
  let orig: Tuple | undefined;
  if (pf === NFPROTO_IPV4) orig = packetTuple(b, inner);
  else orig = packetTuple6(b, inner)?.t;
  if (!orig) return invalid(ns, skb, 'icmp error: cannot get the quoted tuple');
  const inv = invertTuple(orig);
  if (!inv) return invalid(ns, skb, 'icmp error: cannot invert the quoted tuple');
  const h = nfConntrackFind(ns, inv);
  if (!h) return invalid(ns, skb, 'icmp error: no connection');
  const t = h.ct.tuple[h.dir];
  const same = pf === NFPROTO_IPV4 ? u32(b, outerDst) === t.dst : addr6Equal(b.subarray(outerDst, outerDst + 16), t.dst6!);
  if (!same) return invalid(ns, skb, 'icmp error: outer daddr != inner');
  skb.nfct = h.ct;
  skb.ctinfo = h.dir === IP_CT_DIR_REPLY ? IP_CT_RELATED_REPLY : IP_CT_RELATED;
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, ct: h.ct, state: 'RELATED' });
  return NF_ACCEPT;
}

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
/** valid_new[] of nf_conntrack_proto_icmp.c: the ICMP types that may start a connection. */
const ICMP_VALID_NEW = new Set([8, 13, 15, 17]);

/** nf_conntrack_in() for an IPv4 packet (ipv4_conntrack_in(), ipv4_conntrack_local()). */
export function nfConntrackIn(ns: Netns, hook: number, skb: SkBuff): number {
  // Seen before (looped back) or exempted in the raw table.
  if (skb.nfct) return NF_ACCEPT;
  if (skb.ctinfo === IP_CT_UNTRACKED) return NF_ACCEPT;
  const b = skb.buf;
  const nh = ipHdrOff(skb, hook);
  const t = packetTuple(b, nh);
  if (!t) return invalid(ns, skb, 'short header');
  const len = u16(b, nh + 2);
  const th = nh + (b[nh]! & 0x0f) * 4;
  if (t.proto === IPPROTO_ICMP && ICMP_ERRORS.has(b[th]!)) return inetError(ns, skb, b, th + 8, NFPROTO_IPV4, nh + 16);
  return resolveAndTrack(ns, hook, skb, b, nh, t, len, NFPROTO_IPV4, th);
}

/** nf_conntrack_in() for an IPv6 packet (ipv6_conntrack_in(), ipv6_conntrack_local()). */
export function nfConntrackIn6(ns: Netns, hook: number, skb: SkBuff): number {
  if (skb.nfct) return NF_ACCEPT;
  if (skb.ctinfo === IP_CT_UNTRACKED) return NF_ACCEPT;
  const b = skb.buf;
  const nh = ipHdrOff(skb, hook);
  const p = packetTuple6(b, nh);
  if (!p) return invalid(ns, skb, nh + 40 > b.length ? 'short header' : 'ipv6: no upper-layer header to track');
  const { t, off } = p;
  // skb->len from the IPv6 header (the buffer is trimmed to the payload length on input).
  const len = nh + 40 + u16(b, nh + 4) <= b.length ? 40 + u16(b, nh + 4) : b.length - nh;
  if (t.proto === IPPROTO_ICMPV6) {
    // nf_conntrack_handle_icmp() -> nf_conntrack_icmpv6_error()
    const checksum = hook === NF_INET_PRE_ROUTING && sysctlInt(ns, 'net.netfilter.nf_conntrack_checksum') !== 0;
    const v = nfConntrackIcmpv6Error(b, nh, off, nh + len - off, checksum);
    if (v === 'short') return invalid(ns, skb, 'icmpv6: short packet');
    if (v === 'checksum') return invalid(ns, skb, 'icmpv6: ICMPv6 checksum failed');
    if (v === 'untracked') {
      // nf_ct_set(skb, NULL, IP_CT_UNTRACKED): neighbour discovery and MLD.
      skb.ctinfo = IP_CT_UNTRACKED;
      const tr = tracing(ns);
      if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, state: 'UNTRACKED', why: 'icmpv6: ndisc/mld' });
      return NF_ACCEPT;
    }
    if (v === 'error') return inetError(ns, skb, b, off + 8, NFPROTO_IPV6, nh + 24);
  } else if (t.proto === IPPROTO_ICMP) {
    // icmp_packet() refuses an ICMP message that is not IPv4's.
    return invalid(ns, skb, 'icmp: not ipv4');
  }
  return resolveAndTrack(ns, hook, skb, b, nh, t, len, NFPROTO_IPV6, off);
}

/** resolve_normal_ct() and nf_conntrack_handle_packet(): the connection of tuple `t` (found,
 *  or new and unconfirmed), the protocol tracker's verdict, the refreshed timeout. `len` is
 *  what the counters count, `th` the offset of the transport header. */
function resolveAndTrack(ns: Netns, hook: number, skb: SkBuff, b: Uint8Array, nh: number, t: Tuple, len: number,
  pf: number, th: number): number {
  const net = ctNet(ns);
  let h = nfConntrackFind(ns, t);
  let ct: NfConn;
  let dir: number;
  if (h) {
    ct = h.ct;
    dir = h.dir;
  } else {
    // Only packets that may open a connection create one (the trackers' new()).
    if (t.proto === IPPROTO_ICMP && !ICMP_VALID_NEW.has(t.dport >> 8)) return invalid(ns, skb, 'icmp: not a query');
    if (t.proto === IPPROTO_ICMPV6 && !ICMPV6_VALID_NEW.has(t.dport >> 8)) return invalid(ns, skb, 'icmpv6: not a query');
    const c = initConntrack(ns, t);
    if (c === 'full') return NF_DROP;
    if (!c) return invalid(ns, skb, 'no inverse tuple');
    ct = c;
    dir = IP_CT_DIR_ORIGINAL;
  }
  let ctinfo: number;
  if (dir === IP_CT_DIR_REPLY) ctinfo = IP_CT_ESTABLISHED_REPLY;
  else if (ct.status & IPS_SEEN_REPLY) ctinfo = IP_CT_ESTABLISHED;
  else if (ct.master) ctinfo = IP_CT_RELATED;
  else ctinfo = IP_CT_NEW;
  // The protocol tracker: new state and timeout. Changes it makes are reported as one UPDATE
  // event with the packet (nf_conntrack_event_cache(), nf_ct_deliver_cached_events()).
  let ms: number;
  let events = false;
  if (t.proto === IPPROTO_TCP) {
    const state = ct.tcp?.state, status = ct.status;
    ms = pf === NFPROTO_IPV4
      ? nfConntrackTcpPacket(ns, ct, hook, b, nh, dir)
      : nfConntrackTcpPacket(ns, ct, hook, b, nh, dir, th, nh + len - th);
    if (ms === TCP_REPEAT) {
      // A SYN reopening a closed connection: the old entry goes, the SYN is looked up again.
      nfCtDelete(ns, ct);
      return pf === NFPROTO_IPV4 ? nfConntrackIn(ns, hook, skb) : nfConntrackIn6(ns, hook, skb);
    }
    if (ms === TCP_INVALID) {
      if (ct.status & IPS_CONFIRMED && ct.timeout < net.gcAt) gcArm(ns, ct.timeout);
      return invalid(ns, skb, `tcp: ${tcpLog.why}`);
    }
    // IPCT_PROTOINFO, IPCT_ASSURED
    if (ct.tcp!.state !== state || (ct.status & ~status & IPS_ASSURED)) events = true;
    if (ms === TCP_KILL) {
      // nf_ct_kill_acct(): counted, then gone.
      ct.packets[dir]!++;
      ct.bytes[dir]! += len;
      skb.nfct = ct;
      skb.ctinfo = ctinfo;
      nfCtDelete(ns, ct);
      const tr = tracing(ns);
      if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, ct, state: CTINFO_NAMES[ctinfo], why: 'tcp: closed by a reset' });
      return NF_ACCEPT;
    }
  } else if (t.proto === IPPROTO_UDP) {
    // nf_conntrack_udp_packet(): replied and still active after 2 s → a stream, ASSURED.
    if (ct.status & IPS_SEEN_REPLY || dir === IP_CT_DIR_REPLY) {
      const stream = ns.kernel.clock.now() >= ct.start + 2000;
      ms = timeoutMs(ns, stream ? 'udp_timeout_stream' : 'udp_timeout');
      if (stream && !(ct.status & IPS_ASSURED)) {
        ct.status |= IPS_ASSURED;
        events = true;
      }
    } else ms = timeoutMs(ns, 'udp_timeout');
  } else if (t.proto === IPPROTO_ICMP) {
    ms = timeoutMs(ns, 'icmp_timeout');
  } else if (t.proto === IPPROTO_ICMPV6) {
    ms = timeoutMs(ns, 'icmpv6_timeout');
  } else {
    ms = timeoutMs(ns, 'generic_timeout');
  }
  // The tracker may keep the connection without refreshing it (segments it ignores).
  if (ms !== TCP_NOREFRESH) refresh(ns, ct, dir, len, ms);
  if (dir === IP_CT_DIR_REPLY && !(ct.status & IPS_SEEN_REPLY)) {
    ct.status |= IPS_SEEN_REPLY;
    events = true;
  }
  if (events && ct.status & IPS_CONFIRMED) notify(ns, 'UPDATE', ct);
  if (ct.status & IPS_CONFIRMED && ct.timeout < net.gcAt) gcArm(ns, ct.timeout);
  skb.nfct = ct;
  skb.ctinfo = ctinfo;
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, ct, state: CTINFO_NAMES[ctinfo] });
  return NF_ACCEPT;
}

export const CTINFO_NAMES = ['ESTABLISHED', 'RELATED', 'NEW', 'ESTABLISHED_REPLY', 'RELATED_REPLY', '', '', 'UNTRACKED'];

/** nf_conntrack_confirm() at the last hook a packet crosses (ipv4_confirm()). */
function conntrackConfirm(ns: Netns, skb: SkBuff): number {
  const ct = skb.nfct as NfConn | undefined;
  if (!ct || ct.status & (IPS_CONFIRMED | IPS_UNTRACKED)) return NF_ACCEPT;
  if (skb.ctinfo >= IP_CT_RELATED && skb.ctinfo !== IP_CT_NEW && skb.ctinfo !== IP_CT_ESTABLISHED) return NF_ACCEPT;
  if (ct.status & IPS_DYING) return NF_ACCEPT;
  const ok = nfConntrackInsert(ns, ct);
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_conntrack_confirm', ns, skb, ct, confirmed: ok });
  return ok ? NF_ACCEPT : NF_DROP;
}

// ---------------------------------------------------------------------------------------
// Which namespaces track (nf_ct_netns_get()/put())

const userProbes: ((ns: Netns, af: number) => boolean)[] = [];

/** Registers a test for "this namespace needs conntrack for family `af`" (its tables' rules). */
export function nfCtRegisterUser(probe: (ns: Netns, af: number) => boolean): void {
  userProbes.push(probe);
}

/** Re-evaluates whether `ns` tracks IPv4 and IPv6 connections, after its rules changed. */
export function nfCtNetnsSync(ns: Netns): void {
  const net = ctNet(ns);
  net.users = userProbes.some((p) => p(ns, NFPROTO_IPV4)) ? 1 : 0;
  net.users6 = userProbes.some((p) => p(ns, NFPROTO_IPV6)) ? 1 : 0;
}

// ipv4_conntrack_ops / ipv6_conntrack_ops (nf_conntrack_proto.c)
for (const hook of [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]) {
  nfRegisterNetHook(hook, NF_IP_PRI_CONNTRACK, (ns, h, skb) => (ctNet(ns).users ? nfConntrackIn(ns, h, skb) : NF_ACCEPT));
  nfRegisterNetHook(hook, NF_IP_PRI_CONNTRACK, (ns, h, skb) => (ctNet(ns).users6 ? nfConntrackIn6(ns, h, skb) : NF_ACCEPT),
    NFPROTO_IPV6);
}
for (const hook of [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]) {
  nfRegisterNetHook(hook, INT_MAX, (ns, _h, skb) => (ctNet(ns).users ? conntrackConfirm(ns, skb) : NF_ACCEPT));
  nfRegisterNetHook(hook, INT_MAX, (ns, _h, skb) => (ctNet(ns).users6 ? conntrackConfirm(ns, skb) : NF_ACCEPT), NFPROTO_IPV6);
}

export { IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY };
