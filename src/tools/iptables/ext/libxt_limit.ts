// libxt_limit.c: --limit RATE[/second|/minute|/hour|/day], --limit-burst N.
import { XT_LIMIT_SCALE, type RateInfo } from '../../../kernel/netfilter/xt_limit.js';
import { registerMatch, type ExtCtx } from './index.js';
import { xtExt, parseUint } from './xtopt.js';

const RATES: [string, number][] = [
  ['day', XT_LIMIT_SCALE * 24 * 60 * 60], ['hour', XT_LIMIT_SCALE * 60 * 60], ['min', XT_LIMIT_SCALE * 60], ['sec', XT_LIMIT_SCALE],
];

/** parse_rate(): the unit may be any prefix of second, minute, hour or day. */
export function parseRate(rate: string, ctx: ExtCtx): number | undefined {
  const slash = rate.indexOf('/');
  let mult = 1;
  if (slash >= 0) {
    const u = rate.slice(slash + 1).toLowerCase();
    if (!u) return undefined;
    const unit = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]].find(([n]) => (n as string).startsWith(u));
    if (!unit) return undefined;
    mult = unit[1] as number;
  }
  const r = parseInt(rate, 10) || 0; // atoi()
  if (r <= 0) return undefined;
  const val = Math.floor((XT_LIMIT_SCALE * mult) / r);
  if (val === 0) throw ctx.perr(`Rate too fast "${rate}"\n`.replace(/\n$/, ''));
  return val;
}

/** print_rate() */
export function rateStr(period: number): string {
  if (period === 0) return ' inf';
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i]![1];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const [name, mult] = RATES[i - 1]!;
  return ` ${Math.floor(mult / period)}/${name}`;
}

registerMatch(xtExt<RateInfo>({
  name: 'limit',
  options: [{ name: 'limit' }, { name: 'limit-burst' }],
  init: () => ({ avg: XT_LIMIT_SCALE * 3600 / 3, burst: 5, prev: 0, credit: 0, creditCap: 0, cost: 0 }),
  parse(opt, arg, _inv, r, ctx) {
    if (opt === 'limit') {
      const v = parseRate(arg, ctx);
      if (v === undefined) throw ctx.perr(`bad rate "${arg}"'`);
      r.avg = v;
    } else {
      // iptables-nft keeps a burst of 0 as nf_tables' default, 5.
      r.burst = parseUint('limit', opt, arg, ctx, 0, 10000) || 5;
    }
  },
  print: (r) => ` limit: avg${rateStr(r.avg)} burst ${r.burst}`,
  save: (r) => ` --limit${rateStr(r.avg)}${r.burst !== 5 ? ` --limit-burst ${r.burst}` : ''}`,
}));
