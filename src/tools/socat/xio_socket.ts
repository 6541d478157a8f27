// Sockets of the emulated kernel as socat uses them (xio-socket.c, xio-ip.c, xio-ipapp.c):
// socket() with the options of its phases (PASTSOCKET, PREBIND, BIND), the descriptor a
// connected socket becomes in the transfer loop, and the messages of failed calls.
import { Socket, SHUT_WR, type SockAddr, type SockOpt } from '../../kernel/socket.js';
import { EAGAIN, EHOSTUNREACH, strerror } from '../../kernel/errno.js';
import type { OptSet } from './opts.js';
import { AF_INET, IPPROTO_TCP, IPPROTO_UDP, SOCK_DGRAM, resolveHost, resolveService, sockaddrInfo } from './sockaddr.js';
import { NOT_OPEN, readError, writeError, xioDefaults, type SocatProc, type XioFile } from './xio.js';

/** A socket and the descriptor number it has in the process. */
export interface SockFd {
  sock: Socket;
  fd: number;
}

/** socket(): the descriptor, or the error line and exit. */
export function xioSocket(proc: SocatProc, type: number, family = AF_INET): SockFd {
  const proto = type === SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
  const s = Socket.open(proc.p.netns, family, type);
  if (typeof s === 'number') {
    proc.diag.error(`socket(${family}, ${type}, ${proto}): ${strerror(s)}`);
    throw new Error('unreachable');
  }
  const fd = proc.fds.alloc();
  s.setOwner(proc.diag.pid, 'socat');
  proc.diag.info(`socket(${family}, ${type}, ${proto}) -> ${fd}`);
  // socat asks for ICMP errors (IP_RECVERR) to report them on a failed connect.
  s.setsockopt('IP_RECVERR', 1);
  const sf = { sock: s, fd };
  proc.open.add({ close: () => closeSock(proc, sf) });
  return sf;
}

const closedSocks = new WeakSet<SockFd>();

/** close(): the socket and its descriptor number, once. */
export function closeSock(proc: SocatProc, sf: SockFd): void {
  if (closedSocks.has(sf)) return;
  closedSocks.add(sf);
  sf.sock.close();
  proc.fds.free(sf.fd);
}

/** Integer socket options: option name, level and number for the error line. */
const INT_OPTS: [string, SockOpt, number, number][] = [
  ['so-broadcast', 'SO_BROADCAST', 1, 6],
  ['so-rcvbuf', 'SO_RCVBUF', 1, 8],
  ['so-sndbuf', 'SO_SNDBUF', 1, 7],
  ['so-keepalive', 'SO_KEEPALIVE', 1, 9],
  ['ip-ttl', 'IP_TTL', 0, 2],
  ['ip-tos', 'IP_TOS', 0, 1],
  ['ip-recverr', 'IP_RECVERR', 0, 11],
  ['tcp-nodelay', 'TCP_NODELAY', 6, 1],
];

function setInt(proc: SocatProc, sf: SockFd, name: SockOpt, level: number, num: number, v: number): void {
  const e = sf.sock.setsockopt(name, v);
  if (e) proc.diag.error(`setsockopt(${sf.fd}, ${level}, ${num}, {${v}}, 4): ${strerror(e)}`);
}

/** applyopts() for the phases between socket() and bind(). */
export function applySocketOpts(proc: SocatProc, sf: SockFd, opts: OptSet): void {
  const dev = opts.str('so-bindtodevice');
  if (dev !== undefined) {
    const e = sf.sock.setsockopt('SO_BINDTODEVICE', dev);
    if (e) proc.diag.error(`setsockopt(${sf.fd}, 1, 25, "${dev}", ${dev.length + 1}): ${strerror(e)}`);
  }
  for (const [opt, name, level, num] of INT_OPTS) {
    const v = opts.num(opt);
    if (v !== undefined) setInt(proc, sf, name, level, num, v);
  }
  const linger = opts.num('so-linger');
  if (linger !== undefined) {
    const e = sf.sock.setsockopt('SO_LINGER', linger);
    if (e) proc.diag.error(`setsockopt(${sf.fd}, 1, 13, {1,${linger}}, 8): ${strerror(e)}`);
  }
  const reuseaddr = opts.num('so-reuseaddr');
  if (reuseaddr !== undefined) setInt(proc, sf, 'SO_REUSEADDR', 1, 2, reuseaddr);
  const reuseport = opts.num('so-reuseport');
  if (reuseport !== undefined) setInt(proc, sf, 'SO_REUSEPORT', 1, 15, reuseport);
}

/** bind(): the error line and exit when it fails. */
export function xioBind(proc: SocatProc, sf: SockFd, a: SockAddr): void {
  const e = sf.sock.bind(a);
  if (e) proc.diag.error(`bind(${sf.fd}, {${sockaddrInfo(a)}}, 16): ${strerror(e)}`);
}

/** The local address of bind= and sourceport= for a client socket ("host[:port]"). */
export function bindAddress(proc: SocatProc, opts: OptSet, socktype: number): SockAddr | undefined {
  const protocol = socktype === SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
  const spec = opts.str('bind');
  const sp = opts.num('sourceport');
  if (spec === undefined && sp === undefined) return undefined;
  let addr = 0, port = 0;
  if (spec !== undefined && spec !== '') {
    const colon = spec.lastIndexOf(':');
    const host = colon < 0 ? spec : spec.slice(0, colon);
    if (colon >= 0) port = resolveService(proc.diag, host, spec.slice(colon + 1), { family: AF_INET, socktype, protocol: 0 });
    if (host !== '') addr = resolveHost(proc.diag, host, { family: AF_INET, socktype, protocol });
  }
  if (sp !== undefined) port = sp & 0xffff;
  return { addr, port };
}

/** recvfrom() as socat's reads make it (a stream's read() too, without the address): a wait
 *  that ended in EAGAIN (the socket's timeout ran out, or a signal woke it) is made again,
 *  and once socat has been signalled it never returns, as the handler ends the process. */
export async function xioRecvfrom(proc: SocatProc, sf: SockFd, max: number): Promise<{ data: Uint8Array; from: SockAddr } | number> {
  for (;;) {
    const r = await sf.sock.recvfrom(max, { signal: proc.p.signal });
    if (r === -EAGAIN && proc.p.signal.aborted) return new Promise<never>(() => undefined);
    if (r !== -EAGAIN) return r;
  }
}

/** A connected socket as an address side: read() and write() on it (XIOREAD_STREAM). */
export function streamXio(proc: SocatProc, sf: SockFd, rw: number): XioFile {
  let closed = false;
  const f: XioFile = {
    ...xioDefaults(sf.fd, sf.fd, rw),
    async read(max) {
      if (!f.readable) return NOT_OPEN;
      const r = await xioRecvfrom(proc, sf, max);
      return typeof r === 'number' ? readError(proc, sf.fd, max, -r) : r.data;
    },
    async write(data) {
      if (!f.writable) return NOT_OPEN;
      const n = await sf.sock.send(data, undefined, { signal: proc.p.signal });
      if (n < 0) return writeError(proc, f, sf.fd, data.length, -n);
      return n;
    },
    shutdownWrite() {
      if (!closed) sf.sock.shutdown(SHUT_WR);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSock(proc, sf);
    },
  };
  proc.open.add(f);
  return f;
}

/** What a failed connect() left on the error queue (xiogetpacketinfo() after the failure):
 *  the host unreachable of a failed ARP resolution comes from this host itself. */
export function reportConnectErrqueue(proc: SocatProc, sf: SockFd, target: SockAddr, errno: number): void {
  if (errno === EHOSTUNREACH) {
    proc.diag.notice(`receiving packet from ${sockaddrInfo(target)}`);
    const local = sf.sock.getsockname().addr;
    const from = `${local >>> 24}.${(local >>> 16) & 255}.${(local >>> 8) & 255}.${local & 255}`;
    proc.diag.notice(`received ICMP from ${from}, type 3, code 1, info 0, data 0, resulting in errno ${errno}`);
    return;
  }
  proc.diag.warn(`recvmsg(): ${strerror(EAGAIN)}`);
}
