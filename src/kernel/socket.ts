// net/socket.c: the socket calls a program makes — socket(), bind(), listen(), accept(),
// connect(), send/recv, shutdown(), close(), setsockopt(), getsockname() — over the TCP and
// UDP sockets of kernel/ipv4. Calls that block in Linux return promises here; they sleep
// on the socket (sk_wait_event()) until it changes, a timeout passes, or the process is
// signalled. Errors are positive errno values, as the C library leaves in errno.
//
// Time: in wall mode a sleeping call just waits. In virtual time nothing moves the clock
// but the waiters themselves: a call with a deadline (SO_RCVTIMEO, poll()'s timeout)
// advances the clock towards it, and any sleeping call advances it to its own socket's
// next timer (a retransmission, a delayed ACK) or else to the world's next such timer,
// after a short real-time pause that lets other programs' input arrive first.
import type { Netns } from './net_namespace.js';
import type { Clock } from './clock.js';
import type { Sock } from './core/sock.js';
import { RCV_SHUTDOWN, SEND_SHUTDOWN } from './core/sock.js';
import { localBh } from './core/dev.js';
import type { SockExtendedErr } from './ipv4/ip_sockglue.js';
import {
  TCP_CLOSE, TCP_CLOSE_WAIT, TCP_ESTABLISHED, TCP_LISTEN, TCP_SYN_RECV, TCP_SYN_SENT, TcpSock, tcpAccept, tcpBind, tcpClose,
  tcpConnect, tcpListen, tcpRecvmsg, tcpSendmsg, tcpShutdown, tcpSocket,
} from './ipv4/tcp.js';
import { tcpPush } from './ipv4/tcp_output.js';
import { tcpNextTimer } from './ipv4/tcp_timer.js';
import {
  UdpSock, udpBind, udpClose, udpConnect, udpRecvError, udpRecvmsg, udpSendmsg, udpSocket,
} from './ipv4/udp.js';
import {
  EAFNOSUPPORT, EAGAIN, EBADF, EINPROGRESS, EINVAL, ENODEV, ENOPROTOOPT, ENOTCONN, EOPNOTSUPP,
  EPIPE, EPROTONOSUPPORT, ETIMEDOUT,
} from './errno.js';

export const AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;
export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3;
export const SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
export const POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLRDHUP = 0x2000;

/** An IPv4 socket address (struct sockaddr_in), host byte order. */
export interface SockAddr {
  addr: number;
  port: number;
}

/** The options setsockopt() takes here, by their C names. */
export type SockOpt =
  | 'SO_REUSEADDR' | 'SO_REUSEPORT' | 'SO_BROADCAST' | 'SO_KEEPALIVE' | 'SO_RCVBUF' | 'SO_SNDBUF'
  | 'SO_MARK' | 'SO_BINDTODEVICE' | 'SO_LINGER' | 'IP_TTL' | 'IP_TOS' | 'IP_RECVERR' | 'TCP_NODELAY';

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this many ms of world time (poll()'s timeout, SO_RCVTIMEO). */
  timeoutMs?: number;
}

export type { SockExtendedErr } from './ipv4/ip_sockglue.js';

export type WaitResult = 'ready' | 'timeout' | 'signal';

/** A real-time pause before virtual time moves, so input from other programs lands first. */
const VIRTUAL_QUIET_MS = 10;

/** What a process can sleep on: a socket's wait queue, or several of them (poll()). */
export type Waitable = Pick<Sock, 'onWake' | 'offWake'>;

/** sk_wait_event(): sleeps until ready() holds, the timeout passes, or the signal fires. */
export async function sockWait(clock: Clock, sk: Waitable, ready: () => boolean, o: WaitOptions,
  ownTimer?: () => number | undefined): Promise<WaitResult> {
  const deadline = o.timeoutMs !== undefined ? clock.now() + o.timeoutMs : undefined;
  for (;;) {
    if (ready()) return 'ready';
    if (o.signal?.aborted) return 'signal';
    const now = clock.now();
    if (deadline !== undefined && now >= deadline) return 'timeout';
    if (clock.mode === 'virtual') {
      // The socket's own timers, else whatever retransmission is pending in the world: the
      // peer's, which on a real machine would fire while this program waits.
      let target = ownTimer?.() ?? clock.nextProgressAt();
      if (deadline !== undefined) {
        const next = clock.nextTimerAt();
        target = Math.min(next ?? Infinity, deadline, target ?? Infinity);
      }
      if (target !== undefined) {
        await sleepReal(VIRTUAL_QUIET_MS, sk, o.signal);
        if (ready() || o.signal?.aborted) continue;
        clock.advance(Math.max(0, target - clock.now()));
        continue;
      }
    }
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        sk.offWake(finish);
        o.signal?.removeEventListener('abort', finish);
        t?.cancel();
        if (keep) clearTimeout(keep);
        resolve();
      };
      sk.onWake(finish);
      o.signal?.addEventListener('abort', finish, { once: true });
      let t: { cancel(): void } | undefined;
      let keep: ReturnType<typeof setTimeout> | undefined;
      if (clock.mode === 'wall') {
        const at = Math.min(deadline ?? Infinity, ownTimer?.() ?? Infinity);
        if (at !== Infinity) {
          const ms = Math.max(0, at - clock.now());
          t = clock.setTimeout(ms, finish);
          // The clock's own timer does not keep Node's event loop alive; this one does.
          keep = setTimeout(finish, ms + 1);
        }
      }
    });
  }
}

/** Waits `ms` of real time, or less if the socket wakes or the signal fires. */
function sleepReal(ms: number, sk: Waitable, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(t);
      sk.offWake(finish);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const t = setTimeout(finish, ms);
    sk.onWake(finish);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/** A socket as a process holds it (struct socket + its file). */
export class Socket {
  private closed = false;
  /** SO_LINGER with a zero timeout: close() resets the connection. */
  private lingerZero = false;

  private constructor(readonly ns: Netns, readonly type: number, readonly sk: TcpSock | UdpSock) {}

  /** socket(): a positive errno for what this kernel does not have. */
  static open(ns: Netns, family: number, type: number, protocol = 0): Socket | number {
    if (family !== AF_INET) return EAFNOSUPPORT;
    if (type === SOCK_STREAM) {
      if (protocol !== 0 && protocol !== 6) return EPROTONOSUPPORT;
      return new Socket(ns, type, tcpSocket(ns));
    }
    if (type === SOCK_DGRAM) {
      if (protocol !== 0 && protocol !== 17) return EPROTONOSUPPORT;
      return new Socket(ns, type, udpSocket(ns));
    }
    return EPROTONOSUPPORT;
  }

  private get clock(): Clock {
    return this.ns.kernel.clock;
  }

  private get tcp(): TcpSock | undefined {
    return this.sk instanceof TcpSock ? this.sk : undefined;
  }

  private wait(ready: () => boolean, o: WaitOptions): Promise<WaitResult> {
    const t = this.tcp;
    return sockWait(this.clock, this.sk, ready, o, t ? () => tcpNextTimer(t) : undefined);
  }

  /** Who holds the socket (ss -p). */
  setOwner(pid: number, comm: string): void {
    this.sk.owner = { pid, comm };
  }

  setsockopt(name: SockOpt, value: number | string): number {
    const sk = this.sk;
    const n = typeof value === 'number' ? value : 0;
    switch (name) {
      case 'SO_REUSEADDR': sk.reuse = n !== 0; return 0;
      case 'SO_REUSEPORT': sk.reuseport = n !== 0; return 0;
      case 'SO_BROADCAST': sk.broadcast = n !== 0; return 0;
      case 'SO_KEEPALIVE': return 0;
      case 'SO_RCVBUF': sk.rcvbuf = Math.max(2304, Math.min(n, 0x7fffffff >> 1) * 2); return 0;
      case 'SO_SNDBUF': sk.sndbuf = Math.max(4608, Math.min(n, 0x7fffffff >> 1) * 2); return 0;
      case 'SO_MARK': sk.mark = n >>> 0; return 0;
      case 'SO_LINGER': this.lingerZero = n === 0; return 0;
      case 'SO_BINDTODEVICE': {
        if (value === '') {
          sk.boundIf = 0;
          return 0;
        }
        const dev = this.ns.devByName(String(value));
        if (!dev) return ENODEV;
        sk.boundIf = dev.ifindex;
        return 0;
      }
      case 'IP_TTL':
        if (n !== -1 && (n < 1 || n > 255)) return EINVAL;
        sk.ttl = n;
        return 0;
      case 'IP_TOS': sk.tos = n & 0xff; return 0;
      case 'IP_RECVERR': sk.recverr = n !== 0; return 0;
      case 'TCP_NODELAY': {
        const t = this.tcp;
        if (!t) return ENOPROTOOPT;
        t.nodelay = n !== 0;
        if (t.nodelay) localBh(() => tcpPush(t));
        return 0;
      }
    }
  }

  bind(a: SockAddr): number {
    if (this.closed) return EBADF;
    const t = this.tcp;
    return t ? tcpBind(t, a.addr, a.port) : udpBind(this.sk as UdpSock, a.addr, a.port);
  }

  listen(backlog: number): number {
    const t = this.tcp;
    if (!t) return EOPNOTSUPP;
    return tcpListen(t, backlog);
  }

  /** connect(). TCP: resolves once the handshake ends (0) or fails (the errno: ECONNREFUSED,
   *  ETIMEDOUT, EHOSTUNREACH...); with a timeout that passes first, ETIMEDOUT is returned
   *  and the attempt goes on until close() (poll() on a non-blocking connect). */
  async connect(a: SockAddr, o: WaitOptions = {}): Promise<number> {
    if (this.closed) return EBADF;
    const t = this.tcp;
    if (!t) return localBh(() => udpConnect(this.sk as UdpSock, a.addr, a.port));
    const e = localBh(() => tcpConnect(t, a.addr, a.port));
    if (e) return e;
    const r = await this.wait(() => t.state !== TCP_SYN_SENT, o);
    if (r === 'timeout') return ETIMEDOUT;
    if (r === 'signal') return EINPROGRESS;
    if (t.state === TCP_ESTABLISHED || t.state === TCP_CLOSE_WAIT) return 0;
    return t.takeError() || ETIMEDOUT;
  }

  /** accept(): the next connection, or the errno (EAGAIN when the wait timed out, EINVAL
   *  when not listening, EINTR-like EAGAIN on a signal). */
  async accept(o: WaitOptions = {}): Promise<Socket | number> {
    const t = this.tcp;
    if (!t) return EOPNOTSUPP;
    if (t.state !== TCP_LISTEN) return EINVAL;
    await this.wait(() => t.acceptQ.length > 0 || t.state !== TCP_LISTEN, o);
    const c = tcpAccept(t);
    if (typeof c === 'number') return c;
    return new Socket(this.ns, this.type, c);
  }

  /** write()/send()/sendto(): TCP blocks until all of `data` is queued; UDP sends one
   *  datagram. Returns the bytes taken or the errno as a negative number. */
  async send(data: Uint8Array, to?: SockAddr, o: WaitOptions = {}): Promise<number> {
    if (this.closed) return -EBADF;
    const t = this.tcp;
    if (!t) return localBh(() => udpSendmsg(this.sk as UdpSock, data, to));
    let off = 0;
    while (off < data.length) {
      const rest = off === 0 ? data : data.subarray(off);
      const n = localBh(() => tcpSendmsg(t, rest));
      if (n < 0) return off > 0 ? off : n;
      off += n;
      if (off >= data.length) break;
      const r = await this.wait(() => t.sendSpace > 0 || t.state === TCP_CLOSE || (t.shutdown & SEND_SHUTDOWN) !== 0 ||
        t.err !== 0 || (t.state !== TCP_SYN_SENT && t.state !== TCP_SYN_RECV && t.state !== TCP_ESTABLISHED && t.state !== TCP_CLOSE_WAIT), o);
      if (r !== 'ready') return off > 0 ? off : -EAGAIN;
    }
    return off;
  }

  /** read()/recv(): bytes (an empty array at end of file) or a negative errno (EAGAIN when
   *  the timeout passed, ECONNRESET after a reset...). */
  async recv(max: number, o: WaitOptions = {}): Promise<Uint8Array | number> {
    const r = await this.recvfrom(max, o);
    return typeof r === 'number' ? r : r.data;
  }

  async recvfrom(max: number, o: WaitOptions = {}): Promise<{ data: Uint8Array; from: SockAddr } | number> {
    if (this.closed) return -EBADF;
    const t = this.tcp;
    if (t) {
      if (t.state === TCP_LISTEN) return -ENOTCONN;
      await this.wait(() => t.rcvQ.length > 0 || t.err !== 0 || (t.shutdown & RCV_SHUTDOWN) !== 0 || t.state === TCP_CLOSE, o);
      const r = localBh(() => tcpRecvmsg(t, max));
      if (typeof r === 'number') return r;
      return { data: r, from: { addr: t.daddr, port: t.dport } };
    }
    const u = this.sk as UdpSock;
    await this.wait(() => u.rcvQueue.length > 0 || u.err !== 0, o);
    const d = udpRecvmsg(u, max);
    if (typeof d === 'number') return d;
    return { data: d.data, from: { addr: d.from, port: d.fromPort } };
  }

  /** recvmsg(MSG_ERRQUEUE): the oldest error queued under IP_RECVERR, or a negative errno
   *  (-EAGAIN: none). Never waits, as in Linux. */
  recvErr(): SockExtendedErr | number {
    if (this.closed) return -EBADF;
    if (this.tcp) return -EAGAIN;
    return udpRecvError(this.sk as UdpSock);
  }

  /** poll() over several sockets (do_sys_poll()): each one's revents for `events` (POLLERR
   *  and POLLHUP always count), once one of them has any, the timeout passed, or the
   *  process was signalled. */
  static async pollAll(list: Socket[], events: number, o: WaitOptions = {}): Promise<number[]> {
    const masks = () => list.map((s) => s.revents() & (events | POLLERR | POLLHUP));
    if (list.length === 0) return [];
    const all: Waitable = {
      onWake: (fn) => { for (const s of list) s.sk.onWake(fn); },
      offWake: (fn) => { for (const s of list) s.sk.offWake(fn); },
    };
    const timers = () => {
      let at: number | undefined;
      for (const s of list) {
        const t = s.tcp ? tcpNextTimer(s.tcp) : undefined;
        if (t !== undefined && (at === undefined || t < at)) at = t;
      }
      return at;
    };
    await sockWait(list[0]!.clock, all, () => masks().some((m) => m !== 0), o, timers);
    return masks();
  }

  /** poll() for one socket: the events that hold now, or after waiting for one of `events`. */
  async poll(events: number, o: WaitOptions = {}): Promise<number> {
    const now = () => this.revents() & (events | POLLERR | POLLHUP);
    await this.wait(() => now() !== 0, o);
    return now();
  }

  /** The poll mask (tcp_poll(), udp_poll()). */
  revents(): number {
    const t = this.tcp;
    let m = 0;
    if (t) {
      if (t.state === TCP_LISTEN) return t.acceptQ.length ? POLLIN : 0;
      if (t.err) m |= POLLERR;
      if (t.shutdown === (RCV_SHUTDOWN | SEND_SHUTDOWN) || t.state === TCP_CLOSE) m |= POLLHUP;
      if (t.shutdown & RCV_SHUTDOWN) m |= POLLIN | POLLRDHUP;
      if (t.state !== TCP_SYN_SENT && t.state !== TCP_SYN_RECV) {
        if (t.rcvQ.length) m |= POLLIN;
        if (!(t.shutdown & SEND_SHUTDOWN) && t.sendSpace > 0 && t.state !== TCP_CLOSE) m |= POLLOUT;
      }
      return m;
    }
    const u = this.sk as UdpSock;
    if (u.err || u.errQueue.length) m |= POLLERR;
    if (u.rcvQueue.length) m |= POLLIN;
    return m | POLLOUT;
  }

  /** The pending error (getsockopt(SO_ERROR)), cleared. */
  soError(): number {
    return this.sk.takeError();
  }

  shutdown(how: number): number {
    const t = this.tcp;
    const mask = how === SHUT_RD ? RCV_SHUTDOWN : how === SHUT_WR ? SEND_SHUTDOWN : RCV_SHUTDOWN | SEND_SHUTDOWN;
    if (!t) {
      const u = this.sk as UdpSock;
      if (u.state !== 1) return ENOTCONN;
      u.shutdown |= mask;
      u.wake();
      return 0;
    }
    return localBh(() => tcpShutdown(t, mask));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const t = this.tcp;
    if (t) localBh(() => tcpClose(t, this.lingerZero));
    else udpClose(this.sk as UdpSock);
  }

  getsockname(): SockAddr {
    return { addr: this.sk.rcvSaddr || this.sk.saddr, port: this.sk.num };
  }

  /** getpeername(): ENOTCONN before the connection exists. */
  getpeername(): SockAddr | number {
    const t = this.tcp;
    if (t ? t.state === TCP_LISTEN || t.state === TCP_CLOSE || t.state === TCP_SYN_SENT : this.sk.state !== 1) return ENOTCONN;
    return { addr: this.sk.daddr, port: this.sk.dport };
  }

  /** Bytes waiting to be read (FIONREAD). */
  get pending(): number {
    const t = this.tcp;
    return t ? t.rcvQ.length : (this.sk as UdpSock).rcvQueue[0]?.data.length ?? 0;
  }
}


