// The UDP addresses (xio-udp.c, xio-socket.c's datagram parts):
//   UDP-CONNECT (UDP, UDP4)   a connected socket: each read() is a datagram from the peer
//   UDP-LISTEN (UDP-L)        waits for the first datagram and connects to its sender
//   UDP-SENDTO                sendto() a fixed peer, and only its datagrams are read
//   UDP-DATAGRAM              sendto() a peer, datagrams from anyone (in range) are read
//   UDP-RECV                  receives from anyone, never writes
//   UDP-RECVFROM              answers the sender of the first datagram, one datagram only
import { strerror } from '../../kernel/errno.js';
import type { SockAddr } from '../../kernel/socket.js';
import type { OptSet } from './opts.js';
import {
  AF_INET, IPPROTO_UDP, SOCK_DGRAM, inRange, parsePort, parseRange, resolveHost, resolveService, sockaddrInfo, type Range,
} from './sockaddr.js';
import { applySocketOpts, bindAddress, closeSock, reportConnectErrqueue, streamXio, xioBind, xioRecvfrom, xioSocket, type SockFd } from './xio_socket.js';
import { protocolFamily } from './xio_tcp.js';
import { NOT_OPEN, readError, xioDefaults, type SocatProc, type XioFile } from './xio.js';

/** xioopen_ipdgram_connect(): UDP:<host>:<port>. */
export async function openUdpConnect(proc: SocatProc, host: string, port: string, family: number, rw: number, opts: OptSet): Promise<XioFile> {
  const fam = protocolFamily(proc, opts, family);
  const dport = resolveService(proc.diag, host, port, { family: fam, socktype: SOCK_DGRAM, protocol: 0 });
  const daddr = resolveHost(proc.diag, host, { family: fam, socktype: SOCK_DGRAM, protocol: IPPROTO_UDP });
  const target = { addr: daddr, port: dport };
  const local = bindAddress(proc, opts, SOCK_DGRAM);
  proc.diag.notice(`opening connection to ${sockaddrInfo(target)}`);
  const sf = xioSocket(proc, SOCK_DGRAM);
  applySocketOpts(proc, sf, opts);
  if (local) xioBind(proc, sf, local);
  const e = await sf.sock.connect(target);
  if (e) {
    reportConnectErrqueue(proc, sf, target, e);
    proc.diag.error(`connect(${sf.fd}, ${sockaddrInfo(target)}, 16): ${strerror(e)}`);
  }
  proc.diag.notice(`successfully connected from local address ${sockaddrInfo(sf.sock.getsockname())}`);
  return streamXio(proc, sf, rw);
}

/** The socket of the UDP listeners and receivers: socket(), its options, and bind() to the
 *  local port on bind='s address or any. */
function localSocket(proc: SocatProc, port: number, opts: OptSet): { sf: SockFd; local: SockAddr } {
  const sf = xioSocket(proc, SOCK_DGRAM);
  applySocketOpts(proc, sf, opts);
  const b = opts.str('bind');
  const addr = b ? resolveHost(proc.diag, b, { family: AF_INET, socktype: SOCK_DGRAM, protocol: IPPROTO_UDP }) : 0;
  const local = { addr, port };
  xioBind(proc, sf, local);
  return { sf, local };
}

function rangeOpt(proc: SocatProc, opts: OptSet): Range | undefined {
  const r = opts.str('range');
  return r === undefined ? undefined : parseRange(proc.diag, r);
}

/** A datagram as recvfrom() gives it. */
interface Datagram {
  data: Uint8Array;
  from: SockAddr;
}

/** The datagram UDP-LISTEN and UDP-RECVFROM wait for before they are open (socat only peeks
 *  at it): a failed recvfrom() is reported and waited past, and so is a sender that range=
 *  refuses (xiocheckpeer()). */
async function firstDatagram(proc: SocatProc, sf: SockFd, range: Range | undefined): Promise<Datagram> {
  for (;;) {
    const r = await xioRecvfrom(proc, sf, 65536);
    if (typeof r === 'number') {
      readError(proc, sf.fd, 65536, -r);
      continue;
    }
    if (range && !inRange(range, r.from.addr)) {
      proc.diag.warn(`refusing connection from ${sockaddrInfo(r.from)} due to range option`);
      continue;
    }
    return r;
  }
}

/** xioopen_ipdgram_listen(): UDP-LISTEN:<port>. */
export async function openUdpListen(proc: SocatProc, port: string, rw: number, opts: OptSet): Promise<XioFile> {
  const lport = parsePort(proc.diag, port, IPPROTO_UDP);
  const range = rangeOpt(proc, opts);
  opts.bool('fork');
  const { sf, local } = localSocket(proc, lport, opts);
  proc.diag.notice(`listening on UDP ${sockaddrInfo(local)}`);
  const first = await firstDatagram(proc, sf, range);
  proc.diag.notice(`accepting UDP connection from ${sockaddrInfo(first.from)}`);
  const e = await sf.sock.connect(first.from);
  if (e) proc.diag.error(`connect(${sf.fd}, ${sockaddrInfo(first.from)}, 16): ${strerror(e)}`);
  const f = streamXio(proc, sf, rw);
  // The datagram that was only peeked at by socat is the first one read.
  let held: Uint8Array | undefined = first.data;
  const read = f.read;
  f.read = async (max) => {
    if (held && f.readable) {
      const d = held.subarray(0, max);
      held = undefined;
      return d;
    }
    return read(max);
  };
  return f;
}

/** A datagram socket that is not connected: writes go to `peer` with sendto(), reads come
 *  with recvfrom() (XIOREAD_RECV), checked against the peer or the range. With `first`
 *  (UDP-RECVFROM), the one datagram read is the one already waited for, then end of file. */
function dgramXio(proc: SocatProc, sf: SockFd, rw: number, peer: SockAddr | undefined, check: (from: SockAddr) => boolean, first?: Datagram): XioFile {
  let done = false;
  const received = (d: Uint8Array, from: SockAddr) => proc.diag.notice(`received packet with ${d.length} bytes from ${sockaddrInfo(from)}`);
  const f: XioFile = {
    ...xioDefaults(sf.fd, sf.fd, rw),
    async read(max) {
      if (!f.readable) return NOT_OPEN;
      if (done) return new Uint8Array(0);
      if (first) {
        done = true;
        const d = first.data.subarray(0, max);
        received(d, first.from);
        return d;
      }
      for (;;) {
        const r = await xioRecvfrom(proc, sf, max);
        if (typeof r === 'number') {
          proc.diag.error(`recvfrom(${sf.fd}, ${proc.buff}, ${max}, 0, AF=2 0.0.0.0:0, 16): ${strerror(-r)}`);
          return r;
        }
        if (!check(r.from)) {
          proc.diag.info('recvfrom(): wrong peer address, ignoring packet');
          continue;
        }
        proc.diag.info(`permitting packet from ${sockaddrInfo(r.from)}`);
        received(r.data, r.from);
        if (r.data.length === 0) continue;
        return r.data;
      }
    },
    async write(data) {
      if (!f.writable || !peer) return NOT_OPEN;
      const n = await sf.sock.send(data, peer, { signal: proc.p.signal });
      if (n < 0) {
        proc.diag.error(`sendto(${sf.fd}, ${proc.buff}, ${data.length}, 0, ${sockaddrInfo(peer)}, 16): ${strerror(-n)}`);
        return n;
      }
      proc.diag.notice(`local address: ${sockaddrInfo(sf.sock.getsockname())}`);
      return n;
    },
    shutdownWrite() { /* nothing to tell a peer that is not connected */ },
    close() {
      closeSock(proc, sf);
    },
  };
  proc.open.add(f);
  return f;
}

/** xioopen_udp_sendto() and xioopen_udp_datagram(): UDP-SENDTO / UDP-DATAGRAM:<host>:<port>. */
export async function openUdpSendto(proc: SocatProc, host: string, port: string, family: number, rw: number, opts: OptSet, datagram: boolean): Promise<XioFile> {
  const fam = protocolFamily(proc, opts, family);
  const dport = resolveService(proc.diag, host, port, { family: fam, socktype: SOCK_DGRAM, protocol: 0 });
  const daddr = resolveHost(proc.diag, host, { family: fam, socktype: SOCK_DGRAM, protocol: IPPROTO_UDP });
  const peer = { addr: daddr, port: dport };
  const range = datagram ? rangeOpt(proc, opts) : undefined;
  const local = bindAddress(proc, opts, SOCK_DGRAM);
  const sf = xioSocket(proc, SOCK_DGRAM);
  applySocketOpts(proc, sf, opts);
  if (local) xioBind(proc, sf, local);
  proc.diag.notice(`successfully prepared local socket ${sockaddrInfo(sf.sock.getsockname())}`);
  const check = datagram ? (from: SockAddr) => !range || inRange(range, from.addr)
    : (from: SockAddr) => from.addr === peer.addr && from.port === peer.port;
  return dgramXio(proc, sf, rw, peer, check);
}

/** xioopen_udp_recv(): UDP-RECV:<port>. */
export async function openUdpRecv(proc: SocatProc, port: string, family: number, rw: number, opts: OptSet): Promise<XioFile> {
  const lport = resolveService(proc.diag, undefined, port, { family: family || AF_INET, socktype: SOCK_DGRAM, protocol: 0 });
  const range = rangeOpt(proc, opts);
  const { sf } = localSocket(proc, lport, opts);
  return dgramXio(proc, sf, rw, undefined, (from) => !range || inRange(range, from.addr));
}

/** xioopen_udp_recvfrom(): UDP-RECVFROM:<port> — waits for a datagram, answers its sender. */
export async function openUdpRecvfrom(proc: SocatProc, port: string, family: number, rw: number, opts: OptSet): Promise<XioFile> {
  const lport = resolveService(proc.diag, undefined, port, { family: family || AF_INET, socktype: SOCK_DGRAM, protocol: 0 });
  const range = rangeOpt(proc, opts);
  opts.bool('fork');
  const { sf, local } = localSocket(proc, lport, opts);
  proc.diag.notice(`receiving on ${sockaddrInfo(local)}`);
  const first = await firstDatagram(proc, sf, range);
  proc.diag.notice(`receiving packet from ${sockaddrInfo(first.from)}`);
  return dgramXio(proc, sf, rw, first.from, () => true, first);
}

