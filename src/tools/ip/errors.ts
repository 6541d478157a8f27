// How iproute2 reports a failed netlink request (lib/libnetlink.c): the kernel's extended
// ack as "Error: <msg>." or else "RTNETLINK answers: <strerror>"; the command exits 2.
import type { IpContext } from './context.js';
import { KernelError, strerror } from '../../kernel/errno.js';

export function rtnlErrorText(e: KernelError): string {
  if (e.extack) return `Error: ${e.extack}${e.extack.endsWith('.') ? '' : '.'}\n`;
  return `RTNETLINK answers: ${strerror(e.errno)}\n`;
}

export function rtnlError(ctx: IpContext, e: unknown): number {
  if (!(e instanceof KernelError)) throw e;
  ctx.err(rtnlErrorText(e));
  return 2;
}
