import type { IpContext } from './context.js';
import type { Args } from '../lib/args.js';
import type { Netns } from '../../kernel/net_namespace.js';
export function doIpnetns(ctx: IpContext, _a: Args): number {
  ctx.err('ip netns: not implemented yet\n');
  return 1;
}
export function netnsSwitch(ctx: IpContext, name: string): Netns | undefined {
  const ns = ctx.p.kernel.namedNetns.get(name);
  if (!ns) ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
  return ns;
}
