// libxt_CT.c and libxt_NOTRACK.c: exempting packets from connection tracking, in the raw
// table only.
import type { CtTgInfo } from '../../../kernel/netfilter/xt_CT.js';
import { registerTarget } from './index.js';
import { xtExt } from './xtopt.js';
import { xtCheck } from './hooks.js';

const rawOnly = (name: string) => (_i: unknown, c: { table: string; family: number }) =>
  xtCheck.table(c.family, `${name} target`, 'raw', c.table);

registerTarget(xtExt<CtTgInfo>({
  name: 'CT',
  options: [{ name: 'notrack', noArg: true }, { name: 'zone' }],
  init: () => ({ notrack: false, zone: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    if (opt === 'notrack') t.notrack = true;
    else {
      if (!/^\d+$/.test(arg) || Number(arg) > 65535) throw ctx.perr(`CT: Bad value for "--zone" option: "${arg}"`);
      t.zone = Number(arg);
    }
  },
  print: (t) => (t.notrack ? ' CT notrack' : '') + (t.zone ? ` CT zone ${t.zone}` : ''),
  save: (t) => (t.notrack ? ' --notrack' : '') + (t.zone ? ` --zone ${t.zone}` : ''),
  check: rawOnly('CT'),
}));

registerTarget(xtExt<Record<string, never>>({
  name: 'NOTRACK',
  listName: 'CT',
  options: [],
  init: () => ({}),
  parse() {},
  print: () => ' NOTRACK',
  save: () => '',
  check: rawOnly('CT'),
}));
