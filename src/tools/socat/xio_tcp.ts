// TCP-CONNECT (TCP, TCP4) and TCP-LISTEN (TCP-L, TCP4-LISTEN): xioopen_ipapp_connect() with
// _xioopen_connect()'s retry loop and connect-timeout, and xioopen_ipapp_listen() with
// _xioopen_listen()'s accept loop: range= checks, and fork, which hands each connection to
// a child process and listens on.
import type { Socket } from '../../kernel/socket.js';
import { ETIMEDOUT, strerror } from '../../kernel/errno.js';
import type { OptSet } from './opts.js';
import {
  AF_INET, IPPROTO_TCP, SOCK_STREAM, inRange, parseRange, resolveHost, resolveService, sockaddrInfo, type Range,
} from './sockaddr.js';
import {
  applySocketOpts, bindAddress, closeSock, reportConnectErrqueue, streamXio, xioBind, xioSocket, type SockFd,
} from './xio_socket.js';
import { worldSleep, type SocatProc, type XioFile } from './xio.js';
import type { OpenCtx } from './xioopen.js';

/** pf=: the protocol family a name stands for. */
export function protocolFamily(proc: SocatProc, opts: OptSet, dflt: number): number {
  const pf = opts.str('protocol-family');
  if (pf === undefined) return dflt;
  const l = pf.toLowerCase();
  if (['ip4', 'ipv4', 'inet', '2'].includes(l)) return AF_INET;
  if (['ip6', 'ipv6', 'inet6', '10'].includes(l)) return 10;
  proc.diag.error(`unknown protocol family "${pf}"`);
  return dflt;
}

/** retry=, interval=, forever (the RETRY group). */
export function retryOpts(opts: OptSet): { retry: number; interval: number; forever: boolean } {
  return {
    retry: opts.num('retry') ?? 0,
    interval: opts.num('interval') ?? 1,
    forever: opts.bool('forever') ?? false,
  };
}

/** xioopen_ipapp_connect(): TCP:<host>:<port>. */
export async function openTcpConnect(proc: SocatProc, host: string, port: string, family: number, rw: number, opts: OptSet): Promise<XioFile> {
  const fam = protocolFamily(proc, opts, family);
  const dport = resolveService(proc.diag, host, port, { family: fam, socktype: SOCK_STREAM, protocol: 0 });
  const daddr = resolveHost(proc.diag, host, { family: fam, socktype: SOCK_STREAM, protocol: IPPROTO_TCP });
  const target = { addr: daddr, port: dport };
  const local = bindAddress(proc, opts, SOCK_STREAM);
  const timeout = opts.num('connect-timeout');
  const r = retryOpts(opts);
  proc.diag.notice(`opening connection to ${sockaddrInfo(target)}`);
  proc.diag.info('starting connect loop');
  for (let left = r.retry; ; left--) {
    const sf = xioSocket(proc, SOCK_STREAM, fam === 10 ? 10 : AF_INET);
    applySocketOpts(proc, sf, opts);
    if (local) xioBind(proc, sf, local);
    const e = await sf.sock.connect(target, { signal: proc.p.signal, timeoutMs: timeout !== undefined ? timeout * 1000 : undefined });
    if (e === 0) {
      proc.diag.notice(`successfully connected from local address ${sockaddrInfo(sf.sock.getsockname())}`);
      return streamXio(proc, sf, rw);
    }
    if (proc.p.signal.aborted) return new Promise<never>(() => undefined);
    const timedOut = e === ETIMEDOUT && timeout !== undefined;
    if (!timedOut) reportConnectErrqueue(proc, sf, target, e);
    const again = r.forever || left > 0;
    const text = timedOut ? `connecting to ${sockaddrInfo(target)}: ${strerror(e)}` : `connect(${sf.fd}, ${sockaddrInfo(target)}, 16): ${strerror(e)}`;
    if (!again) proc.diag.error(text);
    proc.diag.info(text);
    closeSock(proc, sf);
    if (!(await worldSleep(proc.p.kernel.clock, r.interval * 1000, proc.p.signal))) return new Promise<never>(() => undefined);
  }
}

/** The listening side shared by TCP-LISTEN: where to bind, and the accept-phase options. */
interface ListenSpec {
  local: { addr: number; port: number };
  range?: Range;
  fork: boolean;
  backlog: number;
}

/** xioopen_ipapp_listen(): TCP-LISTEN:<port>. */
export async function openTcpListen(proc: SocatProc, port: string, family: number, rw: number, opts: OptSet, ctx: OpenCtx): Promise<XioFile> {
  const fam = protocolFamily(proc, opts, family === 0 ? AF_INET : family);
  const lport = resolveService(proc.diag, undefined, port, { family: fam, socktype: SOCK_STREAM, protocol: 0 });
  const bind = opts.str('bind');
  const laddr = bind ? resolveHost(proc.diag, bind, { family: AF_INET, socktype: SOCK_STREAM, protocol: IPPROTO_TCP }) : 0;
  const rangeSpec = opts.str('range');
  const spec: ListenSpec = {
    local: { addr: laddr, port: lport },
    range: rangeSpec !== undefined ? parseRange(proc.diag, rangeSpec) : undefined,
    fork: opts.bool('fork') ?? false,
    backlog: opts.num('backlog') ?? 5,
  };
  if (opts.left('bind')) proc.diag.error('applyopts(): option "bind" not implemented');
  const sf = xioSocket(proc, SOCK_STREAM, fam === 10 ? 10 : AF_INET);
  applySocketOpts(proc, sf, opts);
  xioBind(proc, sf, spec.local);
  const e = sf.sock.listen(spec.backlog);
  if (e) proc.diag.error(`listen(${sf.fd}, ${spec.backlog}): ${strerror(e)}`);
  return acceptLoop(proc, sf, spec, rw, ctx);
}

/** _xioopen_listen()'s loop: accept, check, then either use the connection or fork. */
async function acceptLoop(proc: SocatProc, lsf: SockFd, spec: ListenSpec, rw: number, ctx: OpenCtx): Promise<XioFile> {
  for (;;) {
    proc.diag.notice(`listening on ${sockaddrInfo(spec.local)}`);
    let conn: Socket | number;
    do {
      conn = await lsf.sock.accept({ signal: proc.p.signal });
      if (proc.p.signal.aborted) return new Promise<never>(() => undefined);
    } while (typeof conn === 'number' && conn === 11);
    if (typeof conn === 'number') {
      proc.diag.error(`accept(${lsf.fd}, {AF=0 }, 16): ${strerror(conn)}`);
      continue;
    }
    conn.setOwner(proc.diag.pid, 'socat');
    const peer = conn.getpeername();
    const peerAddr = typeof peer === 'number' ? { addr: 0, port: 0 } : peer;
    const csf: SockFd = { sock: conn, fd: proc.fds.alloc() };
    proc.diag.notice(`accepting connection from ${sockaddrInfo(peerAddr)} on ${sockaddrInfo(conn.getsockname())}`);
    if (spec.range && !inRange(spec.range, peerAddr.addr)) {
      proc.diag.warn(`refusing connection from ${sockaddrInfo(peerAddr)} due to range option`);
      closeSock(proc, csf);
      continue;
    }
    if (spec.fork && ctx.fork) {
      const child = ctx.fork(proc);
      proc.diag.notice(`forked off child process ${child.proc.diag.pid}`);
      // The child closes the listening descriptor, the parent the connection's.
      child.proc.fds.free(lsf.fd);
      proc.fds.free(csf.fd);
      child.run(streamXio(child.proc, csf, rw));
      continue;
    }
    closeSock(proc, lsf);
    return streamXio(proc, csf, rw);
  }
}
