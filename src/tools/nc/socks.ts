// socks_connect() of socks.c: the destination reached through a proxy (-x) speaking SOCKS 5
// (the default), SOCKS 4 (-X 4) or HTTP CONNECT (-X connect), each reply checked as nc does.
// A password for HTTP proxy authentication would be read from a terminal, which a script
// does not have.
import type { Socket } from '../../kernel/socket.js';
import type { NcCtx } from './ctx.js';
import { AF_INET, splitProxy } from './options.js';
import { gaiStrerror, getaddrinfo, inetAton } from './resolve.js';
import { remoteConnect } from './connect.js';
import { parseIPv6 } from '../../wire/inet.js';

const SOCKS_PORT = '1080', HTTP_PROXY_PORT = '3128', HTTP_MAXHDRS = 64;

const SOCKS4_ERR: Record<number, string> = {
  90: 'Succeeded', 91: 'Request rejected or failed', 92: 'SOCKS server cannot connect to identd on the client',
  93: 'Client program and identd report different user-ids',
};
const SOCKS5_ERR = ['Succeeded', 'General SOCKS server failure', 'Connection not allowed by ruleset', 'Network unreachable',
  'Host unreachable', 'Connection refused', 'TTL expired', 'Command not supported', 'Address type not supported'];

/** atomicio(vwrite): all of it, or err(). */
async function writeAll(ctx: NcCtx, s: Socket, data: Uint8Array): Promise<void> {
  const n = await s.send(data);
  if (n !== data.length) ctx.err(`write failed (${Math.max(0, n)}/${data.length})`, n < 0 ? -n : 0);
}

/** atomicio(read): exactly n bytes, or err() with nc's count text. */
async function readExactly(ctx: NcCtx, s: Socket, n: number, what: string): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const r = await s.recv(n - got, { signal: ctx.p.signal });
    ctx.checkSignal();
    if (typeof r === 'number') ctx.err(`read failed (${got}/${what})`, -r);
    if (r.length === 0) ctx.err(`read failed (${got}/${what})`, 0);
    out.set(r, got);
    got += r.length;
  }
  return out;
}

/** proxy_read_line(): one header line without its CR/LF. */
async function readLine(ctx: NcCtx, s: Socket): Promise<string> {
  let line = '';
  for (;;) {
    if (line.length >= 1024) ctx.errx('proxy read too long');
    const r = await s.recv(1, { signal: ctx.p.signal });
    ctx.checkSignal();
    if (typeof r === 'number' || r.length === 0) ctx.err('proxy read', typeof r === 'number' ? -r : 0);
    const c = r[0]!;
    if (c === 13) continue;
    if (c === 10) return line;
    line += String.fromCharCode(c);
  }
}

/** socks_connect(): the socket through the proxy, or undefined when the proxy could not be
 *  reached (remote_connect() already warned with -v). */
export async function socksConnect(ctx: NcCtx, host: string, port: string): Promise<Socket | undefined> {
  const o = ctx.o;
  const { host: phost, port: pport0 } = splitProxy(o.proxy ?? '');
  const pport = pport0 ?? (o.socksv === -1 ? HTTP_PROXY_PORT : SOCKS_PORT);
  const serverport = Number(port) & 0xffff;
  const c = await remoteConnect(ctx, phost, pport, o.family, false);
  if (!c) return undefined;
  const s = c.s;
  const portBytes = [serverport >> 8, serverport & 0xff];

  if (o.socksv === 5) {
    await writeAll(ctx, s, Uint8Array.of(5, 1, 0));
    const m = await readExactly(ctx, s, 2, '3');
    if (m[1] === 0xff) ctx.errx('authentication method negotiation failed');
    let req: number[];
    const v4 = inetAton(host);
    const v6 = v4 === undefined ? parseIPv6(host) : undefined;
    if (v4 !== undefined) req = [5, 1, 0, 1, v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255, ...portBytes];
    else if (v6) req = [5, 1, 0, 4, ...v6, ...portBytes];
    else {
      if (host.length > 255) ctx.errx('host name too long for SOCKS5');
      req = [5, 1, 0, 3, host.length, ...Buffer.from(host, 'latin1'), ...portBytes];
    }
    await writeAll(ctx, s, Uint8Array.from(req));
    const r = await readExactly(ctx, s, 4, '4');
    if (r[1] !== 0) ctx.errx(`connection failed, SOCKSv5 error: ${SOCKS5_ERR[r[1]!] ?? 'Unknown error'}`);
    if (r[3] === 1) await readExactly(ctx, s, 6, '6');
    else if (r[3] === 4) await readExactly(ctx, s, 18, '18');
    else ctx.errx('connection failed, unsupported address type');
  } else if (o.socksv === 4) {
    // decode_addrport() for IPv4 only, fatal on failure
    const a = getaddrinfo(ctx.p, host, port, { family: AF_INET, proto: 'tcp' });
    if (typeof a === 'number') ctx.errx(`getaddrinfo("${host.slice(0, 64)}", "${port.slice(0, 64)}"): ${gaiStrerror(a)}`);
    const v4 = a[0]!.addr;
    await writeAll(ctx, s, Uint8Array.of(4, 1, ...portBytes, v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255, 0));
    const r = await readExactly(ctx, s, 8, '8');
    if (r[1] !== 90) ctx.errx(`connection failed, SOCKSv4 error: ${SOCKS4_ERR[r[1]!] ?? 'Unknown error'}`);
  } else {
    // HTTP proxy CONNECT
    // Disallow bad chars in hostname (which leaves IPv6 literals out too).
    if (/[\r\n\t [\]:]/.test(host)) ctx.errx('Invalid hostname');
    await writeAll(ctx, s, Buffer.from(`CONNECT ${host}:${serverport} HTTP/1.0\r\n`, 'latin1'));
    await writeAll(ctx, s, Buffer.from('\r\n'));
    const status = await readLine(ctx, s);
    if (o.Pflag !== undefined && /^HTTP\/1\.[01] 407/.test(status)) ctx.errx('Unable to read proxy passphrase');
    if (!/^HTTP\/1\.[01] 200/.test(status)) ctx.errx(`Proxy error: "${status}"`);
    let hdr = status;
    for (let i = 0; i < HTTP_MAXHDRS; i++) {
      hdr = await readLine(ctx, s);
      if (hdr === '') break;
    }
    if (hdr !== '') ctx.errx('Too many proxy headers received');
  }
  return s;
}
