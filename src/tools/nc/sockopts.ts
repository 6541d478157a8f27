// socket() as nc calls it (TCP, UDP with -u, DCCP with -Z) and set_common_sockopts(): the
// options -b -T -I -O -M ask for, each failure fatal with nc's message.
import { Socket, AF_INET as K_AF_INET, SOCK_DGRAM, SOCK_STREAM } from '../../kernel/socket.js';
import { EAFNOSUPPORT, ESOCKTNOSUPPORT } from '../../kernel/errno.js';
import type { NcCtx } from './ctx.js';
import { AF_INET, AF_INET6 } from './options.js';

/** The protocol name nc prints and looks services up with (proto_name()). */
export function protoName(ctx: NcCtx): string {
  return ctx.o.uflag ? 'udp' : ctx.o.dccpflag ? 'dccp' : 'tcp';
}

/** socket(family, type, protocol): the socket, held by the process, or the errno. This
 *  kernel has neither IPv6 sockets nor DCCP (socket() of SOCK_DCCP says so with
 *  ESOCKTNOSUPPORT, as Linux without CONFIG_IP_DCCP does). */
export function ncSocket(ctx: NcCtx, family: number): Socket | number {
  if (ctx.o.dccpflag && !ctx.o.uflag) return family === AF_INET || family === AF_INET6 ? ESOCKTNOSUPPORT : EAFNOSUPPORT;
  const s = Socket.open(ctx.p.netns, family === AF_INET ? K_AF_INET : family, ctx.o.uflag ? SOCK_DGRAM : SOCK_STREAM);
  if (typeof s === 'number') return s;
  return ctx.hold(s);
}

/** set_common_sockopts() */
export function setCommonSockopts(ctx: NcCtx, s: Socket, family: number): void {
  const o = ctx.o;
  if (o.bflag) {
    const e = s.setsockopt('SO_BROADCAST', 1);
    if (e) ctx.err(null, e);
  }
  // -D (SO_DEBUG) only sets a flag nothing here reads; root may set it.
  if (o.Tflag !== -1 && family === AF_INET) {
    const e = s.setsockopt('IP_TOS', o.Tflag);
    if (e) ctx.err('set IP ToS', e);
  }
  if (o.Iflag) {
    const e = s.setsockopt('SO_RCVBUF', o.Iflag);
    if (e) ctx.err('set TCP receive buffer size', e);
  }
  if (o.Oflag) {
    const e = s.setsockopt('SO_SNDBUF', o.Oflag);
    if (e) ctx.err('set TCP send buffer size', e);
  }
  if (o.ttl !== -1 && family === AF_INET) {
    const e = s.setsockopt('IP_TTL', o.ttl);
    if (e) ctx.err('set IP TTL', e);
  }
  // -m asks for IP_MINTTL, which these sockets do not implement: it is accepted and has no
  // effect (packets below the TTL are not dropped).
}
