// include/net/netfilter/nf_conntrack*.h: a connection (struct nf_conn) with its two tuples,
// status bits, timeout and per-protocol state, and the skb's reference to it (skb->_nfct).
import type { SkBuff } from '../core/skbuff.js';

/** struct nf_conntrack_tuple: src.l3num says the family (both share one table per namespace,
 *  as in Linux). IPv4 addresses are host-order numbers in `src`/`dst` (0 in an IPv6 tuple);
 *  IPv6 addresses are 16-byte arrays in `src6`/`dst6` (undefined in an IPv4 tuple), never
 *  changed in place once in a tuple. TCP/UDP: ports; ICMP and ICMPv6: sport = echo id,
 *  dport = type << 8 | code. */
export interface Tuple {
  l3num: number;
  src: number;
  dst: number;
  src6: Uint8Array | undefined;
  dst6: Uint8Array | undefined;
  proto: number;
  sport: number;
  dport: number;
}

/** NFPROTO_IPV4 / NFPROTO_IPV6 (core.ts has them too; repeated to keep this module a leaf). */
export const CT_L3_IPV4 = 2, CT_L3_IPV6 = 10;

/** An IPv4 tuple. */
export function tuple4(src: number, dst: number, proto: number, sport: number, dport: number): Tuple {
  return { l3num: CT_L3_IPV4, src, dst, src6: undefined, dst6: undefined, proto, sport, dport };
}

/** An IPv6 tuple (the arrays are kept, not copied). */
export function tuple6(src6: Uint8Array, dst6: Uint8Array, proto: number, sport: number, dport: number): Tuple {
  return { l3num: CT_L3_IPV6, src: 0, dst: 0, src6, dst6, proto, sport, dport };
}

export const IP_CT_DIR_ORIGINAL = 0, IP_CT_DIR_REPLY = 1;

/** enum ip_conntrack_info */
export const IP_CT_ESTABLISHED = 0, IP_CT_RELATED = 1, IP_CT_NEW = 2, IP_CT_IS_REPLY = 3,
  IP_CT_ESTABLISHED_REPLY = 3, IP_CT_RELATED_REPLY = 4, IP_CT_UNTRACKED = 7;

/** enum ip_conntrack_status */
export const IPS_EXPECTED = 1 << 0, IPS_SEEN_REPLY = 1 << 1, IPS_ASSURED = 1 << 2,
  IPS_CONFIRMED = 1 << 3, IPS_SRC_NAT = 1 << 4, IPS_DST_NAT = 1 << 5, IPS_SEQ_ADJUST = 1 << 6,
  IPS_SRC_NAT_DONE = 1 << 7, IPS_DST_NAT_DONE = 1 << 8, IPS_DYING = 1 << 9,
  IPS_FIXED_TIMEOUT = 1 << 10, IPS_TEMPLATE = 1 << 11, IPS_UNTRACKED = 1 << 12,
  IPS_HELPER = 1 << 13, IPS_OFFLOAD = 1 << 14, IPS_HW_OFFLOAD = 1 << 15;
export const IPS_NAT_MASK = IPS_SRC_NAT | IPS_DST_NAT;
export const IPS_NAT_DONE_MASK = IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE;

/** enum nf_nat_manip_type */
export const NF_NAT_MANIP_SRC = 0, NF_NAT_MANIP_DST = 1;

/** enum tcp_conntrack */
export const TCP_CONNTRACK_NONE = 0, TCP_CONNTRACK_SYN_SENT = 1, TCP_CONNTRACK_SYN_RECV = 2,
  TCP_CONNTRACK_ESTABLISHED = 3, TCP_CONNTRACK_FIN_WAIT = 4, TCP_CONNTRACK_CLOSE_WAIT = 5,
  TCP_CONNTRACK_LAST_ACK = 6, TCP_CONNTRACK_TIME_WAIT = 7, TCP_CONNTRACK_CLOSE = 8,
  TCP_CONNTRACK_LISTEN = 9, TCP_CONNTRACK_MAX = 10, TCP_CONNTRACK_IGNORE = 11,
  TCP_CONNTRACK_RETRANS = 12, TCP_CONNTRACK_UNACK = 13;
export const TCP_STATE_NAMES = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT',
  'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'SYN_SENT2'];

/** struct ip_ct_tcp_state: one direction's window tracking (sequence numbers as uint32). */
export interface TcpDirState {
  /** td_end: the highest seq + len this direction sent. */
  end: number;
  /** td_maxend: the highest ack + window the other direction allowed it. */
  maxend: number;
  /** td_maxwin: the largest window (plus SACKed span) this direction advertised. */
  maxwin: number;
  /** td_maxack: the highest ACK this direction sent (IP_CT_TCP_FLAG_MAXACK_SET). */
  maxack: number;
  /** td_scale: the window scale this direction announced. */
  scale: number;
  /** IP_CT_TCP_FLAG_* */
  flags: number;
}

/** include/uapi/linux/netfilter/nf_conntrack_tcp.h: ip_ct_tcp_state.flags, and the two
 *  ip_ct_tcp.last_flags bits of nf_conntrack_proto_tcp.c. */
export const IP_CT_TCP_FLAG_WINDOW_SCALE = 0x01, IP_CT_TCP_FLAG_SACK_PERM = 0x02,
  IP_CT_TCP_FLAG_CLOSE_INIT = 0x04, IP_CT_TCP_FLAG_BE_LIBERAL = 0x08,
  IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED = 0x10, IP_CT_TCP_FLAG_MAXACK_SET = 0x20,
  IP_CT_EXP_CHALLENGE_ACK = 0x40, IP_CT_TCP_SIMULTANEOUS_OPEN = 0x80;

/** struct ip_ct_tcp */
export interface TcpCtState {
  seen: [TcpDirState, TcpDirState];
  /** enum tcp_conntrack */
  state: number;
  /** Direction, flag set (TCP_*_SET), seq, ack, end and raw window of the last segment
   *  taken into account (or of the last ignored one). */
  lastDir: number;
  retrans: number;
  lastIndex: number;
  lastSeq: number;
  lastAck: number;
  lastEnd: number;
  lastWin: number;
  /** The window scale and flags of the last ignored SYN (for resynchronising on its SYN/ACK). */
  lastWscale: number;
  lastFlags: number;
}

let nextId = 1;

/** struct nf_conn */
export class NfConn {
  /** tuplehash[ORIGINAL / REPLY].tuple */
  readonly tuple: [Tuple, Tuple];
  status = 0;
  /** Absolute expiry time on the world's clock, in ms (ct->timeout). */
  timeout = 0;
  mark = 0;
  /** Per-direction packet and byte counters (nf_conn_acct). */
  readonly packets = [0, 0];
  readonly bytes = [0, 0];
  tcp: TcpCtState | undefined;
  /** The connection an ICMP error or an expectation relates this one to. */
  master: NfConn | undefined;
  /** ct->id as ctnetlink reports it. */
  readonly id = nextId++;
  /** Creation time on the clock (ms), for the timestamp extension. */
  start = 0;
  /** Netns-local: NAT target chosen the MASQUERADE way (flushed when the address goes). */
  masqIfindex = 0;

  constructor(orig: Tuple, reply: Tuple) {
    this.tuple = [orig, reply];
  }
}

/** ctinfo → is it the reply direction? */
export const ctinfo2dir = (ctinfo: number): number => (ctinfo >= IP_CT_IS_REPLY ? IP_CT_DIR_REPLY : IP_CT_DIR_ORIGINAL);

/** nf_ct_get(): the skb's connection and ctinfo (undefined for an untracked or new skb). */
export function nfCtGet(skb: SkBuff): NfConn | undefined {
  return skb.nfct as NfConn | undefined;
}

/** The hash key of a tuple; an IPv6 key starts with "6", which no IPv4 key (a number
 *  first) does, so both families share the table without colliding (the zone and family are
 *  part of hash_conntrack_raw()'s input too). */
export function tupleKey(t: Tuple): string {
  if (t.src6 === undefined) return `${t.src}:${t.dst}:${t.proto}:${t.sport}:${t.dport}`;
  return `6${addr6Key(t.src6)}${addr6Key(t.dst6!)}:${t.proto}:${t.sport}:${t.dport}`;
}

/** 32 hex digits of an IPv6 address. */
function addr6Key(a: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i += 4) {
    s += (((a[i]! << 24) | (a[i + 1]! << 16) | (a[i + 2]! << 8) | a[i + 3]!) >>> 0).toString(16).padStart(8, '0');
  }
  return s;
}

/** ipv6_addr_equal() */
export function addr6Equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** nf_ct_tuple_src_equal() + nf_ct_tuple_dst_equal() */
export function tupleEqual(a: Tuple, b: Tuple): boolean {
  if (a.l3num !== b.l3num || a.proto !== b.proto || a.sport !== b.sport || a.dport !== b.dport) return false;
  if (a.src6 === undefined) return a.src === b.src && a.dst === b.dst;
  return addr6Equal(a.src6, b.src6!) && addr6Equal(a.dst6!, b.dst6!);
}

/** nf_ct_invert_tuple(): the tuple of the answer; undefined for ICMP messages that have none. */
export function invertTuple(t: Tuple): Tuple | undefined {
  if (t.proto === 1 || t.proto === 58) {
    // nf_conntrack_invert_icmp_tuple() / nf_conntrack_invert_icmpv6_tuple(): only queries
    // have an inverse (echo <-> reply, ...).
    const inv = (t.proto === 1 ? ICMP_INVERSE : ICMPV6_INVERSE)[t.dport >> 8];
    if (inv === undefined) return undefined;
    return { l3num: t.l3num, src: t.dst, dst: t.src, src6: t.dst6, dst6: t.src6, proto: t.proto, sport: t.sport, dport: (inv << 8) | (t.dport & 0xff) };
  }
  return { l3num: t.l3num, src: t.dst, dst: t.src, src6: t.dst6, dst6: t.src6, proto: t.proto, sport: t.dport, dport: t.sport };
}

/** invmap[] of nf_conntrack_proto_icmp.c: request type → reply type (and back). */
export const ICMP_INVERSE: Record<number, number> = {
  8: 0, 13: 14, 15: 16, 17: 18, 0: 8, 14: 13, 16: 15, 18: 17,
};

/** invmap[] of nf_conntrack_proto_icmpv6.c: echo and node information queries. */
export const ICMPV6_INVERSE: Record<number, number> = { 128: 129, 129: 128, 139: 140, 140: 139 };
