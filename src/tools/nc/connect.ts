// remote_connect(), connect_with_timeout() and udptest(): a socket to each address the
// destination resolves to until one connects (bound first to -s/-p if given), the "connect
// to ... failed"/"timed out" warnings of -v, and the probes that tell -u -z -v whether
// anything answered with a port unreachable.
import { POLLERR, POLLHUP, type Socket } from '../../kernel/socket.js';
import { ECONNREFUSED, EINPROGRESS, ETIMEDOUT } from '../../kernel/errno.js';
import type { NcCtx } from './ctx.js';
import { gaiStrerror, getaddrinfo, numericHost, type AddrInfo } from './resolve.js';
import { ncSocket, protoName, setCommonSockopts } from './sockopts.js';

/** UDP_SCAN_TIMEOUT: seconds udptest() waits for a port unreachable without -w. */
const UDP_SCAN_TIMEOUT = 3;

export interface Connected {
  s: Socket;
  /** The numeric address connected to (ipaddr). */
  ipaddr: string;
}

/** remote_connect(): the connected socket, or undefined when every address failed. With
 *  `report` false (the proxy's own connection) the address is not named beside the host. */
export async function remoteConnect(ctx: NcCtx, host: string, port: string, family: number, report = true): Promise<Connected | undefined> {
  const o = ctx.o;
  const proto = protoName(ctx);
  const res0 = getaddrinfo(ctx.p, host, port, { family, proto, numericHost: o.nflag });
  if (typeof res0 === 'number') ctx.errx(`getaddrinfo for host "${host}" port ${port}: ${gaiStrerror(res0)}`);
  for (const res of res0) {
    const s = ncSocket(ctx, res.family);
    if (typeof s === 'number') continue;
    // Bind to a local port or source address if specified.
    if (o.sflag !== undefined || o.pflag !== undefined) {
      const ares = getaddrinfo(ctx.p, o.sflag, o.pflag, { family: res.family, proto, passive: true });
      if (typeof ares === 'number') ctx.errx(`getaddrinfo: ${gaiStrerror(ares)}`);
      const e = s.bind({ addr: ares[0]!.addr, port: ares[0]!.port });
      if (e) ctx.err('bind failed', e);
    }
    setCommonSockopts(ctx, s, res.family);
    const ipaddr = numericHost(res);
    const r = await connectWithTimeout(ctx, s, res);
    if (r.ok) return { s, ipaddr };
    if (o.vflag) {
      const what = r.timedOut ? 'timed out' : 'failed';
      if (o.nflag || !report || host === ipaddr) ctx.warn(`connect to ${host} port ${port} (${proto}) ${what}`, r.errno);
      else ctx.warn(`connect to ${host} (${ipaddr}) port ${port} (${proto}) ${what}`, r.errno);
    }
    ctx.close(s);
  }
  return undefined;
}

/** connect_with_timeout(): a non-blocking connect() and a select() for writability bounded
 *  by -w; a timeout leaves errno at connect()'s EINPROGRESS. */
async function connectWithTimeout(ctx: NcCtx, s: Socket, res: AddrInfo): Promise<{ ok: boolean; timedOut?: boolean; errno: number }> {
  const timeout = ctx.o.timeout;
  const e = await s.connect({ addr: res.addr, port: res.port }, { signal: ctx.p.signal, timeoutMs: timeout > 0 ? timeout : undefined });
  ctx.checkSignal();
  if (e === 0) return { ok: true, errno: 0 };
  // ETIMEDOUT is ours when the attempt is still going on (no error or hangup yet); the
  // kernel's own after its SYN retries leaves the socket closed.
  if (e === ETIMEDOUT && timeout > 0 && !(s.revents() & (POLLERR | POLLHUP))) return { ok: false, timedOut: true, errno: EINPROGRESS };
  return { ok: false, errno: e };
}

/** udptest(): writes "X" twice, then once a second for -w seconds (3 without -w); a port
 *  unreachable makes a later write fail with ECONNREFUSED. */
export async function udptest(ctx: NcCtx, s: Socket): Promise<boolean> {
  const X = Uint8Array.of(0x58);
  if ((await s.send(X)) !== 1) return false;
  if ((await s.send(X)) === -ECONNREFUSED) return false;
  const t = ctx.o.timeout === -1 ? UDP_SCAN_TIMEOUT : Math.trunc(ctx.o.timeout / 1000);
  for (let i = 0; i < t; i++) {
    await ctx.sleep(1000);
    if ((await s.send(X)) === -ECONNREFUSED) return false;
  }
  return true;
}
