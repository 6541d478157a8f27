// net/ipv4/tcp_input.c: what a connection does with a segment — tcp_rcv_state_process()
// (RFC 793's "segment arrives" in Linux's order: sequence check, RST, SYN, ACK, data, FIN),
// tcp_rcv_synsent_state_process() for the SYN-ACK, tcp_ack() with RTT estimation and
// Reno-style congestion control, tcp_data_queue() with the out-of-order queue, and the ACK
// policy (quick ACKs, delayed ACKs) of __tcp_ack_snd_check().
import { RCV_SHUTDOWN } from '../core/sock.js';
import type { SkBuff } from '../core/skbuff.js';
import {
  TCPHDR_ACK, TCPHDR_FIN, TCPHDR_RST, TCPHDR_SYN, TCPOPT_EOL, TCPOPT_MSS, TCPOPT_NOP,
  TCPOPT_SACK_PERM, TCPOPT_TIMESTAMP, TCPOPT_WINDOW,
} from '../../wire/tcp.js';
import {
  TCP_CLOSE, TCP_CLOSE_WAIT, TCP_CLOSING, TCP_ESTABLISHED, TCP_FIN_WAIT1, TCP_FIN_WAIT2,
  TCP_INIT_CWND, TCP_LAST_ACK, TCP_MAX_QUICKACKS, TCP_RTO_MAX, TCP_RTO_MIN, TCP_SYN_RECV, TCP_SYN_SENT,
  TCP_TIME_WAIT, TCPOLEN_TSTAMP_ALIGNED, after, before, tcpDone, tcpHash, tcpNet, tcpReceiveWindowFree,
  tcpReset, tcpSetState, tcpSndbufExpand, type TcpSock,
} from './tcp.js';
import {
  tcpAckSndCheck, tcpPush, tcpRetransmitHead, tcpSendAck, tcpTsval,
} from './tcp_output.js';
import { tcpClearXmitTimers, tcpResetXmitTimer, tcpTimeWait } from './tcp_timer.js';

/** struct tcp_skb_cb plus the options tcp_parse_options() found. */
export interface TcpSeg {
  seq: number;
  /** end_seq: seq + data length + SYN + FIN */
  end: number;
  ack: number;
  flags: number;
  window: number;
  data: Uint8Array;
  /** Options (undefined / false when absent). */
  mss?: number;
  wscale?: number;
  sackOk: boolean;
  tsval?: number;
  tsecr?: number;
  /** The skb it came in (what a reply to it names in the trace). */
  skb?: SkBuff;
}

/** tcp_parse_options() over the header at `th` of `hl` bytes. */
export function tcpParseOptions(b: Uint8Array, th: number, hl: number, seg: TcpSeg): void {
  const syn = (seg.flags & TCPHDR_SYN) !== 0;
  let p = th + 20;
  const end = th + hl;
  while (p < end) {
    const k = b[p]!;
    if (k === TCPOPT_EOL) return;
    if (k === TCPOPT_NOP) { p++; continue; }
    const size = p + 1 < end ? b[p + 1]! : 0;
    if (size < 2 || p + size > end) return;
    if (k === TCPOPT_MSS && size === 4 && syn) seg.mss = (b[p + 2]! << 8) | b[p + 3]!;
    else if (k === TCPOPT_WINDOW && size === 3 && syn) seg.wscale = Math.min(b[p + 2]!, 14);
    else if (k === TCPOPT_SACK_PERM && size === 2 && syn) seg.sackOk = true;
    else if (k === TCPOPT_TIMESTAMP && size === 10) {
      seg.tsval = ((b[p + 2]! << 24) | (b[p + 3]! << 16) | (b[p + 4]! << 8) | b[p + 5]!) >>> 0;
      seg.tsecr = ((b[p + 6]! << 24) | (b[p + 7]! << 16) | (b[p + 8]! << 8) | b[p + 9]!) >>> 0;
    }
    p += size;
  }
}

/** tcp_sequence(): does the segment overlap the receive window? */
function tcpSequence(sk: TcpSock, seg: TcpSeg): boolean {
  const wnd = Math.max(0, (sk.rcvWup + sk.rcvWnd - sk.rcvNxt) | 0);
  return !before(seg.end, sk.rcvWup) && !after(seg.seq, (sk.rcvNxt + wnd) >>> 0);
}

/** tcp_rtt_estimator() + tcp_set_rto(): RFC 6298 with Linux's floor of rto_min on the
 *  variance term. */
function tcpRttEstimator(sk: TcpSock, rtt: number): void {
  rtt = Math.max(rtt, 1);
  if (sk.srtt === 0) {
    sk.srtt = rtt;
    sk.rttvar = rtt / 2;
  } else {
    sk.rttvar = 0.75 * sk.rttvar + 0.25 * Math.abs(sk.srtt - rtt);
    sk.srtt = 0.875 * sk.srtt + 0.125 * rtt;
  }
  sk.rto = Math.min(sk.srtt + Math.max(4 * sk.rttvar, TCP_RTO_MIN), TCP_RTO_MAX);
}

/** tcp_ack(): returns false for an ACK of something never sent (the caller drops it). */
function tcpAck(sk: TcpSock, seg: TcpSeg): boolean {
  const ack = seg.ack;
  if (before(ack, sk.sndUna)) return true;
  if (after(ack, sk.sndMax)) return false;
  if (after(ack, sk.sndNxt)) {
    // Acknowledges data sent before a timeout stepped back: it need not go again.
    sk.sndNxt = ack;
    if (sk.finQueued && ack === ((sk.writeSeq + 1) >>> 0)) sk.finSent = true;
  }
  const now = sk.ns.kernel.clock.now();
  const nwin = seg.window * 2 ** sk.sndWscale;
  const acked = (ack - sk.sndUna) | 0;
  // tcp_ack_update_window()
  const winChanged = nwin !== sk.sndWnd;
  if (acked > 0 || after(seg.seq, sk.sndWl1) || (seg.seq === sk.sndWl1 && nwin > sk.sndWnd)) {
    sk.sndWnd = nwin;
    sk.sndWl1 = seg.seq;
    if (nwin > sk.maxWindow) sk.maxWindow = nwin;
  }
  if (acked > 0) {
    const inflightBefore = Math.ceil(((sk.sndNxt - sk.sndUna) | 0) / sk.mssCache);
    let bytes = acked;
    if (sk.finSent && ack === ((sk.writeSeq + 1) >>> 0)) bytes--;
    sk.sndQ.drop(Math.min(bytes, sk.sndQ.length));
    sk.sndUna = ack;
    if (seg.tsecr && sk.tstampOk) tcpRttEstimator(sk, tcpTsval(sk) - seg.tsecr);
    else if (sk.rttStamp >= 0 && !before(ack, sk.rttSeq)) tcpRttEstimator(sk, now - sk.rttStamp);
    if (sk.rttStamp >= 0 && !before(ack, sk.rttSeq)) sk.rttStamp = -1;
    sk.retransmits = 0;
    sk.backoff = 0;
    sk.dupAcks = 0;
    const segs = Math.max(1, Math.ceil(acked / sk.mssCache));
    sk.delivered += segs;
    // tcp_is_cwnd_limited(): the window only grows while it is what holds the sender back.
    const cwndLimited = inflightBefore * 2 >= sk.cwnd;
    if (sk.inRecovery) {
      if (!before(ack, sk.highSeq)) {
        sk.inRecovery = false;
        sk.cwnd = sk.ssthresh;
      }
    } else if (sk.bbr && sk.delivered < TCP_INIT_CWND) {
      // bbr_set_cwnd(): until a first window has been delivered, cwnd grows by what each
      // ACK delivers, limited or not.
      sk.cwnd += segs;
      tcpSndbufExpand(sk);
    } else if (!cwndLimited) {
      // application-limited: cwnd stays
    } else if (sk.cwnd < sk.ssthresh) {
      sk.cwnd += segs;
      tcpSndbufExpand(sk);
    } else if ((sk.cwndCnt += segs) >= sk.cwnd) {
      sk.cwndCnt = 0;
      sk.cwnd++;
      tcpSndbufExpand(sk);
    }
    if (sk.sndUna === sk.sndMax) {
      sk.timer?.cancel();
      sk.timer = undefined;
      sk.rtoAt = 0;
    } else {
      tcpResetXmitTimer(sk, sk.rto);
    }
    sk.wake();
  } else if (seg.data.length === 0 && !winChanged && sk.sndMax !== sk.sndUna && !(seg.flags & (TCPHDR_SYN | TCPHDR_FIN))) {
    // tcp_fastretrans_alert(): the third duplicate ACK resends the head at once.
    if (++sk.dupAcks === 3 && !sk.inRecovery) {
      const inflight = Math.ceil(((sk.sndNxt - sk.sndUna) | 0) / sk.mssCache);
      sk.ssthresh = Math.max(Math.floor(inflight / 2), 2);
      sk.cwnd = sk.ssthresh + 3;
      sk.inRecovery = true;
      sk.highSeq = sk.sndMax;
      tcpRetransmitHead(sk);
    } else if (sk.inRecovery) {
      sk.cwnd++;
    }
  }
  return true;
}

/** tcp_fin(): the peer is done sending. */
function tcpFin(sk: TcpSock): void {
  sk.shutdown |= RCV_SHUTDOWN;
  switch (sk.state) {
    case TCP_SYN_RECV:
    case TCP_ESTABLISHED:
      tcpSetState(sk, TCP_CLOSE_WAIT);
      sk.pingpong = true;
      break;
    case TCP_FIN_WAIT1:
      // Simultaneous close: our FIN is not acknowledged yet.
      tcpSendAck(sk);
      tcpSetState(sk, TCP_CLOSING);
      break;
    case TCP_FIN_WAIT2:
      tcpSendAck(sk);
      tcpTimeWait(sk, TCP_TIME_WAIT);
      break;
    default:
      break;
  }
  sk.ofo = [];
  sk.wake();
}

/** tcp_event_data_recv() + tcp_grow_window(): quick-ACK credit on the first data, and the
 *  window's slow growth towards the clamp. */
function tcpEventDataRecv(sk: TcpSock, len: number): void {
  const now = sk.ns.kernel.clock.now();
  if (sk.lrcvtime < 0) sk.quick = Math.min(Math.max(Math.floor(sk.rcvWnd / (2 * sk.rcvMss)), 2), TCP_MAX_QUICKACKS);
  sk.lrcvtime = now;
  // tcp_measure_rcv_mss()
  if (len >= sk.rcvMss) sk.rcvMss = Math.min(len, sk.advmss);
  else sk.ackPushed = true;
  const space = tcpReceiveWindowFree(sk);
  if (sk.rcvSsthresh < sk.windowClamp && sk.rcvSsthresh < space) {
    const room = Math.min(sk.windowClamp, space) - sk.rcvSsthresh;
    sk.rcvSsthresh += Math.min(room, Math.max(2 * sk.advmss, 2 * len));
  }
}

/** tcp_data_queue(): in-order data goes to the receive queue (then whatever the
 *  out-of-order queue now continues); later data waits; old data is acknowledged again. */
function tcpDataQueue(sk: TcpSock, seg: TcpSeg): void {
  const fin = (seg.flags & TCPHDR_FIN) !== 0;
  let data = seg.data;
  if (data.length === 0 && !fin) return;
  let seq = seg.seq;
  if (before(seq, sk.rcvNxt)) {
    const dup = (sk.rcvNxt - seq) | 0;
    if (dup >= data.length + (fin ? 1 : 0)) {
      // tcp_send_dupack(): all of it was here already.
      tcpSendAck(sk);
      return;
    }
    data = data.subarray(Math.min(dup, data.length));
    seq = sk.rcvNxt;
  }
  if (seq !== sk.rcvNxt) {
    // Out of order: keep it and tell the sender at once what is missing.
    if (!sk.ofo.some((s) => s.seq === seq)) {
      sk.ofo.push({ seq, data, fin });
      sk.ofo.sort((a, b) => ((a.seq - b.seq) | 0));
    }
    tcpSendAck(sk);
    return;
  }
  if (sk.rcvQ.length + data.length > sk.rcvbuf) return; // tcp_try_rmem_schedule() failed
  let gotFin = fin;
  if (data.length) {
    tcpEventDataRecv(sk, data.length);
    if (!(sk.shutdown & RCV_SHUTDOWN)) sk.rcvQ.push(data);
    sk.rcvNxt = (sk.rcvNxt + data.length) >>> 0;
  }
  // tcp_ofo_queue()
  while (sk.ofo.length && !after(sk.ofo[0]!.seq, sk.rcvNxt)) {
    const o = sk.ofo.shift()!;
    const skip = (sk.rcvNxt - o.seq) | 0;
    if (skip < o.data.length) {
      const rest = o.data.subarray(skip);
      sk.rcvQ.push(rest);
      sk.rcvNxt = (sk.rcvNxt + rest.length) >>> 0;
    }
    if (o.fin) gotFin = true;
  }
  sk.ackPending = true;
  if (gotFin) {
    sk.rcvNxt = (sk.rcvNxt + 1) >>> 0;
    tcpFin(sk);
  }
  sk.wake();
}

/** tcp_rcv_synsent_state_process(): the answer to our SYN. */
function tcpRcvSynsent(sk: TcpSock, seg: TcpSeg): 'reset' | void {
  const f = seg.flags;
  if (f & TCPHDR_ACK) {
    if (!after(seg.ack, sk.iss) || after(seg.ack, sk.sndNxt)) return f & TCPHDR_RST ? undefined : 'reset';
    if (f & TCPHDR_RST) {
      tcpReset(sk);
      return;
    }
    if (!(f & TCPHDR_SYN)) return;
    // The SYN-ACK: the connection is established.
    sk.irs = seg.seq;
    sk.rcvNxt = sk.rcvWup = (seg.seq + 1) >>> 0;
    sk.sndWl1 = seg.seq;
    tcpApplySynOptions(sk, seg);
    sk.sndUna = seg.ack;
    sk.delivered = 1;
    sk.sndWnd = seg.window; // a SYN's window is never scaled
    sk.maxWindow = sk.sndWnd;
    if (sk.rttStamp >= 0) tcpRttEstimator(sk, sk.ns.kernel.clock.now() - sk.rttStamp);
    sk.rttStamp = -1;
    sk.retransmits = 0;
    sk.backoff = 0;
    tcpClearXmitTimers(sk);
    tcpSetState(sk, TCP_ESTABLISHED);
    tcpSndbufExpand(sk);
    sk.wake();
    // tcp_send_ack() at once (no deferral: nothing is queued to carry it).
    tcpSendAck(sk);
    tcpPush(sk);
    return;
  }
  if (f & TCPHDR_RST) return;
  if (f & TCPHDR_SYN) {
    // Simultaneous open: answer with a SYN-ACK from SYN_RECV.
    sk.irs = seg.seq;
    sk.rcvNxt = sk.rcvWup = (seg.seq + 1) >>> 0;
    tcpApplySynOptions(sk, seg);
    sk.sndWnd = seg.window;
    tcpSetState(sk, TCP_SYN_RECV);
    tcpRetransmitHeadAsSynack(sk);
  }
}

function tcpRetransmitHeadAsSynack(sk: TcpSock): void {
  sk.sndUna = sk.iss;
  tcpRetransmitHead(sk);
}

/** What the peer's SYN negotiated (tcp_openreq_init(), tcp_finish_connect()). */
export function tcpApplySynOptions(sk: TcpSock, seg: TcpSeg): void {
  sk.mssClamp = seg.mss ?? 536;
  sk.tstampOk = sk.tstampOk && seg.tsval !== undefined;
  if (sk.tstampOk) sk.tsRecent = seg.tsval!;
  sk.sackOk = sk.sackOk && seg.sackOk;
  if (sk.wscaleOk && seg.wscale !== undefined) {
    sk.sndWscale = seg.wscale;
  } else {
    sk.wscaleOk = false;
    sk.sndWscale = 0;
    sk.rcvWscale = 0;
  }
  sk.mssCache = Math.min(sk.advmss, sk.mssClamp) - (sk.tstampOk ? TCPOLEN_TSTAMP_ALIGNED : 0);
}

/** tcp_rcv_state_process() for every state but LISTEN (the listener's path creates the
 *  connection in tcp_ipv4.ts). Returns 'reset' when the caller must answer with a RST. */
export function tcpRcvStateProcess(sk: TcpSock, seg: TcpSeg): 'reset' | void {
  const mib = tcpNet(sk.ns).mib;
  mib.InSegs++;
  if (sk.state === TCP_CLOSE) return 'reset';
  if (sk.state === TCP_SYN_SENT) return tcpRcvSynsent(sk, seg);
  const f = seg.flags;
  // Timestamps: remember the peer's latest (tcp_store_ts_recent()).
  if (sk.tstampOk && seg.tsval !== undefined && !after(seg.seq, sk.rcvWup)) sk.tsRecent = seg.tsval;
  if (!tcpSequence(sk, seg)) {
    if (!(f & TCPHDR_RST)) tcpSendAck(sk);
    return;
  }
  if (f & TCPHDR_RST) {
    // RFC 5961: only an exact match resets; one merely in the window gets a challenge ACK.
    if (seg.seq === sk.rcvNxt || sk.state === TCP_SYN_RECV) {
      if (sk.state === TCP_SYN_RECV && sk.parent) tcpDone(sk);
      else tcpReset(sk);
    } else {
      tcpSendAck(sk);
    }
    return;
  }
  if (f & TCPHDR_SYN) {
    if (sk.state === TCP_SYN_RECV && seg.seq === ((sk.rcvNxt - 1) >>> 0)) {
      // A retransmitted SYN: the SYN-ACK again (tcp_check_req() -> inet_rtx_syn_ack()),
      // traced as the reply to this SYN.
      tcpRetransmitHead(sk, seg.skb);
      return;
    }
    tcpSendAck(sk);
    return;
  }
  if (!(f & TCPHDR_ACK)) return;
  if (sk.state === TCP_SYN_RECV) {
    if (!after(seg.ack, sk.sndUna) || after(seg.ack, sk.sndNxt)) return 'reset';
    const p = sk.parent;
    if (p && p.acceptQ.length > p.maxAckBacklog) {
      // The accept queue is full: the ACK is ignored and the SYN-ACK will be resent.
      mib.ListenOverflows++;
      mib.ListenDrops++;
      return;
    }
    sk.sndUna = seg.ack;
    sk.delivered = 1;
    sk.sndWnd = seg.window * 2 ** sk.sndWscale;
    sk.maxWindow = sk.sndWnd;
    sk.sndWl1 = seg.seq;
    sk.retransmits = 0;
    sk.backoff = 0;
    if (sk.rttStamp >= 0) tcpRttEstimator(sk, sk.ns.kernel.clock.now() - sk.rttStamp);
    sk.rttStamp = -1;
    tcpClearXmitTimers(sk);
    tcpSetState(sk, TCP_ESTABLISHED);
    tcpSndbufExpand(sk);
    mib.PassiveOpens++;
    if (p) {
      if (sk.inSynQ) p.synQLen--;
      sk.inSynQ = false;
      p.acceptQ.push(sk);
      p.wake();
    }
  } else if (!tcpAck(sk, seg)) {
    tcpSendAck(sk);
    return;
  }
  const finAcked = sk.finSent && sk.sndUna === ((sk.writeSeq + 1) >>> 0);
  switch (sk.state) {
    case TCP_FIN_WAIT1:
      if (finAcked) {
        tcpSetState(sk, TCP_FIN_WAIT2);
        sk.wake();
        if (sk.orphan) {
          // An orphan that gets neither data nor FIN for tcp_fin_timeout goes away.
          if (seg.data.length === 0 && !(f & TCPHDR_FIN)) {
            tcpTimeWait(sk, TCP_FIN_WAIT2);
            return;
          }
        }
      }
      break;
    case TCP_CLOSING:
      if (finAcked) {
        tcpTimeWait(sk, TCP_TIME_WAIT);
        return;
      }
      break;
    case TCP_LAST_ACK:
      if (finAcked) {
        tcpDone(sk);
        return;
      }
      break;
    default:
      break;
  }
  // Data and FIN (tcp_data_queue()), not in states where the peer has already finished.
  switch (sk.state) {
    case TCP_CLOSE_WAIT:
    case TCP_CLOSING:
    case TCP_LAST_ACK:
      if (!before(seg.seq, sk.rcvNxt)) break;
      break;
    case TCP_FIN_WAIT1:
    case TCP_FIN_WAIT2:
      // The process is gone: new data can never be read, so the connection is reset.
      if (sk.orphan && seg.data.length && after(seg.end - (f & TCPHDR_FIN ? 1 : 0), sk.rcvNxt)) {
        mib.EstabResets++;
        tcpReset(sk);
        return 'reset';
      }
      tcpDataQueue(sk, seg);
      break;
    case TCP_ESTABLISHED:
      tcpDataQueue(sk, seg);
      break;
    default:
      break;
  }
  if (sk.state !== TCP_CLOSE && sk.state !== TCP_TIME_WAIT) {
    tcpPush(sk);
    tcpAckSndCheck(sk, sk.ofo.length > 0);
  }
}

/** tcp_timewait_state_process(): a retransmitted FIN is acknowledged again (and the wait
 *  restarts), a RST ends it, a new SYN ends it so a listener can take the connection. */
export function tcpTimewaitProcess(sk: TcpSock, seg: TcpSeg): 'syn' | void {
  const f = seg.flags;
  if (f & TCPHDR_RST) {
    tcpDone(sk);
    return;
  }
  if (f & TCPHDR_SYN && !(f & TCPHDR_ACK) && after(seg.seq, sk.rcvNxt)) {
    tcpDone(sk);
    return 'syn';
  }
  if (f & TCPHDR_FIN) {
    tcpSendAck(sk);
    tcpTimeWait(sk, TCP_TIME_WAIT);
  }
}
