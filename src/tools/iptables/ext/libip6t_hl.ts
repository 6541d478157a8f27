// libip6t_hl.c: the hl match (--hl-eq, --hl-lt, --hl-gt); and libip6t_HL.c: the HL target
// (--hl-set, --hl-dec, --hl-inc), valid in the mangle table only. The IPv6 twins of
// libipt_ttl.ts, on the hop limit.
import { IPT_TTL_EQ, IPT_TTL_GT, IPT_TTL_LT, IPT_TTL_NE, type HlInfo } from '../../../kernel/netfilter/xt_hl.js';
import { IPT_TTL_DEC, IPT_TTL_INC, IPT_TTL_SET, type HlTgInfo } from '../../../kernel/netfilter/xt_hl.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { registerMatch, registerTarget } from './index.js';
import { xtCheck } from './hooks.js';
import { xtExt, parseUint } from './xtopt.js';

const ANY = ['hl-eq', 'hl-lt', 'hl-gt'];

registerMatch(xtExt<HlInfo>({
  name: 'hl',
  family: NFPROTO_IPV6,
  // The enum puts hl-eq first; the table lists hl-lt, hl-gt, then hl-eq.
  options: [
    { name: 'hl-lt', id: 1, excl: ANY },
    { name: 'hl-gt', id: 2, excl: ANY },
    { name: 'hl-eq', id: 0, excl: ANY, invert: true },
  ],
  init: () => ({ mode: -1, ttl: 0 }),
  parse(opt, arg, inv, m, ctx) {
    m.ttl = parseUint('hl', opt, arg, ctx, 0, 255);
    m.mode = opt === 'hl-lt' ? IPT_TTL_LT : opt === 'hl-gt' ? IPT_TTL_GT : inv ? IPT_TTL_NE : IPT_TTL_EQ;
  },
  fcheck(_m, ctx, seen) {
    if (seen.length === 0) throw ctx.perr("HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'");
  },
  print: (m) => ` HL match HL ${['==', '!=', '<', '>'][m.mode]} ${m.ttl}`,
  save: (m) => [' --hl-eq', ' ! --hl-eq', ' --hl-lt', ' --hl-gt'][m.mode] + ` ${m.ttl}`,
}));

registerTarget(xtExt<HlTgInfo>({
  name: 'HL',
  family: NFPROTO_IPV6,
  options: [
    { name: 'hl-set', excl: ['hl-dec', 'hl-inc'] },
    { name: 'hl-dec', excl: ['hl-set', 'hl-inc'] },
    { name: 'hl-inc', excl: ['hl-set', 'hl-dec'] },
  ],
  init: () => ({ mode: IPT_TTL_SET, ttl: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    t.ttl = parseUint('HL', opt, arg, ctx, opt === 'hl-set' ? 0 : 1, 255);
    t.mode = opt === 'hl-set' ? IPT_TTL_SET : opt === 'hl-dec' ? IPT_TTL_DEC : IPT_TTL_INC;
  },
  fcheck(_t, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('HL: You must specify an action');
  },
  print: (t) => ` HL ${['set to', 'increment by', 'decrement by'][t.mode]} ${t.ttl}`,
  save: (t) => ` --hl-${['set', 'inc', 'dec'][t.mode]} ${t.ttl}`,
  check: (_t, { table, family }) => xtCheck.table(family, 'HL target', 'mangle', table),
}));
