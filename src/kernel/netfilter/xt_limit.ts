// net/netfilter/xt_limit.c: a token bucket per rule on the kernel clock (limit_mt()).
// HZ is 1000 (the clock's jiffies), so CREDITS_PER_JIFFY is 32.
import { xtRegisterMatch } from './x_tables.js';

export const XT_LIMIT_SCALE = 10000;
const HZ = 1000;
const CREDITS_PER_JIFFY = 32;

/** struct xt_rateinfo: `avg` is seconds per packet times XT_LIMIT_SCALE; `prev` and `credit`
 *  are the per-rule state (xt_limit_priv), set up on the first packet as limit_mt_check() does. */
export interface RateInfo {
  avg: number;
  burst: number;
  prev: number;
  credit: number;
  creditCap: number;
  cost: number;
}

/** user2credits() */
export function user2credits(user: number): number {
  if (user > Math.floor(0xffffffff / (HZ * CREDITS_PER_JIFFY))) {
    return (Math.floor(user / XT_LIMIT_SCALE) * HZ * CREDITS_PER_JIFFY) >>> 0;
  }
  return Math.floor((user * HZ * CREDITS_PER_JIFFY) / XT_LIMIT_SCALE);
}

xtRegisterMatch<RateInfo>({
  name: 'limit',
  match(p, r) {
    const now = p.ns.kernel.clock.jiffies();
    if (r.cost === 0) {
      // limit_mt_check(): credits full.
      r.prev = now;
      r.credit = user2credits(Math.imul(r.avg, r.burst) >>> 0);
      r.creditCap = r.credit;
      r.cost = user2credits(r.avg);
    }
    let credit = r.credit + (now - r.prev) * CREDITS_PER_JIFFY;
    r.prev = now;
    if (credit > r.creditCap) credit = r.creditCap;
    let ret = false;
    if (credit >= r.cost) {
      ret = true;
      credit -= r.cost;
    }
    r.credit = credit;
    return ret;
  },
});
