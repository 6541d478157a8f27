// net/ipv4/udp.c: UDP sockets. bind() and the port space (udp_lib_get_port()), connect()
// (ip4_datagram_connect()), udp_sendmsg(), the receive queue, and __udp4_lib_rcv()'s
// delivery: unicast to the best-scoring socket, broadcast and multicast to every match. A
// unicast datagram no socket takes gets ICMP port unreachable and is dropped as
// SKB_DROP_REASON_NO_SOCKET. __udp4_lib_err() reports ICMP errors to the socket, and with
// IP_RECVERR queues them on its error queue (ip_icmp_error()) for recvmsg(MSG_ERRQUEUE).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { IPPROTO_UDP } from '../../wire/ipv4.js';
import { UdpPacket, UDP_HLEN } from '../../wire/udp.js';
import { internetChecksum, pseudoHeaderSum4 } from '../../wire/checksum.js';
import { inetAddProtocol, rtIsBroadcast } from './ip_input.js';
import { ipAllocSkb, ipSendSkb, ipMib, isRtable, readAddr } from './ip_output.js';
import { icmpErrConvert, icmpNet, icmpSend } from './icmp.js';
import { ipRouteOutput } from './route.js';
import { RTCF_BROADCAST } from './route_types.js';
import {
  ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_PORT_UNREACH, ICMP_REDIRECT, ICMP_SOURCE_QUENCH,
} from '../../wire/icmp.js';
import { SO_EE_ORIGIN_ICMP, type SockExtendedErr } from './ip_sockglue.js';
import { InetSock, PortSpace, inetBindAddrCheck, inetGetPort } from './inet_hashtables.js';
import { sysctlInt } from '../sysctl.js';
import { EACCES, EAGAIN, EDESTADDRREQ, EINVAL, EMSGSIZE } from '../errno.js';

/** A datagram in a socket's receive queue. */
export interface UdpDatagram {
  data: Uint8Array;
  from: number;
  fromPort: number;
  /** IP_PKTINFO: the device it came in on. */
  ifindex: number;
}

/** The Udp: counters of /proc/net/snmp. */
export class UdpMib {
  InDatagrams = 0;
  NoPorts = 0;
  InErrors = 0;
  OutDatagrams = 0;
  RcvbufErrors = 0;
  SndbufErrors = 0;
  InCsumErrors = 0;
}

export class UdpNet {
  readonly ports = new PortSpace<UdpSock>();
  readonly mib = new UdpMib();
}

export function udpNet(ns: Netns): UdpNet {
  let u = ns.proto.udp as UdpNet | undefined;
  if (!u) ns.proto.udp = u = new UdpNet();
  return u;
}

/** struct udp_sock */
export class UdpSock extends InetSock {
  readonly protocol = IPPROTO_UDP;
  /** TCP_ESTABLISHED once connected, TCP_CLOSE otherwise (what ss and /proc/net/udp show). */
  state = 7;
  readonly rcvQueue: UdpDatagram[] = [];
  /** sk_rmem_alloc: bytes queued (each datagram charged with its truesize). */
  rmemAlloc = 0;
  /** Datagrams dropped for want of buffer space (sk_drops). */
  drops = 0;
  /** sk_error_queue: ICMP errors kept for recvmsg(MSG_ERRQUEUE) under IP_RECVERR. */
  readonly errQueue: SockExtendedErr[] = [];
  closed = false;

  constructor(ns: Netns) {
    super(ns, 2, sysctlInt(ns, 'net.core.rmem_default'), sysctlInt(ns, 'net.core.wmem_default'));
    this.pmtudisc = icmpNet(ns).sysctl.ip_no_pmtu_disc ? 0 : 1;
  }
}

/** udp_lib_get_port()'s sharing rule: SO_REUSEADDR on both, or SO_REUSEPORT on both. */
function udpShareable(sk: UdpSock) {
  return (o: UdpSock): boolean => (sk.reuse && o.reuse) || (sk.reuseport && o.reuseport);
}

export function udpSocket(ns: Netns): UdpSock {
  return new UdpSock(ns);
}

/** inet_bind() for UDP: 0 or the errno. */
export function udpBind(sk: UdpSock, addr: number, port: number): number {
  if (sk.num) return EINVAL;
  const e = inetBindAddrCheck(sk.ns, addr);
  if (e) return e;
  sk.rcvSaddr = sk.saddr = addr;
  const err = inetGetPort(sk.ns, udpNet(sk.ns).ports, sk, port, udpShareable(sk));
  if (err) {
    sk.rcvSaddr = sk.saddr = 0;
    return err;
  }
  if (port) sk.portLocked = true;
  return 0;
}

/** inet_autobind() */
function udpAutobind(sk: UdpSock): number {
  if (sk.num) return 0;
  const err = inetGetPort(sk.ns, udpNet(sk.ns).ports, sk, 0, udpShareable(sk));
  if (!err) sk.autobound = true;
  return err;
}

/** ip4_datagram_connect(): fixes the peer and, from the route, the source address. */
export function udpConnect(sk: UdpSock, daddr: number, dport: number): number {
  const rt = ipRouteOutput(sk.ns, { dst: daddr, src: sk.saddr, oif: sk.boundIf, mark: sk.mark, tos: sk.tos & 0x1c, proto: IPPROTO_UDP, sport: sk.num, dport });
  if (typeof rt === 'number') {
    ipMib(sk.ns).OutNoRoutes++;
    return rt;
  }
  if (rt.flags & RTCF_BROADCAST && !sk.broadcast) return EACCES;
  const err = udpAutobind(sk);
  if (err) return err;
  if (!sk.saddr) sk.saddr = rt.fl.saddr;
  if (!sk.rcvSaddr) sk.rcvSaddr = sk.saddr;
  sk.daddr = daddr;
  sk.dport = dport;
  sk.state = 1;
  return 0;
}

/** udp_sendmsg(): returns the bytes sent or a negative errno. */
export function udpSendmsg(sk: UdpSock, data: Uint8Array, to?: { addr: number; port: number }): number {
  const ns = sk.ns;
  let daddr = sk.daddr, dport = sk.dport;
  if (to) {
    daddr = to.addr;
    dport = to.port;
  } else if (sk.state !== 1) {
    return -EDESTADDRREQ;
  }
  if (data.length > 0xffff - 28) return -EMSGSIZE;
  const err = udpAutobind(sk);
  if (err) return -err;
  const rt = ipRouteOutput(ns, { dst: daddr, src: sk.saddr, oif: sk.boundIf, mark: sk.mark, tos: sk.tos & 0x1c, proto: IPPROTO_UDP, sport: sk.num, dport });
  if (typeof rt === 'number') {
    ipMib(ns).OutNoRoutes++;
    return -rt;
  }
  if (rt.flags & RTCF_BROADCAST && !sk.broadcast) return -EACCES;
  // ip_make_skb() -> sock_alloc_send_skb(): a pending error (a port unreachable the
  // connected socket heard) fails this send, and is cleared.
  const pending = sk.takeError();
  if (pending) return -pending;
  const saddr = rt.fl.saddr;
  const len = UDP_HLEN + data.length;
  const skb = ipAllocSkb(len);
  const b = skb.buf, uh = skb.off + 20;
  b[uh] = sk.num >> 8; b[uh + 1] = sk.num & 0xff;
  b[uh + 2] = dport >> 8; b[uh + 3] = dport & 0xff;
  b[uh + 4] = len >> 8; b[uh + 5] = len & 0xff;
  b.set(data, uh + UDP_HLEN);
  let sum = internetChecksum(b, uh, len, pseudoHeaderSum4(saddr, daddr, IPPROTO_UDP, len));
  if (sum === 0) sum = 0xffff;
  b[uh + 6] = sum >> 8; b[uh + 7] = sum & 0xff;
  udpNet(ns).mib.OutDatagrams++;
  const e = ipSendSkb(ns, rt, skb, {
    saddr, daddr, proto: IPPROTO_UDP, tos: sk.tos, ttl: sk.ttl < 0 ? undefined : sk.ttl,
    pmtudisc: sk.pmtudisc, mark: sk.mark,
  });
  return e && e !== 1 ? -e : data.length;
}

/** udp_recvmsg() without waiting: the next datagram (cut to `max`), or a negative errno
 *  (a pending error first, then EAGAIN). */
export function udpRecvmsg(sk: UdpSock, max: number): UdpDatagram | number {
  const d = sk.rcvQueue.shift();
  if (!d) return sk.err ? -sk.takeError() : -EAGAIN;
  sk.rmemAlloc -= truesize(d.data.length);
  return d.data.length > max ? { ...d, data: d.data.subarray(0, max) } : d;
}

/** ip_recv_error(): the oldest queued error, or -EAGAIN. Taking it leaves sk_err at the next
 *  one's errno (sock_dequeue_err_skb()). */
export function udpRecvError(sk: UdpSock): SockExtendedErr | number {
  const e = sk.errQueue.shift();
  if (!e) return -EAGAIN;
  sk.err = sk.errQueue[0]?.errno ?? 0;
  return e;
}

export function udpClose(sk: UdpSock): void {
  if (sk.closed) return;
  sk.closed = true;
  sk.errQueue.length = 0;
  if (sk.num) udpNet(sk.ns).ports.remove(sk);
}

/** What a queued datagram costs against sk_rcvbuf (its skb's truesize). */
function truesize(len: number): number {
  return len + 768;
}

/** compute_score(): -1 when the socket does not take the datagram. */
function score(sk: UdpSock, saddr: number, sport: number, daddr: number, dif: number): number {
  let s = 2;
  if (sk.rcvSaddr) {
    if (sk.rcvSaddr !== daddr) return -1;
    s += 4;
  }
  if (sk.state === 1) {
    if (sk.daddr !== saddr || sk.dport !== sport) return -1;
    s += 8;
  }
  if (sk.boundIf) {
    if (sk.boundIf !== dif) return -1;
    s += 4;
  }
  return s;
}

function udpQueueRcv(sk: UdpSock, data: Uint8Array, saddr: number, sport: number, ifindex: number): void {
  const mib = udpNet(sk.ns).mib;
  const cost = truesize(data.length);
  if (sk.rmemAlloc + cost > sk.rcvbuf) {
    mib.RcvbufErrors++;
    mib.InErrors++;
    sk.drops++;
    return;
  }
  sk.rmemAlloc += cost;
  sk.rcvQueue.push({ data: data.slice(), from: saddr, fromPort: sport, ifindex });
  mib.InDatagrams++;
  sk.wake();
}

/** __udp4_lib_rcv() */
function udpRcv(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, nh = skb.networkOffset;
  const udp = new UdpPacket(b, skb.off);
  const mib = udpNet(ns).mib;
  // A header and a length field that fit what arrived.
  if (!udp.isValid) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  const saddr = readAddr(b, nh + 12), daddr = readAddr(b, nh + 16);
  // udp4_csum_init() + udp_lib_checksum_complete(): a zero checksum means none was sent.
  if (!udp.verifyChecksum4(saddr, daddr)) {
    mib.InCsumErrors++;
    mib.InErrors++;
    return kfreeSkbReason(ns, skb, 'UDP_CSUM');
  }
  const sport = udp.srcPort, dport = udp.dstPort;
  const data = b.subarray(skb.off + UDP_HLEN, skb.off + udp.length);
  const dif = skb.iif;
  const socks = udpNet(ns).ports.byPort.get(dport);
  if (isRtable(skb.dst) && rtIsBroadcast(skb.dst)) {
    // __udp4_lib_mcast_deliver(): every matching socket gets a copy.
    let n = 0;
    for (const sk of socks ?? []) {
      if (sk.rcvSaddr && sk.rcvSaddr !== daddr) continue;
      if (sk.state === 1 && (sk.daddr !== saddr || sk.dport !== sport)) continue;
      if (sk.boundIf && sk.boundIf !== dif) continue;
      udpQueueRcv(sk, data, saddr, sport, dif);
      n++;
    }
    if (!n) mib.NoPorts++;
    return;
  }
  let best: UdpSock | undefined, bestScore = -1;
  for (const sk of socks ?? []) {
    const s = score(sk, saddr, sport, daddr, dif);
    if (s > bestScore) {
      best = sk;
      bestScore = s;
    }
  }
  if (best) return udpQueueRcv(best, data, saddr, sport, dif);
  mib.NoPorts++;
  icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
  kfreeSkbReason(ns, skb, 'NO_SOCKET');
}

/** __udp4_lib_err(): skb.data at the ICMP header. Without IP_RECVERR only a connected
 *  socket hears of a hard error (port unreachable: ECONNREFUSED on its next call); with it
 *  every error is queued (ip_icmp_error()) and becomes the pending error. */
function udpErr(ns: Netns, skb: SkBuff, type: number, code: number, info: number): void {
  const b = skb.buf, q = skb.off + 8;
  const quh = q + (b[q]! & 0x0f) * 4;
  const saddr = readAddr(b, q + 12), daddr = readAddr(b, q + 16);
  const sport = (b[quh]! << 8) | b[quh + 1]!, dport = (b[quh + 2]! << 8) | b[quh + 3]!;
  let sk: UdpSock | undefined, bestScore = -1;
  for (const s of udpNet(ns).ports.byPort.get(sport) ?? []) {
    const sc = score(s, daddr, dport, saddr, 0);
    if (sc > bestScore) {
      sk = s;
      bestScore = sc;
    }
  }
  if (!sk) return;
  if (type === ICMP_SOURCE_QUENCH || type === ICMP_REDIRECT) return;
  let { err, fatal } = icmpErrConvert(type, code);
  if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) {
    // Only a socket that sets DF (IP_PMTUDISC_DO/WANT) is told; it is a hard error then.
    if (sk.pmtudisc === 0) return;
    fatal = true;
  }
  if (!sk.recverr) {
    if (!fatal || sk.state !== 1) return;
  } else {
    // ip_icmp_error(): the quoted datagram's payload, after its UDP header.
    const end = Math.min(b.length, skb.off + skb.len);
    sk.errQueue.push({
      errno: err, origin: SO_EE_ORIGIN_ICMP, type, code, info: type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED ? info : 0,
      offender: readAddr(b, skb.networkOffset + 12), target: daddr, port: dport,
      payload: b.slice(Math.min(quh + UDP_HLEN, end), end),
    });
  }
  sk.err = err;
  sk.wake();
}

inetAddProtocol(IPPROTO_UDP, { handler: udpRcv, errHandler: udpErr });
