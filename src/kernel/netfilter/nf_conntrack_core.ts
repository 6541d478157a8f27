// net/netfilter/nf_conntrack_core.c: the per-namespace connection table. nf_conntrack_in()
// (PRE_ROUTING and LOCAL_OUT, NF_IP_PRI_CONNTRACK) finds or creates the packet's connection
// and lets the protocol tracker judge it; __nf_conntrack_confirm() (POST_ROUTING and LOCAL_IN,
// last) puts a new connection into the table. As since Linux 4.10, a namespace tracks only
// while something there needs it (a rule using conntrack or NAT).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import type { TimerHandle } from '../clock.js';
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../ipv4/ip_input.js';
import { printk, KERN_SOH } from '../printk.js';
import { sysctlInt } from '../sysctl.js';
import { tracing } from '../core/neighbour.js';
import { nfRegisterNetHook, NF_IP_PRI_CONNTRACK } from './core.js';
import { u16, u32, ipHdrOff } from './x_tables.js';
import {
  NfConn, tupleKey, invertTuple, IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY, IP_CT_NEW, IP_CT_ESTABLISHED,
  IP_CT_ESTABLISHED_REPLY, IP_CT_RELATED, IP_CT_RELATED_REPLY, IP_CT_UNTRACKED, IPS_SEEN_REPLY,
  IPS_CONFIRMED, IPS_ASSURED, IPS_DYING, IPS_UNTRACKED, type Tuple,
} from './nf_conntrack.js';
import {
  nfConntrackTcpPacket, tcpLog, TCP_INVALID, TCP_KILL, TCP_NOREFRESH, TCP_REPEAT,
} from './nf_conntrack_proto_tcp.js';
import { nfConntrackMax } from './nf_conntrack_standalone.js';

const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
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
  /** Whether the namespace tracks connections (nf_ct_netns_get() users). */
  users: number;
  stat: CtStat[];
  listeners: Set<(ev: CtEvent, ct: NfConn) => void>;
  gc: TimerHandle | undefined;
  gcAt: number;
}

export function ctNet(ns: Netns): CtNet {
  let c = ns.proto['nf_conntrack'] as CtNet | undefined;
  if (!c) {
    c = {
      hash: new Map(), all: new Set(), users: 0, stat: Array.from({ length: ns.kernel.ncpus }, newStat),
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
  const t: Tuple = { src: u32(b, nh + 12), dst: u32(b, nh + 16), proto, sport: 0, dport: 0 };
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
  for (const v of [t.src, t.dst, (t.sport << 16) | t.dport, t.proto]) {
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

/** icmp_error_message(): an ICMP error quoting a packet of a known connection is RELATED to
 *  it (in the direction opposite to the quoted packet's). */
function icmpError(ns: Netns, skb: SkBuff, b: Uint8Array, nh: number): number {
  const th = nh + (b[nh]! & 0x0f) * 4;
  const inner = packetTuple(b, th + 8);
  if (!inner) return invalid(ns, skb, 'short icmp error');
  const h = nfConntrackFind(ns, invertTuple(inner) ?? inner);
  if (!h) return invalid(ns, skb, 'no connection for icmp error');
  skb.nfct = h.ct;
  // The quoted packet went in direction `!dir`; the error travels back as `dir`.
  skb.ctinfo = h.dir === IP_CT_DIR_REPLY ? IP_CT_RELATED : IP_CT_RELATED_REPLY;
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_conntrack_in', ns, skb, ct: h.ct, state: 'RELATED' });
  return NF_ACCEPT;
}

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
/** valid_new[] of nf_conntrack_proto_icmp.c: the ICMP types that may start a connection. */
const ICMP_VALID_NEW = new Set([8, 13, 15, 17]);

/** nf_conntrack_in() */
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
  if (t.proto === IPPROTO_ICMP && ICMP_ERRORS.has(b[th]!)) return icmpError(ns, skb, b, nh);
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
    ms = nfConntrackTcpPacket(ns, ct, hook, b, nh, dir);
    if (ms === TCP_REPEAT) {
      // A SYN reopening a closed connection: the old entry goes, the SYN is looked up again.
      nfCtDelete(ns, ct);
      return nfConntrackIn(ns, hook, skb);
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
  return nfConntrackInsert(ns, ct) ? NF_ACCEPT : NF_DROP;
}

// ---------------------------------------------------------------------------------------
// Which namespaces track (nf_ct_netns_get()/put())

const userProbes: ((ns: Netns) => boolean)[] = [];

/** Registers a test for "this namespace needs conntrack" (its tables' rules). */
export function nfCtRegisterUser(probe: (ns: Netns) => boolean): void {
  userProbes.push(probe);
}

/** Re-evaluates whether `ns` tracks connections, after its rules changed. */
export function nfCtNetnsSync(ns: Netns): void {
  ctNet(ns).users = userProbes.some((p) => p(ns)) ? 1 : 0;
}

for (const hook of [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]) {
  nfRegisterNetHook(hook, NF_IP_PRI_CONNTRACK, (ns, h, skb) => (ctNet(ns).users ? nfConntrackIn(ns, h, skb) : NF_ACCEPT));
}
for (const hook of [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]) {
  nfRegisterNetHook(hook, INT_MAX, (ns, _h, skb) => (ctNet(ns).users ? conntrackConfirm(ns, skb) : NF_ACCEPT));
}

export { IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY };
