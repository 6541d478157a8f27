// net/ipv4/tcp_output.c: building segments and deciding when to send them — the SYN
// (tcp_connect()), the SYN-ACK (tcp_make_synack()), data within the congestion and receive
// windows with Nagle's rule (tcp_write_xmit()), pure ACKs, the FIN and the RST a process's
// abort sends; every one through tcp_transmit_skb() and ip_queue_xmit().
import { ipAllocSkb, ipSendSkb } from './ip_output.js';
import type { SkBuff } from '../core/skbuff.js';
import { tracing } from '../core/neighbour.js';
import { ipRouteOutput } from './route.js';
import { IPPROTO_TCP } from '../../wire/ipv4.js';
import {
  TCPHDR_ACK, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN, TCP_HLEN, TCPOPT_NOP, TCPOPT_TIMESTAMP,
  emitTcpOptions, linuxSynOptions, tcpOptionsLength,
} from '../../wire/tcp.js';
import { internetChecksum, pseudoHeaderSum4 } from '../../wire/checksum.js';
import {
  TCP_ATO_MIN, TCP_SYN_RECV, TCP_SYN_SENT, TCPOLEN_TSTAMP_ALIGNED, after, tcpFullSpace, tcpNet,
  tcpReceiveWindowFree, type TcpSock,
} from './tcp.js';
import { tcpResetXmitTimer, tcpArmDelack, tcpCancelDelack } from './tcp_timer.js';

/** tcp_time_stamp_ts(): the TS clock (ms) of a connection, with its random offset. */
export function tcpTsval(sk: TcpSock): number {
  return (Math.floor(sk.ns.kernel.clock.now()) + sk.tsOffset) >>> 0;
}

/** tcp_receive_window(): what is left of the window last advertised. */
export function tcpReceiveWindow(sk: TcpSock): number {
  const w = (sk.rcvWup + sk.rcvWnd - sk.rcvNxt) | 0;
  return w < 0 ? 0 : w;
}

const align = (x: number, shift: number) => Math.ceil(x / 2 ** shift) * 2 ** shift;

/** __tcp_select_window(): the window the receive buffer allows now, held to rcv_ssthresh. */
export function tcpSelectWindowRaw(sk: TcpSock): number {
  const mss = Math.min(sk.rcvMss, sk.advmss);
  const full = Math.min(sk.windowClamp, tcpFullSpace(sk));
  let free = tcpReceiveWindowFree(sk);
  if (free < full >> 1) {
    sk.quick = 0;
    sk.rcvSsthresh = Math.min(sk.rcvSsthresh, 4 * sk.advmss);
    free = Math.floor(free / 2 ** sk.rcvWscale) * 2 ** sk.rcvWscale;
    if (free < full >> 4 || free < mss) return 0;
  }
  if (free > sk.rcvSsthresh) free = sk.rcvSsthresh;
  if (sk.rcvWscale) return align(free, sk.rcvWscale);
  let window = sk.rcvWnd;
  if (window <= free - mss || window > free) window = Math.floor(free / mss) * mss;
  return window;
}

/** tcp_select_window(): the window field of an outgoing segment. The window never shrinks
 *  below what was already offered. */
export function tcpSelectWindow(sk: TcpSock): number {
  const cur = tcpReceiveWindow(sk);
  let win = tcpSelectWindowRaw(sk);
  if (win < cur) win = align(cur, sk.rcvWscale);
  sk.rcvWnd = win;
  sk.rcvWup = sk.rcvNxt;
  win = Math.floor(win / 2 ** sk.rcvWscale);
  return Math.min(win, 0xffff);
}

/** A segment sent in answer to one received: the trace records `fn` on the received `skb`
 *  with the answer's trace id (`sent`), so the walk links the two exactly. */
export interface TcpReplyTo {
  fn: string;
  skb: SkBuff;
}

/** tcp_transmit_skb(): one segment with `len` bytes of the write queue from `seq`. */
export function tcpTransmit(sk: TcpSock, flags: number, seq: number, len = 0, replyTo?: TcpReplyTo): number {
  const ns = sk.ns;
  const syn = (flags & TCPHDR_SYN) !== 0;
  let optLen = 0;
  let synOpts;
  if (syn) {
    synOpts = linuxSynOptions({
      mss: sk.advmss, sackPermitted: sk.sackOk,
      timestamp: sk.tstampOk ? { tsval: tcpTsval(sk), tsecr: flags & TCPHDR_ACK ? sk.tsRecent : 0 } : undefined,
      wscale: sk.wscaleOk ? sk.rcvWscale : undefined,
    });
    optLen = tcpOptionsLength(synOpts);
  } else if (sk.tstampOk) {
    optLen = TCPOLEN_TSTAMP_ALIGNED;
  }
  const hl = TCP_HLEN + optLen;
  const skb = ipAllocSkb(hl + len);
  const b = skb.buf, th = skb.off + 20;
  b[th] = sk.num >> 8; b[th + 1] = sk.num & 0xff;
  b[th + 2] = sk.dport >> 8; b[th + 3] = sk.dport & 0xff;
  put32(b, th + 4, seq);
  put32(b, th + 8, flags & TCPHDR_ACK ? sk.rcvNxt : 0);
  b[th + 12] = (hl / 4) << 4;
  b[th + 13] = flags;
  const win = syn ? Math.min(sk.rcvWnd, 0xffff) : tcpSelectWindow(sk);
  b[th + 14] = win >> 8; b[th + 15] = win & 0xff;
  if (synOpts) {
    emitTcpOptions(synOpts, b, th + TCP_HLEN);
  } else if (sk.tstampOk) {
    const o = th + TCP_HLEN;
    b[o] = TCPOPT_NOP; b[o + 1] = TCPOPT_NOP; b[o + 2] = TCPOPT_TIMESTAMP; b[o + 3] = 10;
    put32(b, o + 4, tcpTsval(sk));
    put32(b, o + 8, sk.tsRecent);
  }
  if (len) sk.sndQ.copy(queueOffset(sk, seq), len, b, th + hl);
  const sum = internetChecksum(b, th, hl + len, pseudoHeaderSum4(sk.saddr, sk.daddr, IPPROTO_TCP, hl + len));
  b[th + 16] = sum >> 8; b[th + 17] = sum & 0xff;
  if (flags & TCPHDR_ACK) {
    // tcp_event_ack_sent(): any segment with an ACK answers what was owed.
    sk.ackPending = false;
    sk.ackPushed = false;
    if (sk.quick > 0) sk.quick--;
    tcpCancelDelack(sk);
  }
  // tcp_event_data_sent(): data sent within the delayed-ACK time of data received makes the
  // connection interactive, and its ACKs then wait to ride on replies.
  if (len && sk.lrcvtime >= 0 && ns.kernel.clock.now() - sk.lrcvtime < TCP_ATO_MIN) sk.pingpong = true;
  tcpNet(ns).mib.OutSegs++;
  const rt = ipRouteOutput(ns, { dst: sk.daddr, src: sk.saddr, oif: sk.boundIf, mark: sk.mark, tos: sk.tos & 0x1c, proto: IPPROTO_TCP, sport: sk.num, dport: sk.dport });
  if (typeof rt === 'number') return rt;
  const id = sk.inetId;
  sk.inetId = (sk.inetId + 1) & 0xffff;
  if (replyTo) {
    const tr = tracing(ns);
    if (tr) tr({ fn: replyTo.fn, ns, skb: replyTo.skb, saddr: sk.saddr, daddr: sk.daddr, sent: skb.traceId });
  }
  return ipSendSkb(ns, rt, skb, {
    saddr: sk.saddr, daddr: sk.daddr, proto: IPPROTO_TCP, tos: sk.tos,
    ttl: sk.ttl < 0 ? undefined : sk.ttl, pmtudisc: sk.pmtudisc, mark: sk.mark, id,
  });
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 0xff; b[o + 2] = (v >>> 8) & 0xff; b[o + 3] = v & 0xff;
}

/** tcp_connect(): the SYN, with the retransmission timer armed at TCP_TIMEOUT_INIT. */
export function tcpConnectSyn(sk: TcpSock): void {
  sk.sndNxt = sk.sndMax = sk.writeSeq = (sk.iss + 1) >>> 0;
  sk.rttStamp = sk.ns.kernel.clock.now();
  sk.rttSeq = sk.sndNxt;
  tcpTransmit(sk, TCPHDR_SYN, sk.iss);
  tcpResetXmitTimer(sk, sk.rto);
}

/** tcp_make_synack() + tcp_v4_send_synack(): `syn` is the SYN answered (syn_skb; none
 *  when the retransmit timer resends it). */
export function tcpSendSynack(sk: TcpSock, syn?: SkBuff): void {
  tcpTransmit(sk, TCPHDR_SYN | TCPHDR_ACK, sk.iss, 0, syn && { fn: 'tcp_v4_send_synack', skb: syn });
}

/** tcp_send_ack() */
export function tcpSendAck(sk: TcpSock): void {
  if (sk.state === TCP_SYN_SENT) return;
  tcpTransmit(sk, TCPHDR_ACK, sk.sndMax);
}

/** tcp_send_active_reset(): RST+ACK from snd_nxt. */
export function tcpSendActiveReset(sk: TcpSock): void {
  tcpNet(sk.ns).mib.OutRsts++;
  tcpTransmit(sk, TCPHDR_RST | TCPHDR_ACK, sk.sndMax);
}

/** tcp_send_fin(): the FIN rides on the last unsent segment, or goes alone. */
export function tcpSendFin(sk: TcpSock): void {
  sk.finQueued = true;
  tcpPush(sk);
}

/** Offset in the write queue of sequence number `seq` (the queue starts at snd_una, after
 *  the SYN once it is acknowledged). */
function queueOffset(sk: TcpSock, seq: number): number {
  return (seq - sk.sndUna) | 0;
}

/** tcp_write_xmit(): sends what the congestion window, the peer's window and Nagle allow. */
export function tcpPush(sk: TcpSock): void {
  if (sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV) return;
  const mss = sk.mssCache;
  let sent = false;
  for (;;) {
    const off = queueOffset(sk, sk.sndNxt);
    const unsent = sk.sndQ.length - off;
    if (unsent <= 0) break;
    const inflight = Math.ceil(((sk.sndNxt - sk.sndUna) | 0) / mss);
    if (inflight >= sk.cwnd) break;
    const room = (sk.sndUna + sk.sndWnd - sk.sndNxt) | 0;
    if (room <= 0) {
      // A zero window: the probe timer takes over (tcp_check_probe_timer()).
      if (sk.sndNxt === sk.sndUna) tcpResetXmitTimer(sk, sk.rto);
      break;
    }
    let len = Math.min(mss, unsent, room);
    // tcp_nagle_test(): a small segment waits while an earlier small one is unacknowledged.
    if (len < mss && len === unsent && !sk.nodelay && sk.sndNxt !== sk.sndUna && after(sk.sndSml, sk.sndUna) && !sk.finQueued) break;
    if (len < mss && len < unsent && room < mss && sk.sndNxt !== sk.sndUna) break;
    len = Math.max(len, 0);
    const last = len === unsent;
    const fin = last && sk.finQueued;
    let flags = TCPHDR_ACK;
    if (last) flags |= TCPHDR_PSH;
    if (fin) flags |= TCPHDR_FIN;
    if (sk.rttStamp < 0) {
      sk.rttStamp = sk.ns.kernel.clock.now();
      sk.rttSeq = (sk.sndNxt + len) >>> 0;
    }
    tcpTransmit(sk, flags, sk.sndNxt, len);
    sk.sndNxt = (sk.sndNxt + len + (fin ? 1 : 0)) >>> 0;
    if (after(sk.sndNxt, sk.sndMax)) sk.sndMax = sk.sndNxt;
    if (fin) sk.finSent = true;
    if (len < mss) sk.sndSml = sk.sndNxt;
    sent = true;
  }
  if (sk.finQueued && !sk.finSent && queueOffset(sk, sk.sndNxt) >= sk.sndQ.length) {
    tcpTransmit(sk, TCPHDR_FIN | TCPHDR_ACK, sk.sndNxt);
    sk.sndNxt = (sk.sndNxt + 1) >>> 0;
    if (after(sk.sndNxt, sk.sndMax)) sk.sndMax = sk.sndNxt;
    sk.finSent = true;
    sent = true;
  }
  if (sent && !sk.timer) tcpResetXmitTimer(sk, sk.rto);
}

/** tcp_retransmit_skb() for the head of the queue: the SYN, the SYN-ACK, or the first
 *  unacknowledged segment (with the FIN when nothing but the FIN is left). `syn`: the
 *  duplicate SYN a SYN-ACK resent from SYN_RECV answers. */
export function tcpRetransmitHead(sk: TcpSock, syn?: SkBuff): void {
  tcpNet(sk.ns).mib.RetransSegs++;
  sk.rttStamp = -1;
  if (sk.state === TCP_SYN_SENT) {
    tcpTransmit(sk, TCPHDR_SYN, sk.iss);
    return;
  }
  if (sk.state === TCP_SYN_RECV && sk.sndUna === sk.iss) {
    tcpSendSynack(sk, syn);
    return;
  }
  const len = Math.min(sk.mssCache, sk.sndQ.length);
  const fin = sk.finSent && len === sk.sndQ.length;
  if (len === 0 && !fin) return;
  let flags = TCPHDR_ACK;
  if (len && len === sk.sndQ.length) flags |= TCPHDR_PSH;
  if (fin) flags |= TCPHDR_FIN;
  tcpTransmit(sk, flags, sk.sndUna, len);
}

/** tcp_xmit_probe_skb(): a window probe, an ACK one byte back in sequence space. */
export function tcpSendProbe(sk: TcpSock): void {
  tcpTransmit(sk, TCPHDR_ACK, (sk.sndUna - 1) >>> 0);
}

/** __tcp_ack_snd_check(): whether the ACK owed for received data goes now or later. */
export function tcpAckSndCheck(sk: TcpSock, ofo: boolean): void {
  if (!sk.ackPending) return;
  const unacked = (sk.rcvNxt - sk.rcvWup) | 0;
  if ((unacked > sk.rcvMss && tcpSelectWindowRaw(sk) >= sk.rcvWnd) || (sk.quick > 0 && !sk.pingpong) || ofo) {
    tcpSendAck(sk);
    return;
  }
  tcpArmDelack(sk);
}
