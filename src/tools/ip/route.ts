import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
export function doIproute(ctx: IpContext, _a: Args): number {
  ctx.err('ip route: not implemented yet\n');
  return 1;
}
