// net/ipv4/tcp_ipv4.c: the IPv4 side of TCP. tcp_v4_rcv() finds the connection a segment
// belongs to (the established hash, then the listeners), a listener turns a SYN into a new
// connection in SYN_RECV (tcp_conn_request()), and a segment no socket takes is answered
// with tcp_v4_send_reset() and dropped as SKB_DROP_REASON_NO_SOCKET. tcp_v4_err() hands
// ICMP errors to the connection they concern.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST } from '../core/skbuff.js';
import { kfreeSkbReason, tracing } from '../core/neighbour.js';
import { IPPROTO_TCP } from '../../wire/ipv4.js';
import {
  TcpPacket, TCPHDR_ACK, TCPHDR_FIN, TCPHDR_RST, TCPHDR_SYN, TCP_HLEN, emitTcp, tcpResetFor,
} from '../../wire/tcp.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_SOURCE_QUENCH, ICMP_REDIRECT } from '../../wire/icmp.js';
import { inetAddProtocol } from './ip_input.js';
import { ipAllocSkb, ipSendSkb, isRtable, localMtu, readAddr, ipRtUpdatePmtu } from './ip_output.js';
import { ipRouteOutput } from './route.js';
import { RTN_LOCAL } from './route_types.js';
import { icmpErrConvert } from './icmp.js';
import { sysctlInt } from '../sysctl.js';
import {
  TCP_LISTEN, TCP_SYN_RECV, TCP_SYN_SENT, TCP_TIME_WAIT, TCPOLEN_TSTAMP_ALIGNED, TcpSock, ehashKey,
  TCP_STATE_NAMES, tcpAdvmss, tcpDone, tcpHash, tcpInitConnection, tcpNet, tcpSelectInitialWindow, tcpSetState,
} from './tcp.js';
import { tcpApplySynOptions, tcpParseOptions, tcpRcvStateProcess, tcpTimewaitProcess, type TcpSeg } from './tcp_input.js';
import { tcpSendSynack } from './tcp_output.js';
import { tcpResetXmitTimer } from './tcp_timer.js';

/** tcp_v4_send_reset(): only for segments routed to a local address; the RST acknowledges
 *  what the segment occupied unless the segment carried an ACK. Sent by the namespace's
 *  control socket (IP_PMTUDISC_DO, default TTL, the segment's TOS). The trace names the
 *  segment and the reset it provoked. */
export function tcpV4SendReset(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, th = skb.transportOffset, nh = skb.networkOffset;
  const flags = b[th + 13]!;
  if (flags & TCPHDR_RST) return;
  if (!isRtable(skb.dst) || skb.dst.type !== RTN_LOCAL) return;
  const saddr = readAddr(b, nh + 16), daddr = readAddr(b, nh + 12);
  const segLen = b.length - th;
  const reset = tcpResetFor(b, th, Math.min(segLen, ((b[nh + 2]! << 8) | b[nh + 3]!) - (th - nh)));
  const tos = b[nh + 1]!;
  const rt = ipRouteOutput(ns, { dst: daddr, src: saddr, tos: tos & 0x1c, proto: IPPROTO_TCP, sport: reset.srcPort, dport: reset.dstPort, mark: skb.mark, anySrc: true });
  if (typeof rt === 'number') return;
  tcpNet(ns).mib.OutRsts++;
  tcpNet(ns).mib.OutSegs++;
  const rst = ipAllocSkb(TCP_HLEN);
  emitTcp(reset, rst.buf.subarray(rst.off + 20, rst.off + 20 + TCP_HLEN), { src: saddr, dst: daddr });
  { const tr = tracing(ns); if (tr) tr({ fn: 'tcp_v4_send_reset', ns, skb, saddr, daddr, sent: rst.traceId }); }
  ipSendSkb(ns, rt, rst, { saddr, daddr, proto: IPPROTO_TCP, tos, pmtudisc: 2 });
}

/** __inet_lookup_listener(): the best listener for a segment to daddr:dport arriving on
 *  `dif` — one bound to that address beats one bound to any address. */
function lookupListener(ns: Netns, daddr: number, dport: number, dif: number): TcpSock | undefined {
  let best: TcpSock | undefined;
  let bestScore = -1;
  for (const sk of tcpNet(ns).ports.byPort.get(dport) ?? []) {
    if (sk.state !== TCP_LISTEN) continue;
    if (sk.rcvSaddr && sk.rcvSaddr !== daddr) continue;
    if (sk.boundIf && sk.boundIf !== dif) continue;
    const score = (sk.rcvSaddr ? 2 : 1) + (sk.boundIf ? 1 : 0);
    if (score > bestScore) {
      best = sk;
      bestScore = score;
    }
  }
  return best;
}

/** tcp_conn_request() + tcp_create_openreq_child(): a SYN to a listener becomes a new
 *  connection in SYN_RECV that answers with a SYN-ACK (which names the SYN, as
 *  tcp_v4_send_synack() gets its syn_skb). */
function tcpConnRequest(ns: Netns, lsk: TcpSock, seg: TcpSeg, saddr: number, daddr: number, sport: number, dport: number): void {
  const mib = tcpNet(ns).mib;
  // sk_acceptq_is_full(): a full accept queue drops the SYN.
  if (lsk.acceptQ.length > lsk.maxAckBacklog) {
    mib.ListenOverflows++;
    mib.ListenDrops++;
    return;
  }
  if (lsk.synQLen >= Math.max(sysctlInt(ns, 'net.ipv4.tcp_max_syn_backlog'), lsk.maxAckBacklog)) {
    mib.ListenDrops++;
    return;
  }
  const rt = ipRouteOutput(ns, { dst: saddr, src: daddr, oif: lsk.boundIf, mark: lsk.mark, proto: IPPROTO_TCP, sport: dport, dport: sport });
  if (typeof rt === 'number') {
    mib.ListenDrops++;
    return;
  }
  const sk = new TcpSock(ns);
  sk.reuse = lsk.reuse;
  sk.reuseport = lsk.reuseport;
  sk.boundIf = lsk.boundIf;
  sk.mark = lsk.mark;
  sk.tos = lsk.tos;
  sk.ttl = lsk.ttl;
  sk.rcvbuf = lsk.rcvbuf;
  sk.sndbuf = lsk.sndbuf;
  sk.nodelay = lsk.nodelay;
  sk.owner = lsk.owner;
  sk.uid = lsk.uid;
  sk.rcvSaddr = sk.saddr = daddr;
  sk.num = dport;
  sk.daddr = saddr;
  sk.dport = sport;
  sk.parent = lsk;
  sk.portLocked = true;
  tcpInitConnection(sk);
  sk.advmss = tcpAdvmss(localMtu(ns, rt, saddr));
  // tcp_openreq_init_rwin(): the window is sized for segments with the options agreed.
  tcpApplySynOptions(sk, seg);
  tcpSelectInitialWindow(sk, sk.advmss - (sk.tstampOk ? TCPOLEN_TSTAMP_ALIGNED : 0));
  sk.rcvMss = Math.min(sk.advmss, sk.mssClamp, 536);
  sk.irs = seg.seq;
  sk.rcvNxt = sk.rcvWup = (seg.seq + 1) >>> 0;
  sk.sndUna = sk.iss;
  sk.sndNxt = sk.sndMax = sk.writeSeq = sk.sndSml = (sk.iss + 1) >>> 0;
  sk.sndWnd = seg.window;
  sk.sndWl1 = seg.seq;
  tcpSetState(sk, TCP_SYN_RECV);
  sk.inSynQ = true;
  lsk.synQLen++;
  tcpNet(ns).ports.add(sk);
  tcpHash(sk);
  sk.rttStamp = ns.kernel.clock.now();
  sk.rttSeq = sk.sndNxt;
  tcpSendSynack(sk, seg.skb);
  tcpResetXmitTimer(sk, sk.rto);
}

/** The segment's sequence numbers, flags and options. */
function tcpSeg(skb: SkBuff, b: Uint8Array, th: number, hl: number, len: number): TcpSeg {
  const flags = b[th + 13]!;
  const seq = ((b[th + 4]! << 24) | (b[th + 5]! << 16) | (b[th + 6]! << 8) | b[th + 7]!) >>> 0;
  const dataLen = len - hl;
  const seg: TcpSeg = {
    seq,
    end: (seq + dataLen + (flags & TCPHDR_SYN ? 1 : 0) + (flags & TCPHDR_FIN ? 1 : 0)) >>> 0,
    ack: ((b[th + 8]! << 24) | (b[th + 9]! << 16) | (b[th + 10]! << 8) | b[th + 11]!) >>> 0,
    flags,
    window: (b[th + 14]! << 8) | b[th + 15]!,
    data: b.subarray(th + hl, th + len),
    sackOk: false,
    skb,
  };
  if (hl > TCP_HLEN) tcpParseOptions(b, th, hl, seg);
  return seg;
}

/** tcp_v4_rcv() */
function tcpV4Rcv(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, th = skb.off, nh = skb.networkOffset;
  if (skb.pktType !== PACKET_HOST) return kfreeSkbReason(ns, skb, 'OTHERHOST');
  const len = Math.min(skb.len, ((b[nh + 2]! << 8) | b[nh + 3]!) - (th - nh));
  if (len < TCP_HLEN) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  const doff = (b[th + 12]! >> 4) * 4;
  if (doff < TCP_HLEN) return kfreeSkbReason(ns, skb, 'TCP_INVALID_HDR');
  if (doff > len) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  const saddr = readAddr(b, nh + 12), daddr = readAddr(b, nh + 16);
  if (!new TcpPacket(b, th, len).verifyChecksum4(saddr, daddr)) {
    tcpNet(ns).mib.InErrs++;
    return kfreeSkbReason(ns, skb, 'TCP_CSUM');
  }
  const sport = (b[th]! << 8) | b[th + 1]!, dport = (b[th + 2]! << 8) | b[th + 3]!;
  const t = tcpNet(ns);
  let sk = t.ehash.get(ehashKey(daddr, dport, saddr, sport));
  const seg = tcpSeg(skb, b, th, doff, len);
  if (sk && sk.state === TCP_TIME_WAIT) {
    t.mib.InSegs++;
    if (tcpTimewaitProcess(sk, seg) !== 'syn') return;
    sk = undefined;
  }
  if (sk) {
    { const tr = tracing(ns); if (tr) tr({ fn: 'tcp_v4_rcv', ns, skb, state: TCP_STATE_NAMES[sk.state] }); }
    if (tcpRcvStateProcess(sk, seg) === 'reset') tcpV4SendReset(ns, skb);
    return;
  }
  const lsk = lookupListener(ns, daddr, dport, skb.iif);
  if (lsk) {
    { const tr = tracing(ns); if (tr) tr({ fn: 'tcp_v4_rcv', ns, skb, state: 'TCP_LISTEN' }); }
    t.mib.InSegs++;
    const f = seg.flags;
    if (f & TCPHDR_RST) return;
    if (f & TCPHDR_ACK) {
      // No request matches this ACK (tcp_v4_cookie_check() found nothing either).
      tcpV4SendReset(ns, skb);
      return;
    }
    if (f & TCPHDR_SYN && !(f & TCPHDR_FIN)) tcpConnRequest(ns, lsk, seg, saddr, daddr, sport, dport);
    return;
  }
  tcpV4SendReset(ns, skb);
  kfreeSkbReason(ns, skb, 'NO_SOCKET');
}

/** tcp_v4_err(): skb.data at the ICMP header, which quotes one of our segments. A hard
 *  error ends a connection still being set up; an established one only notes it. */
function tcpV4Err(ns: Netns, skb: SkBuff, type: number, code: number, info: number): void {
  const b = skb.buf, q = skb.off + 8;
  const qth = q + (b[q]! & 0x0f) * 4;
  const saddr = readAddr(b, q + 12), daddr = readAddr(b, q + 16);
  const sport = (b[qth]! << 8) | b[qth + 1]!, dport = (b[qth + 2]! << 8) | b[qth + 3]!;
  const sk = tcpNet(ns).ehash.get(ehashKey(saddr, sport, daddr, dport));
  if (!sk || sk.state === TCP_TIME_WAIT) return;
  if (type === ICMP_SOURCE_QUENCH || type === ICMP_REDIRECT) return;
  if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) {
    // tcp_v4_mtu_reduced(): learn the path MTU and send smaller segments.
    const rt = ipRouteOutput(ns, { dst: daddr, src: saddr, oif: sk.boundIf, proto: IPPROTO_TCP });
    if (typeof rt === 'number') return;
    ipRtUpdatePmtu(ns, rt, daddr, info);
    const mss = Math.max(localMtu(ns, rt, daddr) - 40, 48);
    if (mss < sk.advmss) sk.mssCache = Math.min(mss, sk.mssClamp) - (sk.tstampOk ? TCPOLEN_TSTAMP_ALIGNED : 0);
    return;
  }
  const { err } = icmpErrConvert(type, code);
  if (sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV) {
    if (sk.state === TCP_SYN_RECV && sk.parent) return tcpDone(sk);
    sk.err = err;
    tcpDone(sk);
    return;
  }
  if (sk.recverr) {
    sk.err = err;
    sk.wake();
  }
}

inetAddProtocol(IPPROTO_TCP, { handler: tcpV4Rcv, errHandler: tcpV4Err });
