// libxt_connmark.c (revision 1) and libxt_CONNMARK.c (revision 2).
import type { ConnmarkMatchInfo, ConnmarkTgInfo } from '../../../kernel/netfilter/xt_connmark.js';
import { registerMatch, registerTarget } from './index.js';
import { xtExt, parseMarkMask, parseUint, hex } from './xtopt.js';

const markStr = (v: number, m: number) => hex(v) + (m !== 0xffffffff ? `/${hex(m)}` : '');

registerMatch(xtExt<ConnmarkMatchInfo>({
  name: 'connmark',
  options: [{ name: 'mark', mand: true, invert: true }],
  init: () => ({ mark: 0, mask: 0xffffffff, inv: false }),
  parse(opt, arg, inv, m, ctx) {
    [m.mark, m.mask] = parseMarkMask('connmark', opt, arg, ctx);
    m.inv = inv;
  },
  print: (m) => ` connmark match ${m.inv ? '!' : ''} ${markStr(m.mark, m.mask)}`,
  save: (m) => `${m.inv ? ' !' : ''} --mark ${markStr(m.mark, m.mask)}`,
}));

const SETS = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'save-mark', 'restore-mark'];
const ALL = 0xffffffff;

registerTarget(xtExt<ConnmarkTgInfo>({
  name: 'CONNMARK',
  options: [
    { name: 'set-xmark', excl: SETS }, { name: 'set-mark', excl: SETS }, { name: 'and-mark', excl: SETS },
    { name: 'or-mark', excl: SETS }, { name: 'xor-mark', excl: SETS }, { name: 'save-mark', noArg: true, excl: SETS },
    { name: 'restore-mark', noArg: true, excl: SETS }, { name: 'mask' }, { name: 'nfmask' }, { name: 'ctmask' },
  ],
  init: () => ({ mode: 'set', ctmark: 0, ctmask: ALL, nfmask: ALL, shiftDir: 'left', shiftBits: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    switch (opt) {
      case 'set-xmark': case 'set-mark': {
        const [v, m] = parseMarkMask('CONNMARK', opt, arg, ctx);
        t.mode = 'set';
        t.ctmark = v;
        t.ctmask = opt === 'set-mark' ? (v | m) >>> 0 : m;
        break;
      }
      case 'and-mark': case 'or-mark': case 'xor-mark': {
        const v = parseUint('CONNMARK', opt, arg, ctx);
        t.mode = 'set';
        if (opt === 'and-mark') [t.ctmark, t.ctmask] = [0, (~v) >>> 0];
        else if (opt === 'or-mark') [t.ctmark, t.ctmask] = [v, v];
        else [t.ctmark, t.ctmask] = [v, 0];
        break;
      }
      case 'save-mark': case 'restore-mark':
        t.mode = opt === 'save-mark' ? 'save' : 'restore';
        break;
      case 'mask':
        t.nfmask = t.ctmask = parseUint('CONNMARK', opt, arg, ctx);
        break;
      case 'nfmask':
        t.nfmask = parseUint('CONNMARK', opt, arg, ctx);
        break;
      case 'ctmask':
        t.ctmask = parseUint('CONNMARK', opt, arg, ctx);
        break;
    }
  },
  fcheck(_t, ctx, seen) {
    if (!SETS.some((s) => seen.includes(s))) {
      throw ctx.perr('CONNMARK target: No operation specified');
    }
  },
  print(t) {
    if (t.mode === 'set') {
      if (t.ctmark === 0) return ` CONNMARK and ${hex(~t.ctmask)}`;
      if (t.ctmark === t.ctmask) return ` CONNMARK or ${hex(t.ctmark)}`;
      if (t.ctmask === 0) return ` CONNMARK xor ${hex(t.ctmark)}`;
      if (t.ctmask === ALL) return ` CONNMARK set ${hex(t.ctmark)}`;
      return ` CONNMARK xset ${hex(t.ctmark)}/${hex(t.ctmask)}`;
    }
    if (t.mode === 'save') {
      if (t.nfmask === ALL && t.ctmask === ALL) return ' CONNMARK save';
      if (t.nfmask === t.ctmask) return ` CONNMARK save mask ${hex(t.nfmask)}`;
      return ` CONNMARK save nfmask ${hex(t.nfmask)} ctmask ~${hex(t.ctmask)}`;
    }
    if (t.ctmask === ALL && t.nfmask === ALL) return ' CONNMARK restore';
    if (t.ctmask === t.nfmask) return ` CONNMARK restore mask ${hex(t.ctmask)}`;
    return ` CONNMARK restore ctmask ${hex(t.ctmask)} nfmask ~${hex(t.nfmask)}`;
  },
  save(t) {
    if (t.mode === 'set') return ` --set-xmark ${hex(t.ctmark)}/${hex(t.ctmask)}`;
    return ` --${t.mode}-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
  },
}));
