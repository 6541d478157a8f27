// libxt_length.c: --length MIN[:MAX].
import type { LengthInfo } from '../../../kernel/netfilter/xt_length.js';
import { registerMatch } from './index.js';
import { xtExt, strtoul } from './xtopt.js';

const range = (m: LengthInfo) => (m.min === m.max ? `${m.min}` : `${m.min}:${m.max}`);

registerMatch(xtExt<LengthInfo>({
  name: 'length',
  options: [{ name: 'length', mand: true, invert: true }],
  init: () => ({ min: 0, max: 0xffff, invert: false }),
  // XTTYPE_UINT16RC
  parse(opt, arg, inv, m, ctx) {
    const parts = arg.split(':');
    if (parts.length > 2) throw ctx.perr(`length: Too many components for option "--${opt}" (max: 2)\n`);
    const vals = parts.map((s, k) => {
      if (s === '' && parts.length === 2) return k === 0 ? 0 : 0xffff;
      const v = strtoul(s);
      if (v === undefined || v > 0xffff || parts.length > 2) {
        throw ctx.perr(`length: bad value for option "--${opt}" near "${s}", or out of range (0-65535).\n`);
      }
      return v;
    });
    m.min = vals[0]!;
    m.max = vals.length > 1 ? vals[1]! : vals[0]!;
    m.invert = inv;
  },
  print: (m) => ` length ${m.invert ? '!' : ''}${range(m)}`,
  save: (m) => `${m.invert ? ' !' : ''} --length ${range(m)}`,
}));
