// net/ipv4/tcp.c and include/net/tcp.h: the TCP socket (struct tcp_sock), its states, the
// per-namespace tables it lives in, and the calls a process makes on it — connect(),
// listen(), accept(), sendmsg(), recvmsg(), shutdown(), close(). The segments themselves are
// built in tcp_output.ts, taken apart in tcp_input.ts, and timed in tcp_timer.ts.
import type { Netns } from '../net_namespace.js';
import { RCV_SHUTDOWN, SEND_SHUTDOWN } from '../core/sock.js';
import { InetSock, PortSpace, inetBindAddrCheck, inetGetPort, inetHashConnect } from './inet_hashtables.js';
import { IPPROTO_TCP } from '../../wire/ipv4.js';
import { sysctlFields, sysctlInt } from '../sysctl.js';
import { ipRouteOutput } from './route.js';
import { RTCF_BROADCAST, RTCF_MULTICAST } from './route_types.js';
import { icmpNet } from './icmp.js';
import { localMtu } from './ip_output.js';
import { tracing } from '../core/neighbour.js';
import { formatIPv4 } from '../../wire/inet.js';
import {
  EADDRINUSE, EADDRNOTAVAIL, EAGAIN, EALREADY, ECONNREFUSED, ECONNRESET, EINVAL, EISCONN,
  ENETUNREACH, ENOTCONN, EPIPE,
} from '../errno.js';
import {
  tcpConnectSyn, tcpSendFin, tcpSendActiveReset, tcpPush, tcpSendAck, tcpReceiveWindow, tcpSelectWindowRaw,
} from './tcp_output.js';
import { tcpClearXmitTimers, tcpTimeWait } from './tcp_timer.js';

// enum tcp_state (include/net/tcp_states.h): the numbers /proc/net/tcp prints.
export const TCP_ESTABLISHED = 1, TCP_SYN_SENT = 2, TCP_SYN_RECV = 3, TCP_FIN_WAIT1 = 4,
  TCP_FIN_WAIT2 = 5, TCP_TIME_WAIT = 6, TCP_CLOSE = 7, TCP_CLOSE_WAIT = 8, TCP_LAST_ACK = 9,
  TCP_LISTEN = 10, TCP_CLOSING = 11;

/** TCP_TIMEOUT_INIT, TCP_RTO_MIN, TCP_RTO_MAX (ms) */
export const TCP_TIMEOUT_INIT = 1000, TCP_RTO_MIN = 200, TCP_RTO_MAX = 120_000;
/** TCP_TIMEWAIT_LEN (ms) */
export const TCP_TIMEWAIT_LEN = 60_000;
/** TCP_ATO_MIN / TCP_DELACK_MIN (ms) */
export const TCP_ATO_MIN = 40;
/** TCP_MAX_QUICKACKS */
export const TCP_MAX_QUICKACKS = 16;
/** TCP_INIT_CWND */
export const TCP_INIT_CWND = 10;
/** The options of an established segment with timestamps: NOP NOP TS (TCPOLEN_TSTAMP_ALIGNED). */
export const TCPOLEN_TSTAMP_ALIGNED = 12;

/** before() / after() of include/net/tcp.h: sequence-space comparisons. */
export const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;

/** Bytes in order, as a list of chunks: a socket's write queue and receive queue. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Offset of the first byte within chunks[0]. */
  private head = 0;
  length = 0;

  push(b: Uint8Array): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.length += b.length;
  }

  /** Drops the first n bytes. */
  drop(n: number): void {
    this.length -= n;
    while (n > 0) {
      const c = this.chunks[0]!;
      const left = c.length - this.head;
      if (n < left) {
        this.head += n;
        return;
      }
      n -= left;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Copies `len` bytes starting `off` bytes in into dst at dstOff. */
  copy(off: number, len: number, dst: Uint8Array, dstOff: number): void {
    let i = 0;
    off += this.head;
    while (off >= this.chunks[i]!.length) off -= this.chunks[i++]!.length;
    while (len > 0) {
      const c = this.chunks[i++]!;
      const n = Math.min(len, c.length - off);
      dst.set(n === c.length && off === 0 ? c : c.subarray(off, off + n), dstOff);
      dstOff += n;
      len -= n;
      off = 0;
    }
  }

  /** Removes and returns up to n bytes. */
  take(n: number): Uint8Array {
    n = Math.min(n, this.length);
    const first = this.chunks[0];
    if (first && this.head === 0 && first.length === n) {
      this.chunks.shift();
      this.length -= n;
      return first;
    }
    const out = new Uint8Array(n);
    this.copy(0, n, out, 0);
    this.drop(n);
    return out;
  }
}

/** struct tcp_sock (with the inet_connection_sock and request_sock parts it needs). */
export class TcpSock extends InetSock {
  readonly protocol = IPPROTO_TCP;
  state = TCP_CLOSE;

  // Send sequence space (RFC 793 names, Linux's fields).
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  /** The highest sequence number sent (Linux's snd_nxt; sndNxt above steps back to snd_una
   *  when a timeout makes everything outstanding go again). */
  sndMax = 0;
  /** snd_wnd: the peer's window, scaled. */
  sndWnd = 0;
  sndWl1 = 0;
  maxWindow = 0;
  /** write_seq: the sequence number after the last byte the process queued. */
  writeSeq = 0;
  /** snd_sml: the end of the last small segment sent (Minshall's Nagle). */
  sndSml = 0;
  /** The bytes from snd_una to write_seq: sent and unacknowledged, then unsent. */
  readonly sndQ = new ByteQueue();
  /** A FIN follows the last queued byte (tcp_send_fin() was called). */
  finQueued = false;
  /** The FIN has been sent (its sequence number is write_seq). */
  finSent = false;

  // Receive sequence space.
  irs = 0;
  rcvNxt = 0;
  /** rcv_wnd as last advertised (scaled up), from rcv_wup. */
  rcvWnd = 0;
  rcvWup = 0;
  rcvSsthresh = 0;
  windowClamp = 0;
  readonly rcvQ = new ByteQueue();
  /** out_of_order_queue: segments beyond rcv_nxt, by sequence number. */
  ofo: { seq: number; data: Uint8Array; fin: boolean }[] = [];

  // Negotiated options (struct tcp_options_received).
  /** mss_cache: the payload of a full segment, options deducted. */
  mssCache = 536;
  /** advmss: the MSS we announce. */
  advmss = 536;
  /** rx_opt.mss_clamp: the peer's MSS. */
  mssClamp = 536;
  /** icsk_ack.rcv_mss: the peer's segment size as we see it. */
  rcvMss = 536;
  tstampOk = false;
  sackOk = false;
  wscaleOk = false;
  sndWscale = 0;
  rcvWscale = 0;
  tsRecent = 0;
  /** tsoffset: added to the clock for our TS values (secure_tcp_ts_off()). */
  tsOffset = 0;
  /** inet_id: the IP ID of the next DF datagram. */
  inetId = 0;
  /** TCP_NODELAY */
  nodelay = false;

  // Retransmission and congestion control.
  /** srtt and mdev in ms (0: not measured yet). */
  srtt = 0;
  rttvar = 0;
  rto = TCP_TIMEOUT_INIT;
  /** icsk_retransmits and icsk_backoff */
  retransmits = 0;
  backoff = 0;
  /** tp->total_rto: retransmission timeouts over the connection's life. */
  totalRto = 0;
  /** When the retransmission timer fires (world ms; 0 = not armed), and its handle. */
  rtoAt = 0;
  timer: { cancel(): void } | undefined;
  /** When the oldest unacknowledged segment was first sent (RTT sampling without TS). */
  rttSeq = 0;
  rttStamp = -1;
  cwnd = TCP_INIT_CWND;
  /** tp->delivered: segments the peer has acknowledged (the SYN counts). */
  delivered = 0;
  /** The congestion control is BBR (net.ipv4.tcp_congestion_control when the socket was
   *  made); otherwise Reno's rules apply. */
  bbr = false;
  ssthresh = 0x7fffffff;
  /** Segments acked since the last cwnd increase in congestion avoidance. */
  cwndCnt = 0;
  dupAcks = 0;
  /** Fast recovery ends when this is acknowledged. */
  highSeq = 0;
  inRecovery = false;
  /** icsk_ack.quick: ACKs still sent at once (quick-ack mode), and pingpong (interactive). */
  quick = 0;
  pingpong = false;
  /** An ACK is owed for data received (ICSK_ACK_SCHED), and a segment smaller than rcv_mss
   *  came in since (ICSK_ACK_PUSHED). */
  ackPending = false;
  ackPushed = false;
  /** icsk_ack.lrcvtime: when data last arrived (-1: never). */
  lrcvtime = -1;
  /** When the delayed ACK is due (0: none), and its handle. */
  delackAt = 0;
  delack: { cancel(): void } | undefined;
  /** The TIME_WAIT / FIN_WAIT2 timer and when it fires. */
  twTimer: { cancel(): void } | undefined;
  twAt = 0;
  /** tcp_done() ran: the connection is over (reads then see end of file or the error). */
  done = false;
  /** The process closed its socket (tcp_close()); FIN_WAIT2 then times out. */
  orphan = false;

  // Listening sockets and the connections they create.
  /** sk_max_ack_backlog */
  maxAckBacklog = 0;
  /** The accept queue: established connections not accepted yet. */
  acceptQ: TcpSock[] = [];
  /** Children still in SYN_RECV (the request sockets of the SYN queue). */
  synQLen = 0;
  /** The listener a child in SYN_RECV or in the accept queue came from. */
  parent: TcpSock | undefined;
  /** Counted in the parent's synQLen (still a request socket). */
  inSynQ = false;
  /** The SYN-ACK retransmissions of a request (num_retrans). */
  numRetrans = 0;

  constructor(ns: Netns) {
    const rmem = tcpSysctlVec(ns, 'net.ipv4.tcp_rmem');
    const wmem = tcpSysctlVec(ns, 'net.ipv4.tcp_wmem');
    super(ns, 2, rmem[1]!, wmem[1]!);
    this.bbr = sysctlFields(ns, 'net.ipv4.tcp_congestion_control')[0] === 'bbr';
    this.pmtudisc = icmpNet(ns).sysctl.ip_no_pmtu_disc ? 0 : 1;
  }

  /** Sequence space the process may still fill: sk_stream_wspace() against sk_sndbuf. */
  get sendSpace(): number {
    return this.sndbuf - this.sndQ.length;
  }
}

/** The values of a vector sysctl (tcp_rmem, tcp_wmem). */
export function tcpSysctlVec(ns: Netns, key: string): number[] {
  return sysctlFields(ns, key).map(Number);
}

/** The TCP counters of /proc/net/snmp (Tcp:) and /proc/net/netstat (TcpExt:) that move. */
export class TcpMib {
  ActiveOpens = 0;
  PassiveOpens = 0;
  AttemptFails = 0;
  EstabResets = 0;
  InSegs = 0;
  OutSegs = 0;
  RetransSegs = 0;
  InErrs = 0;
  OutRsts = 0;
  ListenOverflows = 0;
  ListenDrops = 0;
}

/** The TCP state of one namespace: the port space (bind hash), the established hash
 *  (4-tuples, TIME_WAIT included) and the counters. */
export class TcpNet {
  readonly ports = new PortSpace<TcpSock>();
  readonly ehash = new Map<string, TcpSock>();
  readonly mib = new TcpMib();
}

export function tcpNet(ns: Netns): TcpNet {
  let t = ns.proto.tcp as TcpNet | undefined;
  if (!t) ns.proto.tcp = t = new TcpNet();
  return t;
}

export function ehashKey(laddr: number, lport: number, raddr: number, rport: number): string {
  return `${laddr},${lport},${raddr},${rport}`;
}

/** inet_ehash_nolisten(): a connection enters the established hash. */
export function tcpHash(sk: TcpSock): void {
  tcpNet(sk.ns).ehash.set(ehashKey(sk.rcvSaddr, sk.num, sk.daddr, sk.dport), sk);
}

function tcpUnhash(sk: TcpSock): void {
  const t = tcpNet(sk.ns);
  const k = ehashKey(sk.rcvSaddr, sk.num, sk.daddr, sk.dport);
  if (t.ehash.get(k) === sk) t.ehash.delete(k);
}

/** inet_bind_conflict(): SO_REUSEADDR on both sides lets a socket share a port with one
 *  that is not listening; SO_REUSEPORT on both (same owner) lets them share it whatever
 *  their states. */
function tcpShareable(sk: TcpSock) {
  return (o: TcpSock): boolean => (sk.reuse && o.reuse && o.state !== TCP_LISTEN) ||
    (sk.reuseport && o.reuseport && sk.uid === o.uid);
}

export function tcpSocket(ns: Netns): TcpSock {
  return new TcpSock(ns);
}

/** inet_bind() for TCP: 0 or the errno. */
export function tcpBind(sk: TcpSock, addr: number, port: number): number {
  if (sk.num || sk.state !== TCP_CLOSE) return EINVAL;
  const e = inetBindAddrCheck(sk.ns, addr);
  if (e) return e;
  sk.rcvSaddr = sk.saddr = addr;
  const err = inetGetPort(sk.ns, tcpNet(sk.ns).ports, sk, port, tcpShareable(sk));
  if (err) {
    sk.rcvSaddr = sk.saddr = 0;
    return err;
  }
  if (port) sk.portLocked = true;
  return 0;
}

/** inet_listen(): 0 or the errno. */
export function tcpListen(sk: TcpSock, backlog: number): number {
  if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) return EINVAL;
  const somax = sysctlInt(sk.ns, 'net.core.somaxconn');
  sk.maxAckBacklog = Math.min(Math.max(backlog, 0), somax);
  if (sk.state === TCP_LISTEN) return 0;
  // inet_csk_listen_start(): the port is checked again (another listener may hold it).
  const t = tcpNet(sk.ns);
  if (!sk.num) {
    const err = inetGetPort(sk.ns, t.ports, sk, 0, tcpShareable(sk));
    if (err) return err;
  } else {
    for (const o of t.ports.byPort.get(sk.num) ?? []) {
      if (o !== sk && o.state === TCP_LISTEN && !(sk.reuseport && o.reuseport) &&
        (!o.rcvSaddr || !sk.rcvSaddr || o.rcvSaddr === sk.rcvSaddr) &&
        (!o.boundIf || !sk.boundIf || o.boundIf === sk.boundIf)) return EADDRINUSE;
    }
  }
  tcpSetState(sk, TCP_LISTEN);
  return 0;
}

/** tcp_v4_connect(): picks the route, the source address and port, and sends the SYN.
 *  Returns 0 (SYN sent: wait for the state to leave SYN_SENT) or the errno. */
export function tcpConnect(sk: TcpSock, daddr: number, dport: number): number {
  if (sk.state === TCP_SYN_SENT) return EALREADY;
  if (sk.state !== TCP_CLOSE) return sk.state === TCP_LISTEN ? EINVAL : EISCONN;
  const ns = sk.ns;
  const rt = ipRouteOutput(ns, { dst: daddr, src: sk.saddr, oif: sk.boundIf, mark: sk.mark, tos: sk.tos & 0x1c, proto: IPPROTO_TCP, sport: sk.num, dport });
  if (typeof rt === 'number') return rt;
  if (rt.flags & (RTCF_MULTICAST | RTCF_BROADCAST)) return ENETUNREACH;
  const t = tcpNet(ns);
  const saddr = sk.saddr || rt.fl.saddr;
  if (!sk.num) {
    const port = inetHashConnect(ns, t.ports, (p) => !t.ehash.has(ehashKey(saddr, p, daddr, dport)), saddr, daddr, dport);
    if (!port) return EADDRNOTAVAIL;
    sk.num = port;
    sk.autobound = true;
    t.ports.add(sk);
  } else if (t.ehash.has(ehashKey(saddr, sk.num, daddr, dport))) {
    return EADDRNOTAVAIL;
  }
  sk.saddr = sk.rcvSaddr = saddr;
  sk.daddr = daddr;
  sk.dport = dport;
  tcpInitConnection(sk);
  tcpConnectInit(sk, localMtu(ns, rt, daddr));
  tcpSetState(sk, TCP_SYN_SENT);
  tcpHash(sk);
  t.mib.ActiveOpens++;
  tcpConnectSyn(sk);
  return 0;
}

/** What a new connection starts from: its initial sequence number, timestamp offset and IP
 *  ID (secure_tcp_seq(), secure_tcp_ts_off(), inet_id), and the options the namespace offers
 *  (net.ipv4.tcp_timestamps, tcp_sack, tcp_window_scaling). */
export function tcpInitConnection(sk: TcpSock): void {
  const ns = sk.ns, rnd = ns.kernel.random;
  sk.iss = rnd.u32();
  sk.tsOffset = rnd.u32();
  sk.inetId = rnd.u32() & 0xffff;
  sk.tstampOk = !!sysctlInt(ns, 'net.ipv4.tcp_timestamps');
  sk.sackOk = !!sysctlInt(ns, 'net.ipv4.tcp_sack');
  sk.wscaleOk = !!sysctlInt(ns, 'net.ipv4.tcp_window_scaling');
}

/** tcp_connect_init(): MSS from the route's MTU, the initial window and its scale. */
export function tcpConnectInit(sk: TcpSock, mtu: number): void {
  sk.advmss = tcpAdvmss(mtu);
  sk.mssClamp = sk.advmss;
  sk.mssCache = sk.advmss - (sk.tstampOk ? TCPOLEN_TSTAMP_ALIGNED : 0);
  sk.rcvMss = Math.min(sk.advmss, 536);
  tcpSelectInitialWindow(sk, sk.advmss);
  sk.sndUna = sk.sndNxt = sk.sndMax = sk.writeSeq = sk.iss;
  sk.sndSml = sk.iss;
  sk.rcvNxt = 0;
  sk.rto = TCP_TIMEOUT_INIT;
}

/** ipv4_default_advmss(): the route's MTU less the headers, at most IPV4_MAX_PMTU's worth. */
export function tcpAdvmss(mtu: number): number {
  return Math.min(mtu - 40, 65535 - 40);
}

/** tcp_full_space(): the window the receive buffer allows (tcp_win_from_space() with the
 *  default scaling ratio: half of it). */
export function tcpFullSpace(sk: TcpSock): number {
  return sk.rcvbuf >> 1;
}

/** tcp_select_initial_window() */
export function tcpSelectInitialWindow(sk: TcpSock, mss: number): void {
  let space = tcpFullSpace(sk);
  let clamp = sk.windowClamp || 0xffff << 14;
  space = Math.min(clamp, space);
  if (space > mss) space -= space % mss;
  sk.rcvWnd = space;
  sk.rcvWscale = 0;
  if (sk.wscaleOk) {
    let s = Math.max(space, tcpSysctlVec(sk.ns, 'net.ipv4.tcp_rmem')[2]!, sysctlInt(sk.ns, 'net.core.rmem_max'));
    s = Math.min(s, clamp);
    sk.rcvWscale = Math.min(Math.max(Math.floor(Math.log2(s)) - 15, 0), 14);
  }
  clamp = Math.min(0xffff * 2 ** sk.rcvWscale, clamp);
  sk.windowClamp = clamp;
  sk.rcvSsthresh = sk.rcvWnd;
}

/** tcp_sendmsg(): queues as much of `data` as the send buffer takes and pushes it out.
 *  Returns the bytes queued (0: the buffer is full, wait), or a negative errno. */
export function tcpSendmsg(sk: TcpSock, data: Uint8Array): number {
  if (sk.err) return -sk.takeError();
  if (sk.shutdown & SEND_SHUTDOWN) return -EPIPE;
  if (sk.state !== TCP_ESTABLISHED && sk.state !== TCP_CLOSE_WAIT) {
    return sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV ? 0 : -EPIPE;
  }
  const n = Math.min(data.length, Math.max(0, sk.sendSpace));
  if (n === 0) return 0;
  sk.sndQ.push(n === data.length ? data : data.subarray(0, n));
  sk.writeSeq = (sk.writeSeq + n) >>> 0;
  tcpPush(sk);
  return n;
}

/** tcp_recvmsg(): up to `max` bytes; an empty array is end of file; a negative number the
 *  errno (EAGAIN: nothing yet). Reading opens the window again (tcp_cleanup_rbuf()). */
export function tcpRecvmsg(sk: TcpSock, max: number): Uint8Array | number {
  if (sk.state === TCP_LISTEN) return -ENOTCONN;
  if (sk.rcvQ.length > 0) {
    const out = sk.rcvQ.take(max);
    if (sk.state !== TCP_CLOSE && sk.state !== TCP_TIME_WAIT && sk.state !== TCP_LISTEN) tcpCleanupRbuf(sk);
    return out;
  }
  if (sk.err) return -sk.takeError();
  if (sk.shutdown & RCV_SHUTDOWN) return new Uint8Array(0);
  if (sk.state === TCP_CLOSE) return sk.done ? new Uint8Array(0) : -ENOTCONN;
  return -EAGAIN;
}

/** tcp_sndbuf_expand(): room for two congestion windows of full segments, each charged as
 *  Linux charges a non-GSO skb (a power-of-two head plus struct sk_buff), up to tcp_wmem[2]. */
export function tcpSndbufExpand(sk: TcpSock): void {
  const perMss = 2 ** Math.ceil(Math.log2(Math.max(sk.mssClamp, sk.mssCache) + 320 + 320)) + 256;
  const sndmem = 2 * Math.max(TCP_INIT_CWND, sk.cwnd) * perMss;
  if (sk.sndbuf < sndmem) sk.sndbuf = Math.min(sndmem, tcpSysctlVec(sk.ns, 'net.ipv4.tcp_wmem')[2]!);
}

/** tcp_cleanup_rbuf(): after a read, the ACK owed goes now if more than a segment is
 *  unacknowledged (or a small pushed one was read up), or if the read at least doubled the
 *  window the peer knows of. */
function tcpCleanupRbuf(sk: TcpSock): void {
  let timeToAck = false;
  if (sk.ackPending) {
    timeToAck = ((sk.rcvNxt - sk.rcvWup) | 0) > sk.rcvMss || (sk.ackPushed && !sk.pingpong && sk.rcvQ.length === 0);
  }
  if (!timeToAck && !(sk.shutdown & RCV_SHUTDOWN)) {
    const now = tcpReceiveWindow(sk);
    if (2 * now <= sk.windowClamp) {
      const nw = tcpSelectWindowRaw(sk);
      timeToAck = nw > 0 && nw >= 2 * now;
    }
  }
  if (timeToAck) tcpSendAck(sk);
}

/** Free receive space as a window (what tcp_space() gives). */
export function tcpReceiveWindowFree(sk: TcpSock): number {
  return (sk.rcvbuf - sk.rcvQ.length) >> 1;
}

/** inet_accept(): the next established connection, or EAGAIN. */
export function tcpAccept(sk: TcpSock): TcpSock | number {
  if (sk.state !== TCP_LISTEN) return EINVAL;
  const child = sk.acceptQ.shift();
  if (!child) return EAGAIN;
  child.parent = undefined;
  return child;
}

/** tcp_shutdown(): SHUT_WR sends a FIN once the queued data is out. */
export function tcpShutdown(sk: TcpSock, how: number): number {
  if (sk.state === TCP_CLOSE || sk.state === TCP_LISTEN || sk.state === TCP_SYN_SENT) {
    if (sk.state !== TCP_LISTEN && sk.state !== TCP_SYN_SENT) return ENOTCONN;
  }
  sk.shutdown |= how;
  if (how & SEND_SHUTDOWN) tcpCloseState(sk) && tcpSendFin(sk);
  sk.wake();
  return 0;
}

/** tcp_close_state(): the state after the process is done sending; true when a FIN is due. */
function tcpCloseState(sk: TcpSock): boolean {
  switch (sk.state) {
    case TCP_ESTABLISHED: tcpSetState(sk, TCP_FIN_WAIT1); return true;
    case TCP_SYN_RECV: tcpSetState(sk, TCP_FIN_WAIT1); return true;
    case TCP_CLOSE_WAIT: tcpSetState(sk, TCP_LAST_ACK); return true;
    default: return false;
  }
}

/** tcp_close(): unread data or SO_LINGER 0 abort with a RST; otherwise the FIN goes after
 *  the queued data and the connection finishes on its own (an orphan). */
export function tcpClose(sk: TcpSock, lingerZero = false): void {
  sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
  sk.orphan = true;
  if (sk.state === TCP_LISTEN) {
    tcpSetState(sk, TCP_CLOSE);
    // inet_csk_listen_stop(): connections never accepted are reset.
    for (const child of sk.acceptQ) {
      tcpSendActiveReset(child);
      tcpDone(child);
    }
    sk.acceptQ = [];
    tcpReleasePort(sk);
    return;
  }
  const unread = sk.rcvQ.length > 0;
  sk.rcvQ.drop(sk.rcvQ.length);
  if (sk.state === TCP_CLOSE) {
    tcpReleasePort(sk);
    return;
  }
  if (sk.state === TCP_SYN_SENT) {
    tcpDone(sk);
    return;
  }
  if (unread || lingerZero) {
    tcpSetState(sk, TCP_CLOSE);
    tcpSendActiveReset(sk);
    tcpDone(sk);
    return;
  }
  if (tcpCloseState(sk)) tcpSendFin(sk);
  if (sk.state === TCP_FIN_WAIT2) tcpTimeWait(sk, TCP_FIN_WAIT2);
}

/** tcp_set_state(): leaving for CLOSE takes the socket out of the established hash. */
export function tcpSetState(sk: TcpSock, state: number): void {
  if (state === TCP_CLOSE) {
    tcpUnhash(sk);
    if (!sk.portLocked || sk.orphan) tcpReleasePort(sk);
  }
  const tr = tracing(sk.ns);
  if (tr && state !== sk.state) {
    // The inet_sock_set_state tracepoint.
    tr({ fn: 'inet_sock_set_state', ns: sk.ns, sock: `${formatIPv4(sk.rcvSaddr)}:${sk.num} > ${formatIPv4(sk.daddr)}:${sk.dport}`,
      oldstate: TCP_STATE_NAMES[sk.state], newstate: TCP_STATE_NAMES[state] });
  }
  sk.state = state;
}

/** The names the inet_sock_set_state tracepoint prints. */
export const TCP_STATE_NAMES: readonly string[] = ['', 'TCP_ESTABLISHED', 'TCP_SYN_SENT', 'TCP_SYN_RECV', 'TCP_FIN_WAIT1',
  'TCP_FIN_WAIT2', 'TCP_TIME_WAIT', 'TCP_CLOSE', 'TCP_CLOSE_WAIT', 'TCP_LAST_ACK', 'TCP_LISTEN', 'TCP_CLOSING'];

/** inet_put_port() */
export function tcpReleasePort(sk: TcpSock): void {
  if (!sk.num) return;
  tcpNet(sk.ns).ports.remove(sk);
}

/** tcp_done(): the connection is over; timers stop, a sleeping process wakes. */
export function tcpDone(sk: TcpSock): void {
  if (sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV) tcpNet(sk.ns).mib.AttemptFails++;
  tcpSetState(sk, TCP_CLOSE);
  tcpClearXmitTimers(sk);
  sk.shutdown = RCV_SHUTDOWN | SEND_SHUTDOWN;
  const p = sk.parent;
  if (p) {
    if (sk.inSynQ) p.synQLen--;
    sk.inSynQ = false;
    const i = p.acceptQ.indexOf(sk);
    if (i >= 0) p.acceptQ.splice(i, 1);
    sk.parent = undefined;
  }
  sk.done = true;
  sk.wake();
}

/** tcp_reset(): the peer reset the connection. */
export function tcpReset(sk: TcpSock): void {
  switch (sk.state) {
    case TCP_SYN_SENT: sk.err = ECONNREFUSED; break;
    case TCP_CLOSE_WAIT: sk.err = EPIPE; break;
    case TCP_CLOSE: return;
    default: sk.err = ECONNRESET;
  }
  if (sk.state === TCP_ESTABLISHED || sk.state === TCP_CLOSE_WAIT) tcpNet(sk.ns).mib.EstabResets++;
  tcpDone(sk);
}
