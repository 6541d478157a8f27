// libxt_hashlimit.c (revision 3, IPv4): --hashlimit-upto/--hashlimit-above (packets or
// bytes per time), --hashlimit-burst, --hashlimit-mode, the masks, --hashlimit-name, the
// htable settings and --hashlimit-rate-match/--hashlimit-rate-interval.
import {
  XT_HASHLIMIT_BYTES, XT_HASHLIMIT_BYTE_SHIFT, XT_HASHLIMIT_HASH_DIP, XT_HASHLIMIT_HASH_DPT, XT_HASHLIMIT_HASH_SIP,
  XT_HASHLIMIT_HASH_SPT, XT_HASHLIMIT_INVERT, XT_HASHLIMIT_RATE_MATCH, XT_HASHLIMIT_SCALE_v2, hashlimitCheck,
  type HashlimitInfo,
} from '../../../kernel/netfilter/xt_hashlimit.js';
import { registerMatch, type ExtCtx } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt, parseUint, strtoul } from './xtopt.js';
import { ipv4, maskLen } from './parse.js';

const XT_HASHLIMIT_BURST = 5n;
const XT_HASHLIMIT_BURST_MAX = 1000000n;
const XT_HASHLIMIT_BYTE_EXPIRE = 15;
const XT_HASHLIMIT_BYTE_EXPIRE_BURST = 60;
const XT_HASHLIMIT_GCINTERVAL = 1000;
const U32_MAX = 0xffffffffn;

/** The parsed info plus hashlimit_mt_udata's `mult` (seconds of the rate's unit). */
type Info = HashlimitInfo & { mult?: number };

/** cost_to_bytes() */
const costToBytes = (cost: bigint): bigint => ((cost ? U32_MAX / cost : U32_MAX) - 1n) << XT_HASHLIMIT_BYTE_SHIFT;
/** bytes_to_cost() */
const bytesToCost = (bytes: bigint): bigint => U32_MAX / (((bytes >> XT_HASHLIMIT_BYTE_SHIFT) & U32_MAX) + 1n);
/** get_factor() */
const factor = (c: string | undefined): bigint => (c === 'm' ? 1024n * 1024n : c === 'k' ? 1024n : 1n);

/** atoll(): the leading decimal number, 0 when there is none. */
function atoll(s: string): bigint {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? BigInt(m[1]!) : 0n;
}

/** parse_bytes(): "N[k|m]b/s". */
function parseBytes(rate: string, i: Info, ctx: ExtCtx): boolean {
  const at = rate.indexOf('b/s');
  if (at <= 0) return false;
  const r = atoll(rate);
  if (r === 0n) return false;
  const tmp = bytesToCost(r * factor(rate[at - 1]));
  if (tmp === 0n) throw ctx.perr(`Rate too high "${rate}"`);
  i.mult = XT_HASHLIMIT_BYTE_EXPIRE;
  i.cfg.avg = tmp;
  return true;
}

/** parse_rate(): "N[/second|/minute|/hour|/day]", any prefix of the unit. */
function parseRate(rate: string, i: Info, ctx: ExtCtx): boolean {
  i.mult = 1;
  const slash = rate.indexOf('/');
  if (slash >= 0) {
    const u = rate.slice(slash + 1).toLowerCase();
    if (!u) return false;
    const unit = ([['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]] as const).find(([n]) => n.startsWith(u));
    if (!unit) return false;
    i.mult = unit[1];
  }
  const r = atoll(rate);
  if (r <= 0n) return false;
  const tmp = (XT_HASHLIMIT_SCALE_v2 * BigInt(i.mult)) / r;
  if (tmp === 0n) throw ctx.perr(`Rate too fast "${rate}"`);
  i.cfg.avg = tmp;
  return true;
}

/** parse_burst(): a number, optionally with a k or m factor (bytes). */
function parseBurst(s: string, ctx: ExtCtx): bigint {
  const m = /^\s*(0[xX][0-9a-fA-F]+|\d+)(.*)$/s.exec(s);
  const bad = () => ctx.perr(`bad value for option "--hashlimit-burst", or out of range (1-${XT_HASHLIMIT_BURST_MAX}).`);
  if (!m) throw bad();
  const v = BigInt(m[1]!);
  if (v < 1n || (m[2] === '' && v > XT_HASHLIMIT_BURST_MAX)) throw bad();
  return v * factor(m[2]![0]);
}

const RATES: [string, bigint][] = [
  ['day', XT_HASHLIMIT_SCALE_v2 * 86400n], ['hour', XT_HASHLIMIT_SCALE_v2 * 3600n], ['min', XT_HASHLIMIT_SCALE_v2 * 60n],
  ['sec', XT_HASHLIMIT_SCALE_v2],
];

/** print_rate(): the text and the quantum (the unit in ms) it implies. */
function printRate(period: bigint): [string, number] {
  if (period === 0n) return [' inf', 0];
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i]![1];
    if (period > mult || mult / period < mult % period) break;
  }
  const [name, mult] = RATES[i - 1]!;
  return [` ${mult / period}/${name}`, Number(mult / XT_HASHLIMIT_SCALE_v2) * 1000];
}

const UNITS: [string, bigint][] = [['m', 1024n * 1024n], ['k', 1024n], ['', 1n]];

/** print_bytes() */
function printBytes(avg: bigint, burst: bigint, prefix: string): [string, number] {
  let r = costToBytes(avg);
  let i = 0;
  for (; i < UNITS.length - 1; i++) {
    const th = UNITS[i]![1];
    if (r >= th && bytesToCost(r & ~(th - 1n)) === avg) break;
  }
  let s = ` ${r / UNITS[i]![1]}${UNITS[i]![0]}b/s`;
  if (burst === 0n) return [s, XT_HASHLIMIT_BYTE_EXPIRE * 1000];
  r *= burst;
  for (i = 0; i < UNITS.length - 1; i++) if (r >= UNITS[i]![1]) break;
  s += ` ${prefix}burst ${r / UNITS[i]![1]}${UNITS[i]![0]}b`;
  return [s, XT_HASHLIMIT_BYTE_EXPIRE_BURST * 1000];
}

/** print_mode() */
function modeStr(mode: number, sep: string): string {
  const parts: string[] = [];
  if (mode & XT_HASHLIMIT_HASH_SIP) parts.push('srcip');
  if (mode & XT_HASHLIMIT_HASH_SPT) parts.push('srcport');
  if (mode & XT_HASHLIMIT_HASH_DIP) parts.push('dstip');
  if (mode & XT_HASHLIMIT_HASH_DPT) parts.push('dstport');
  return ` ${parts.join(sep)}`;
}

const HASH_MODES = XT_HASHLIMIT_HASH_SIP | XT_HASHLIMIT_HASH_SPT | XT_HASHLIMIT_HASH_DIP | XT_HASHLIMIT_HASH_DPT;
const MODE_BITS: Record<string, number> = {
  dstip: XT_HASHLIMIT_HASH_DIP, srcip: XT_HASHLIMIT_HASH_SIP, srcport: XT_HASHLIMIT_HASH_SPT, dstport: XT_HASHLIMIT_HASH_DPT,
};

/** hashlimit_mt_print() (list) and hashlimit_mt_save() (save) share their shape. */
function show(i: Info, save: boolean): string {
  const c = i.cfg;
  const o = (name: string) => (save ? ` --hashlimit-${name}` : ` ${name}`);
  let s = save ? (c.mode & XT_HASHLIMIT_INVERT ? ' --hashlimit-above' : ' --hashlimit-upto')
    : (c.mode & XT_HASHLIMIT_INVERT ? ' limit: above' : ' limit: up to');
  let quantum: number;
  if (c.mode & XT_HASHLIMIT_BYTES) {
    const [t, q] = printBytes(c.avg, c.burst, save ? '--hashlimit-' : '');
    s += t;
    quantum = q;
  } else {
    // -L shows the rate over the rate-match interval; save gives the rate as parsed.
    const period = !save && c.interval ? c.avg * BigInt(c.interval) : c.avg;
    const [t, q] = printRate(period);
    s += t + o('burst') + ` ${c.burst}`;
    quantum = q;
  }
  if (c.mode & HASH_MODES) s += o('mode') + modeStr(c.mode, save ? ',' : '-');
  if (save) s += ` --hashlimit-name ${i.name}`;
  if (c.size) s += o('htable-size') + ` ${c.size}`;
  if (c.max) s += o('htable-max') + ` ${c.max}`;
  if (c.gcInterval !== XT_HASHLIMIT_GCINTERVAL) s += o('htable-gcinterval') + ` ${c.gcInterval}`;
  if (c.expire !== quantum) s += o('htable-expire') + ` ${c.expire}`;
  if (c.srcmask !== 32) s += o('srcmask') + ` ${c.srcmask}`;
  if (c.dstmask !== 32) s += o('dstmask') + ` ${c.dstmask}`;
  if (c.mode & XT_HASHLIMIT_RATE_MATCH) {
    s += o('rate-match');
    if (c.interval !== 1) s += o('rate-interval') + ` ${c.interval}`;
  }
  return s;
}

registerMatch(xtExt<Info>({
  name: 'hashlimit',
  family: NFPROTO_IPV4,
  options: [
    { name: 'hashlimit-upto', id: 0, invert: true, excl: ['hashlimit-above'] },
    { name: 'hashlimit-above', id: 1, invert: true, excl: ['hashlimit-upto'] },
    { name: 'hashlimit', id: 0, invert: true },
    { name: 'hashlimit-srcmask', id: 3 },
    { name: 'hashlimit-dstmask', id: 4 },
    { name: 'hashlimit-burst', id: 5 },
    { name: 'hashlimit-htable-size', id: 6 },
    { name: 'hashlimit-htable-max', id: 7 },
    { name: 'hashlimit-htable-gcinterval', id: 8 },
    { name: 'hashlimit-htable-expire', id: 9 },
    { name: 'hashlimit-mode', id: 10 },
    { name: 'hashlimit-name', id: 11, mand: true },
    { name: 'hashlimit-rate-match', id: 12, noArg: true },
    { name: 'hashlimit-rate-interval', id: 13 },
  ],
  // hashlimit_mt4_init()
  init: () => ({
    revision: 3, name: '',
    cfg: { mode: 0, avg: 0n, burst: XT_HASHLIMIT_BURST, size: 0, max: 0, gcInterval: XT_HASHLIMIT_GCINTERVAL, expire: 0,
      srcmask: 32, dstmask: 32, interval: 0 },
  }),
  // hashlimit_mt_parse()
  parse(opt, arg, inv, i, ctx) {
    const c = i.cfg;
    const bad = (o: string) => ctx.perr(`hashlimit: Bad value for "--${o}" option: "${arg}"`);
    switch (opt) {
      case 'hashlimit-upto': case 'hashlimit': case 'hashlimit-above': {
        const above = opt === 'hashlimit-above';
        if (inv !== above) c.mode |= XT_HASHLIMIT_INVERT;
        if (parseBytes(arg, i, ctx)) c.mode |= XT_HASHLIMIT_BYTES;
        else if (!parseRate(arg, i, ctx)) throw bad(above ? 'hashlimit-above' : 'hashlimit-upto');
        break;
      }
      case 'hashlimit-burst':
        c.burst = parseBurst(arg, ctx);
        break;
      case 'hashlimit-mode':
        for (const tok of arg.split(/[,|]/).filter(Boolean)) {
          if (!(tok in MODE_BITS)) throw bad(opt);
          c.mode |= MODE_BITS[tok]!;
        }
        break;
      case 'hashlimit-srcmask': case 'hashlimit-dstmask': {
        // A prefix length (the kernel refuses one above 32) or a netmask.
        let v = strtoul(arg);
        if (v === undefined || v > 255) {
          const m = ipv4(arg);
          v = m === undefined ? undefined : maskLen(m);
        }
        if (v === undefined) {
          throw ctx.perr(`hashlimit: bad value for option "--${opt}", neither a valid network mask nor valid CIDR (0-32).\n`);
        }
        if (opt === 'hashlimit-srcmask') c.srcmask = v;
        else c.dstmask = v;
        break;
      }
      case 'hashlimit-htable-size': c.size = parseUint('hashlimit', opt, arg, ctx); break;
      case 'hashlimit-htable-max': c.max = parseUint('hashlimit', opt, arg, ctx); break;
      case 'hashlimit-htable-gcinterval': c.gcInterval = parseUint('hashlimit', opt, arg, ctx); break;
      case 'hashlimit-htable-expire': c.expire = parseUint('hashlimit', opt, arg, ctx); break;
      case 'hashlimit-name':
        if (arg.length < 1) throw ctx.perr('Argument must have a minimum length of 1 characters\n');
        i.name = arg;
        break;
      case 'hashlimit-rate-match':
        c.mode |= XT_HASHLIMIT_RATE_MATCH;
        break;
      case 'hashlimit-rate-interval': {
        const r = Number(atoll(arg));
        if (r <= 0) throw bad(opt);
        c.interval = r;
        break;
      }
    }
  },
  // hashlimit_mt_check()
  fcheck(i, ctx, seen) {
    const c = i.cfg;
    const mult = i.mult ?? 1;
    if (!seen.includes('hashlimit-upto') && !seen.includes('hashlimit-above')) throw ctx.perr('You have to specify --hashlimit');
    if (!seen.includes('hashlimit-htable-expire')) c.expire = mult * 1000;
    if (c.mode & XT_HASHLIMIT_BYTES) {
      let burst = 0n;
      if (seen.includes('hashlimit-burst')) {
        const unit = costToBytes(c.avg);
        if (c.burst < unit) throw ctx.perr(`burst cannot be smaller than ${unit}b`);
        burst = c.burst / unit + (c.burst % unit ? 1n : 0n);
        if (!seen.includes('hashlimit-htable-expire')) c.expire = XT_HASHLIMIT_BYTE_EXPIRE_BURST * 1000;
      }
      c.burst = burst;
    } else if (c.burst > XT_HASHLIMIT_BURST_MAX) {
      throw ctx.perr(`bad value for option "--hashlimit-burst", or out of range (1-${XT_HASHLIMIT_BURST_MAX}).`);
    }
    if (seen.includes('hashlimit-rate-match')) {
      if (!(c.mode & XT_HASHLIMIT_BYTES)) c.avg /= BigInt(mult);
      if (c.interval === 0) c.interval = c.mode & XT_HASHLIMIT_BYTES ? 1 : mult;
    }
    delete i.mult;
  },
  print: (i) => show(i, false),
  save: (i) => show(i, true),
  check: (i) => hashlimitCheck(i),
}));
