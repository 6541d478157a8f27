import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
export function doIpaddr(ctx: IpContext, _a: Args): number {
  ctx.err('ip address: not implemented yet\n');
  return 1;
}
