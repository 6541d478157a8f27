import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
export function doIpneigh(ctx: IpContext, _a: Args): number {
  ctx.err('ip neigh: not implemented yet\n');
  return 1;
}
