// libxt_statistic.c: --mode random --probability P, --mode nth --every N [--packet P].
import {
  XT_STATISTIC_MODE_NTH, XT_STATISTIC_MODE_RANDOM, type StatisticInfo,
} from '../../../kernel/netfilter/xt_statistic.js';
import { registerMatch } from './index.js';
import { xtExt, parseUint, strtod } from './xtopt.js';

/** printf("%.11f", p / 2^31), exactly (round half to even on the exact binary value). */
export function probabilityStr(p: number): string {
  const scaled = BigInt(p) * 10n ** 11n;
  const den = 1n << 31n;
  let q = scaled / den;
  const r2 = (scaled % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q++;
  const s = q.toString().padStart(12, '0');
  return `${s.slice(0, -11)}.${s.slice(-11)}`;
}

/** print_match(): `prefix` is "" for -L and "--" for -S. */
function printMatch(info: StatisticInfo, prefix: string): string {
  const inv = info.invert ? ' !' : '';
  if (info.mode === XT_STATISTIC_MODE_RANDOM) {
    return ` ${prefix}mode random${inv} ${prefix}probability ${probabilityStr(info.probability)}`;
  }
  let s = ` ${prefix}mode nth${inv} ${prefix}every ${info.every + 1}`;
  if (info.packet || prefix) s += ` ${prefix}packet ${info.packet}`;
  return s;
}

registerMatch(xtExt<StatisticInfo>({
  name: 'statistic',
  options: [
    { name: 'mode', mand: true },
    { name: 'probability', invert: true, excl: ['every', 'packet'] },
    { name: 'every', invert: true, excl: ['probability'], also: ['packet'] },
    { name: 'packet', excl: ['probability'] },
  ],
  init: () => ({ mode: XT_STATISTIC_MODE_RANDOM, invert: false, probability: 0, every: 0, packet: 0, count: 0 }),
  parse(opt, arg, inv, info, ctx) {
    switch (opt) {
      case 'mode':
        if (arg === 'random') info.mode = XT_STATISTIC_MODE_RANDOM;
        else if (arg === 'nth') info.mode = XT_STATISTIC_MODE_NTH;
        else throw ctx.perr(`Bad mode "${arg}"`);
        break;
      case 'probability': {
        const d = strtod(arg);
        if (d === undefined || d < 0 || d > 1) {
          throw ctx.perr(`statistic: bad value for option "--probability", or out of range (0-1).\n`);
        }
        // lround(0x80000000 * p); random mode shares the union with nth's `every`.
        info.probability = Math.round(0x80000000 * d);
        if (inv) info.invert = true;
        break;
      }
      case 'every':
        info.every = parseUint('statistic', opt, arg, ctx, 1) - 1;
        if (inv) info.invert = true;
        break;
      case 'packet':
        info.packet = parseUint('statistic', opt, arg, ctx);
        break;
    }
  },
  // statistic_check()
  fcheck(info, ctx, seen) {
    if (info.mode === XT_STATISTIC_MODE_RANDOM && !seen.includes('probability')) {
      throw ctx.perr('--probability must be specified when using random mode');
    }
    if (info.mode === XT_STATISTIC_MODE_NTH && !seen.includes('every') && !seen.includes('packet')) {
      throw ctx.perr('--every and --packet must be specified when using nth mode');
    }
    const every = info.mode === XT_STATISTIC_MODE_RANDOM ? info.probability : info.every;
    if (info.packet > every) throw ctx.perr('the --packet p must be 0 <= p <= n-1');
    info.count = info.every - info.packet;
  },
  print: (info) => ' statistic' + printMatch(info, ''),
  save: (info) => printMatch(info, '--'),
}));
