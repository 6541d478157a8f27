// net/ipv4/tcp_timer.c and tcp_minisocks.c's timers, on the world's clock: retransmission
// with exponential backoff (the SYN after 1 s, 3 s, 7 s, ... until tcp_syn_retries; data
// until tcp_retries2), the SYN-ACK of a request (tcp_synack_retries), the zero-window probe,
// the delayed ACK, and TIME_WAIT / orphaned FIN_WAIT2 lifetimes.
import { sysctlInt } from '../sysctl.js';
import { localBh } from '../core/dev.js';
import { ETIMEDOUT } from '../errno.js';
import {
  TCP_CLOSE, TCP_FIN_WAIT2, TCP_LISTEN, TCP_RTO_MAX, TCP_SYN_RECV, TCP_SYN_SENT, TCP_TIME_WAIT,
  TCP_TIMEWAIT_LEN, TCP_ATO_MIN, tcpDone, tcpSetState, type TcpSock,
} from './tcp.js';
import { tcpRetransmitHead, tcpSendAck, tcpSendProbe } from './tcp_output.js';

/** inet_csk_reset_xmit_timer(ICSK_TIME_RETRANS) */
export function tcpResetXmitTimer(sk: TcpSock, ms: number): void {
  sk.timer?.cancel();
  const clock = sk.ns.kernel.clock;
  sk.rtoAt = clock.now() + ms;
  sk.timer = clock.setTimeout(ms, () => {
    sk.timer = undefined;
    sk.rtoAt = 0;
    localBh(() => tcpRetransmitTimer(sk));
  }, true);
}

/** inet_csk_clear_xmit_timers() */
export function tcpClearXmitTimers(sk: TcpSock): void {
  sk.timer?.cancel();
  sk.timer = undefined;
  sk.rtoAt = 0;
  tcpCancelDelack(sk);
}

/** tcp_write_err(): the connection timed out. */
function tcpWriteErr(sk: TcpSock): void {
  sk.err = sk.err || ETIMEDOUT;
  tcpDone(sk);
}

/** tcp_retransmit_timer() (and tcp_probe_timer() for a zero window). */
function tcpRetransmitTimer(sk: TcpSock): void {
  if (sk.state === TCP_CLOSE || sk.state === TCP_LISTEN || sk.state === TCP_TIME_WAIT) return;
  const ns = sk.ns;
  const outstanding = sk.sndMax !== sk.sndUna;
  if (!outstanding) {
    if (sk.sndQ.length > 0 && sk.sndWnd === 0) {
      // tcp_probe_timer()
      if (sk.retransmits >= sysctlInt(ns, 'net.ipv4.tcp_retries2')) return tcpWriteErr(sk);
      tcpSendProbe(sk);
      sk.retransmits++;
      sk.backoff++;
      tcpResetXmitTimer(sk, Math.min(sk.rto * 2 ** sk.backoff, TCP_RTO_MAX));
    }
    return;
  }
  if (sk.state === TCP_SYN_RECV && sk.parent) {
    // reqsk_timer_handler(): a request whose SYN-ACK went unanswered is dropped silently.
    if (sk.retransmits >= sysctlInt(ns, 'net.ipv4.tcp_synack_retries')) return tcpDone(sk);
  } else {
    // tcp_write_timeout(): a SYN gets tcp_syn_linear_timeouts more tries on top.
    const limit = sk.state === TCP_SYN_SENT ? sysctlInt(ns, 'net.ipv4.tcp_syn_retries') + linearTimeouts(ns)
      : sk.orphan ? orphanRetries(ns) : sysctlInt(ns, 'net.ipv4.tcp_retries2');
    if (sk.retransmits >= limit) return tcpWriteErr(sk);
  }
  // tcp_enter_loss(): everything outstanding is resent from snd_una, one segment at first.
  sk.ssthresh = Math.max(Math.floor(sk.cwnd / 2), 2);
  sk.cwnd = 1;
  sk.cwndCnt = 0;
  sk.inRecovery = false;
  sk.dupAcks = 0;
  sk.retransmits++;
  sk.totalRto++;
  tcpRetransmitHead(sk);
  if (sk.state !== TCP_SYN_SENT && sk.state !== TCP_SYN_RECV) {
    const headLen = Math.min(sk.mssCache, sk.sndQ.length);
    const finInHead = sk.finSent && headLen === sk.sndQ.length;
    sk.sndNxt = (sk.sndUna + headLen + (finInHead ? 1 : 0)) >>> 0;
    // A FIN beyond the head goes again after the data before it.
    sk.finSent = finInHead;
  }
  // A SYN is resent every second for its first tcp_syn_linear_timeouts tries, then with
  // exponential backoff like everything else.
  if (sk.state !== TCP_SYN_SENT || sk.totalRto > linearTimeouts(ns)) {
    sk.backoff++;
    sk.rto = Math.min(sk.rto * 2, TCP_RTO_MAX);
  }
  tcpResetXmitTimer(sk, sk.rto);
}

function linearTimeouts(ns: TcpSock['ns']): number {
  return sysctlInt(ns, 'net.ipv4.tcp_syn_linear_timeouts');
}

/** tcp_orphan_retries(): 0 means 8 (about 100 s at the minimum RTO). */
function orphanRetries(ns: TcpSock['ns']): number {
  return sysctlInt(ns, 'net.ipv4.tcp_orphan_retries') || 8;
}

/** inet_csk_reset_xmit_timer(ICSK_TIME_DACK): the ACK waits for a reply to ride on. */
export function tcpArmDelack(sk: TcpSock): void {
  if (sk.delack) return;
  const clock = sk.ns.kernel.clock;
  sk.delackAt = clock.now() + TCP_ATO_MIN;
  sk.delack = clock.setTimeout(TCP_ATO_MIN, () => {
    sk.delack = undefined;
    sk.delackAt = 0;
    // tcp_delack_timer_handler(): the ACK was not piggybacked; it goes alone.
    if (sk.ackPending && sk.state !== TCP_CLOSE) {
      sk.pingpong = false;
      localBh(() => tcpSendAck(sk));
    }
  }, true);
}

export function tcpCancelDelack(sk: TcpSock): void {
  sk.delack?.cancel();
  sk.delack = undefined;
  sk.delackAt = 0;
}

/** tcp_time_wait(): TIME_WAIT for TCP_TIMEWAIT_LEN, or an orphan's FIN_WAIT2 for
 *  net.ipv4.tcp_fin_timeout; the socket goes away when it ends. */
export function tcpTimeWait(sk: TcpSock, state: number): void {
  tcpSetState(sk, state);
  sk.timer?.cancel();
  sk.timer = undefined;
  sk.rtoAt = 0;
  sk.twTimer?.cancel();
  const ms = state === TCP_FIN_WAIT2 ? sysctlInt(sk.ns, 'net.ipv4.tcp_fin_timeout') * 1000 : TCP_TIMEWAIT_LEN;
  sk.twAt = sk.ns.kernel.clock.now() + ms;
  sk.twTimer = sk.ns.kernel.clock.setTimeout(ms, () => {
    sk.twTimer = undefined;
    sk.twAt = 0;
    tcpDone(sk);
  });
  sk.wake();
}

/** When this socket's next timer fires (world ms), or undefined: a process blocked on it in
 *  virtual time moves the clock there (it waits for nothing else). */
export function tcpNextTimer(sk: TcpSock): number | undefined {
  let at = Infinity;
  if (sk.rtoAt) at = Math.min(at, sk.rtoAt);
  if (sk.delackAt) at = Math.min(at, sk.delackAt);
  return at === Infinity ? undefined : at;
}
