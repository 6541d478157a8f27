import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
export function doIplink(ctx: IpContext, _a: Args): number {
  ctx.err('ip link: not implemented yet\n');
  return 1;
}
