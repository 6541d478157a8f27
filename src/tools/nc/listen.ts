// The listening side: local_listen() (SO_REUSEADDR and SO_REUSEPORT, bind, listen(s, 1),
// "Listening on"/"Bound on" with -v) and main()'s loop serving one peer at a time — accept()
// for TCP; for UDP the first datagram's sender, to which the socket is then connected
// (with -k the socket stays unconnected and reads from anyone) — and report_sock().
import type { SockAddr, Socket } from '../../kernel/socket.js';
import { EAFNOSUPPORT } from '../../kernel/errno.js';
import { realSleep, type NcCtx } from './ctx.js';
import { AF_INET, AF_UNIX, AF_UNSPEC } from './options.js';
import { gaiStrerror, getnameinfo, getaddrinfo } from './resolve.js';
import { ncSocket, protoName, setCommonSockopts } from './sockopts.js';
import { NetFd, readwrite } from './readwrite.js';

/** Real time a process exit and its reaping take (see the end of listenMode()). */
const EXIT_LATENCY_MS = 10;

/** report_sock(): "<msg> on <host> <port>" on stderr; a failed name lookup is only warned. */
export function reportSock(ctx: NcCtx, msg: string, a: SockAddr): void {
  const r = getnameinfo(ctx.p, { family: AF_INET, addr: a.addr, port: a.port }, ctx.o.nflag);
  if (typeof r === 'number') {
    ctx.warnx(`getnameinfo: ${gaiStrerror(r)}`);
    return;
  }
  ctx.p.stderr(`${msg} on ${r.host} ${r.port}\n`);
}

/** local_listen(): the bound (and for TCP listening) socket, or the errno of the last try. */
function localListen(ctx: NcCtx, host: string | undefined, port: string): Socket | number {
  const o = ctx.o;
  // In the case of binding to a wildcard address default to binding to an ipv4 address.
  const family = host === undefined && o.family === AF_UNSPEC ? AF_INET : o.family;
  const res0 = getaddrinfo(ctx.p, host, port, { family, proto: protoName(ctx), numericHost: o.nflag, passive: true });
  if (typeof res0 === 'number') ctx.errx(`getaddrinfo: ${gaiStrerror(res0)}`);
  let s: Socket | undefined;
  let errno = EAFNOSUPPORT;
  for (const res of res0) {
    const t = ncSocket(ctx, res.family);
    if (typeof t === 'number') {
      errno = t;
      continue;
    }
    t.setsockopt('SO_REUSEADDR', 1);
    t.setsockopt('SO_REUSEPORT', 1);
    setCommonSockopts(ctx, t, res.family);
    const e = t.bind({ addr: res.addr, port: res.port });
    if (e === 0) {
      s = t;
      break;
    }
    errno = e;
    ctx.close(t);
  }
  if (!s) return errno;
  if (!o.uflag) {
    const e = s.listen(1);
    if (e) ctx.err('listen', e);
  }
  if (o.vflag) reportSock(ctx, o.uflag ? 'Bound' : 'Listening', s.getsockname());
  return s;
}

/** main()'s listen mode: serves one connection (with -k one after the other); exit 0. */
export async function listenMode(ctx: NcCtx, host: string | undefined, port: string | undefined): Promise<number> {
  const o = ctx.o;
  if (o.family === AF_UNIX) {
    // unix_bind(): this kernel has no AF_UNIX sockets.
    ctx.err(null, EAFNOSUPPORT);
  }
  const s = localListen(ctx, host, port ?? '');
  if (typeof s === 'number') ctx.err(null, s);
  for (;;) {
    if (o.uflag && o.kflag) {
      // UDP with -k: the socket is not connected and takes datagrams from anyone.
      await readwrite(ctx, new NetFd(s));
    } else if (o.uflag) {
      // recvfrom(MSG_PEEK) to wait for a caller, then connect() to it: the datagram is kept
      // for readwrite() to read.
      const r = await s.recvfrom(65536, { signal: ctx.p.signal });
      ctx.checkSignal();
      if (typeof r === 'number') ctx.err('recvfrom', -r);
      const e = await s.connect(r.from);
      if (e) ctx.err('connect', e);
      if (o.vflag) reportSock(ctx, 'Connection received', r.from);
      await readwrite(ctx, new NetFd(s, r.data));
    } else {
      const c = await s.accept({ signal: ctx.p.signal });
      ctx.checkSignal();
      if (typeof c === 'number') ctx.err('accept', c);
      ctx.hold(c);
      if (o.vflag) {
        const peer = c.getpeername();
        if (typeof peer !== 'number') reportSock(ctx, 'Connection received', peer);
      }
      await readwrite(ctx, new NetFd(c));
      ctx.close(c);
    }
    if (!o.kflag) {
      ctx.close(s);
      break;
    }
  }
  // Our close woke the peer, which on a real machine exits while this process is still
  // being torn down (and its parent, often timeout(1), reaps it): here the wake-up is a
  // callback that runs only once we yield, so yield for as long as such an exit takes,
  // and a shell waiting for both sees them end in the same order.
  await realSleep(EXIT_LATENCY_MS, ctx.p.signal);
  return 0;
}
