// include/net/netfilter/nf_conntrack*.h: a connection (struct nf_conn) with its two tuples,
// status bits, timeout and per-protocol state, and the skb's reference to it (skb->_nfct).
import type { SkBuff } from '../core/skbuff.js';

/** struct nf_conntrack_tuple (IPv4). TCP/UDP: ports; ICMP: sport = echo id, dport =
 *  type << 8 | code. */
export interface Tuple {
  src: number;
  dst: number;
  proto: number;
  sport: number;
  dport: number;
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

export function tupleKey(t: Tuple): string {
  return `${t.src}:${t.dst}:${t.proto}:${t.sport}:${t.dport}`;
}

export function invertTuple(t: Tuple): Tuple | undefined {
  if (t.proto === 1) {
    // nf_conntrack_invert_icmp_tuple(): only queries have an inverse (echo ↔ reply, ...).
    const inv = ICMP_INVERSE[t.dport >> 8];
    if (inv === undefined) return undefined;
    return { src: t.dst, dst: t.src, proto: 1, sport: t.sport, dport: (inv << 8) | (t.dport & 0xff) };
  }
  return { src: t.dst, dst: t.src, proto: t.proto, sport: t.dport, dport: t.sport };
}

/** invmap[] of nf_conntrack_proto_icmp.c: request type → reply type (and back). */
export const ICMP_INVERSE: Record<number, number> = {
  8: 0, 13: 14, 15: 16, 17: 18, 0: 8, 14: 13, 16: 15, 18: 17,
};
