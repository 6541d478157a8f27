// net/netfilter/nf_conntrack_standalone.c: net.netfilter.nf_conntrack_* (nf_conntrack_count
// reads the live table; nf_conntrack_max is one value for the machine, writable only from the
// initial namespace), /proc/net/nf_conntrack and /proc/net/stat/nf_conntrack.
import type { Kernel } from '../kernel.js';
import { registerNfConntrackSysctls } from '../sysctl.js';
import { customFile, parseString } from '../fs/sysctl_core.js';
import { EINVAL, KernelError } from '../errno.js';
import { nfCtCount } from './nf_conntrack_core.js';

const maxOf = new WeakMap<Kernel, number>();

/** nf_conntrack_max */
export function nfConntrackMax(k: Kernel): number {
  return maxOf.get(k) ?? 262144;
}

registerNfConntrackSysctls({
  nf_conntrack_count: (ctx) => customFile(0o444, () => `${nfCtCount(ctx.ns)}\n`, () => {}, () => nfCtCount(ctx.ns)),
  nf_conntrack_max: (ctx) => customFile(ctx.ns === ctx.kernel.initNet ? 0o644 : 0o444,
    () => `${nfConntrackMax(ctx.kernel)}\n`,
    (t) => {
      const v = parseString(t, 32).trim();
      if (!/^-?\d+$/.test(v)) throw new KernelError(EINVAL);
      maxOf.set(ctx.kernel, Math.max(0, Math.min(Number(v), 2147483647)));
    },
    () => nfConntrackMax(ctx.kernel)),
});
