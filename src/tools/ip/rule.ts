import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
export function doIprule(ctx: IpContext, _a: Args): number {
  ctx.err('ip rule: not implemented yet\n');
  return 1;
}
