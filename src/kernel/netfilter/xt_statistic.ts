// net/netfilter/xt_statistic.c: match a random share of packets, or every nth one.
import { xtRegisterMatch } from './x_tables.js';

export const XT_STATISTIC_MODE_RANDOM = 0, XT_STATISTIC_MODE_NTH = 1;

/** struct xt_statistic_info. `every` is stored minus one, as iptables sends it; `count` is
 *  the per-rule counter (info->master->count), seeded by userspace with every - packet. */
export interface StatisticInfo {
  mode: number;
  invert: boolean;
  /** Random mode: the probability scaled to 2^31. */
  probability: number;
  every: number;
  packet: number;
  count: number;
}

/** statistic_mt() */
xtRegisterMatch<StatisticInfo>({
  name: 'statistic',
  match(p, info) {
    let ret = info.invert;
    if (info.mode === XT_STATISTIC_MODE_RANDOM) {
      // get_random_u32() & 0x7FFFFFFF, from the machine's seeded generator.
      if ((p.ns.kernel.random.u32() & 0x7fffffff) < info.probability) ret = !ret;
    } else {
      const nval = info.count === info.every ? 0 : info.count + 1;
      info.count = nval;
      if (nval === 0) ret = !ret;
    }
    return ret;
  },
});
