// libipt_ttl.c: the ttl match (--ttl-eq, --ttl-lt, --ttl-gt); and libipt_TTL.c: the TTL
// target (--ttl-set, --ttl-dec, --ttl-inc), valid in the mangle table only.
import { IPT_TTL_EQ, IPT_TTL_GT, IPT_TTL_LT, IPT_TTL_NE, type TtlInfo } from '../../../kernel/netfilter/xt_hl.js';
import { IPT_TTL_DEC, IPT_TTL_INC, IPT_TTL_SET, type TtlTgInfo } from '../../../kernel/netfilter/xt_hl.js';
import { registerMatch, registerTarget } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtCheck } from './hooks.js';
import { xtExt, parseUint } from './xtopt.js';

const ANY = ['ttl-eq', 'ttl-lt', 'ttl-gt'];

registerMatch(xtExt<TtlInfo>({
  name: 'ttl',
  family: NFPROTO_IPV4,
  // The enum puts ttl-eq first; the table lists ttl-lt, ttl-gt, ttl-eq and the alias ttl.
  options: [
    { name: 'ttl-lt', id: 1, excl: ANY },
    { name: 'ttl-gt', id: 2, excl: ANY },
    { name: 'ttl-eq', id: 0, excl: ANY, invert: true },
    { name: 'ttl', id: 0, excl: ANY },
  ],
  init: () => ({ mode: -1, ttl: 0 }),
  parse(opt, arg, inv, m, ctx) {
    m.ttl = parseUint('ttl', opt, arg, ctx, 0, 255);
    m.mode = opt === 'ttl-lt' ? IPT_TTL_LT : opt === 'ttl-gt' ? IPT_TTL_GT : inv ? IPT_TTL_NE : IPT_TTL_EQ;
  },
  fcheck(_m, ctx, seen) {
    if (seen.length === 0) throw ctx.perr("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
  },
  print: (m) => ` TTL match TTL ${['==', '!=', '<', '>'][m.mode]} ${m.ttl}`,
  save: (m) => [' --ttl-eq', ' ! --ttl-eq', ' --ttl-lt', ' --ttl-gt'][m.mode] + ` ${m.ttl}`,
}));

registerTarget(xtExt<TtlTgInfo>({
  name: 'TTL',
  family: NFPROTO_IPV4,
  options: [
    { name: 'ttl-set', excl: ['ttl-dec', 'ttl-inc'] },
    { name: 'ttl-dec', excl: ['ttl-set', 'ttl-inc'] },
    { name: 'ttl-inc', excl: ['ttl-set', 'ttl-dec'] },
  ],
  init: () => ({ mode: IPT_TTL_SET, ttl: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    t.ttl = parseUint('TTL', opt, arg, ctx, opt === 'ttl-set' ? 0 : 1, 255);
    t.mode = opt === 'ttl-set' ? IPT_TTL_SET : opt === 'ttl-dec' ? IPT_TTL_DEC : IPT_TTL_INC;
  },
  fcheck(_t, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('TTL: You must specify an action');
  },
  print: (t) => ` TTL ${['set to', 'increment by', 'decrement by'][t.mode]} ${t.ttl}`,
  save: (t) => ` --ttl-${['set', 'inc', 'dec'][t.mode]} ${t.ttl}`,
  // ttl_tg_check() is reached through the mangle-only table restriction of xt_TTL.
  check: (_t, { table, family }) => xtCheck.table(family, 'TTL target', 'mangle', table),
}));
