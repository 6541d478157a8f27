// net/ipv4/inet_diag.c, tcp_diag.c and udp_diag.c: the socket dump that sock_diag gives ss,
// and that /proc/net/tcp and /proc/net/udp print. One record per socket, in the kernel's
// walk order: TCP's listening hash, then its established hash (connections, requests still
// in SYN_RECV, TIME_WAIT); UDP's table slot by slot. Times are in milliseconds.
import type { Netns } from '../net_namespace.js';
import {
  TCP_FIN_WAIT2, TCP_LISTEN, TCP_SYN_RECV, TCP_TIME_WAIT, TCP_ATO_MIN, tcpNet, type TcpSock,
} from './tcp.js';
import { udpNet, type UdpSock } from './udp.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../wire/ipv4.js';

/** What kind of socket structure the record comes from (struct sock, inet_timewait_sock,
 *  request_sock): /proc prints each with its own function. */
export type InetDiagKind = 'full' | 'timewait' | 'request';

/** struct inet_diag_msg plus the INET_DIAG_INFO / SKMEMINFO details ss and /proc show. */
export interface InetDiagSock {
  kind: InetDiagKind;
  protocol: number;
  /** idiag_state: TCP_* numbering (UDP: TCP_ESTABLISHED when connected, TCP_CLOSE else);
   *  a timewait record's tw_substate (TIME_WAIT or FIN_WAIT2). */
  state: number;
  saddr: number;
  sport: number;
  daddr: number;
  dport: number;
  /** idiag_rqueue / idiag_wqueue (a listener: accept queue length and backlog). */
  rqueue: number;
  wqueue: number;
  /** idiag_timer: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero window probe. */
  timer: number;
  /** ms until the timer fires (0 without one). */
  expires: number;
  /** idiag_retrans: icsk_retransmits (a request: its SYN-ACK retransmissions). */
  retrans: number;
  uid: number;
  /** 0 for TIME_WAIT, requests and connections not accepted yet. */
  inode: number;
  refcnt: number;
  /** A stable identity, as the socket's kernel address is (%pK, ss's sk:). */
  cookie: number;
  /** sk_bound_dev_if */
  boundIf: number;
  /** The process holding the socket (ss -p). */
  owner: { pid: number; comm: string } | undefined;
  /** The listener's backlog, for /proc's tx_queue of a listener (always 0) and ss. */
  tcp?: {
    rto: number;
    ato: number;
    quick: number;
    pingpong: boolean;
    cwnd: number;
    ssthresh: number;
    mss: number;
    rcvMss: number;
    advmss: number;
  };
  /** UDP: datagrams dropped (sk_drops). */
  drops: number;
}

/** A kernel-address-like identity per socket object. */
const cookies = new WeakMap<object, number>();
let nextCookie = 1;
function cookieOf(o: object): number {
  let c = cookies.get(o);
  if (c === undefined) cookies.set(o, c = nextCookie++);
  return c;
}

/** inet_csk timers as idiag_timer/expires report them (inet_diag_msg_common_fill() and
 *  get_tcp4_sock()'s timer_active). */
function tcpTimer(sk: TcpSock, now: number): { timer: number; expires: number } {
  if (sk.rtoAt) {
    const probe0 = sk.sndNxt === sk.sndUna && sk.sndQ.length > 0 && sk.sndWnd === 0;
    return { timer: probe0 ? 4 : 1, expires: Math.max(0, sk.rtoAt - now) };
  }
  return { timer: 0, expires: 0 };
}

function tcpRecord(sk: TcpSock, now: number): InetDiagSock {
  const base = {
    protocol: IPPROTO_TCP, saddr: sk.rcvSaddr, sport: sk.num, daddr: sk.daddr, dport: sk.dport,
    uid: sk.uid, cookie: cookieOf(sk), boundIf: sk.boundIf, drops: 0,
  };
  // An orphan's FIN_WAIT2 and TIME_WAIT are timewait sockets (tcp_time_wait()).
  if (sk.state === TCP_TIME_WAIT || (sk.state === TCP_FIN_WAIT2 && sk.twTimer && sk.orphan)) {
    return {
      ...base, kind: 'timewait', state: sk.state, rqueue: 0, wqueue: 0, timer: 3,
      expires: Math.max(0, sk.twAt - now), retrans: 0, inode: 0, refcnt: 3, owner: undefined,
    };
  }
  if (sk.state === TCP_SYN_RECV && sk.inSynQ) {
    return {
      ...base, kind: 'request', state: TCP_SYN_RECV, rqueue: 0, wqueue: 0, timer: 1,
      expires: Math.max(0, sk.rtoAt - now), retrans: sk.retransmits, inode: 0, refcnt: 0, uid: sk.parent?.uid ?? sk.uid,
      owner: undefined,
    };
  }
  const listen = sk.state === TCP_LISTEN;
  // A connection waiting in the accept queue has no file yet (sock_graft() gives it one).
  const accepted = !sk.parent;
  return {
    ...base, kind: 'full', state: sk.state,
    rqueue: listen ? sk.acceptQ.length : sk.rcvQ.length,
    wqueue: listen ? sk.maxAckBacklog : ((sk.writeSeq - sk.sndUna) >>> 0),
    ...tcpTimer(sk, now), retrans: sk.retransmits,
    inode: accepted ? sk.ino : 0, refcnt: 1, owner: accepted ? sk.owner : undefined,
    tcp: {
      rto: sk.rto, ato: sk.lrcvtime >= 0 ? TCP_ATO_MIN : 0, quick: sk.quick, pingpong: sk.pingpong,
      cwnd: sk.cwnd, ssthresh: sk.ssthresh, mss: sk.mssCache, rcvMss: sk.rcvMss, advmss: sk.advmss,
    },
  };
}

/** The TCP sockets of a namespace: listeners by port, then the established hash. */
export function tcpDiagDump(ns: Netns): InetDiagSock[] {
  const t = tcpNet(ns);
  const now = ns.kernel.clock.now();
  const out: InetDiagSock[] = [];
  for (const sk of t.ports.all()) if (sk.state === TCP_LISTEN) out.push(tcpRecord(sk, now));
  for (const sk of t.ehash.values()) out.push(tcpRecord(sk, now));
  return out;
}

/** The number of slots of the UDP table (udp_table.mask + 1) and a per-namespace salt, as
 *  udp_hashfn() mixes net_hash_mix() into the port. */
export const UDP_HTABLE_SIZE = 128;
const salts = new WeakMap<Netns, number>();
function udpSalt(ns: Netns): number {
  let s = salts.get(ns);
  if (s === undefined) salts.set(ns, s = ns.kernel.random.int(0, UDP_HTABLE_SIZE - 1));
  return s;
}

/** udp_hashfn(): the slot a port lives in. */
export function udpSlot(ns: Netns, port: number): number {
  return (port + udpSalt(ns)) & (UDP_HTABLE_SIZE - 1);
}

function udpRecord(sk: UdpSock): InetDiagSock {
  return {
    kind: 'full', protocol: IPPROTO_UDP, state: sk.state, saddr: sk.rcvSaddr, sport: sk.num,
    daddr: sk.state === 1 ? sk.daddr : 0, dport: sk.state === 1 ? sk.dport : 0,
    rqueue: sk.rmemAlloc, wqueue: 0, timer: 0, expires: 0, retrans: 0, uid: sk.uid, inode: sk.ino,
    refcnt: 2, cookie: cookieOf(sk), boundIf: sk.boundIf, owner: sk.owner, drops: sk.drops,
  };
}

/** The UDP sockets of a namespace, slot by slot (udp_get_first()/udp_get_next()). */
export function udpDiagDump(ns: Netns): (InetDiagSock & { slot: number })[] {
  const all = udpNet(ns).ports.all().map((sk) => ({ ...udpRecord(sk), slot: udpSlot(ns, sk.num) }));
  return all.map((r, i) => ({ r, i })).sort((a, b) => (a.r.slot - b.r.slot) || (a.i - b.i)).map((x) => x.r);
}
