// libxt_mark.c (revision 1): the mark match, --mark value[/mask]; and libxt_MARK.c (revision
// 2): the MARK target's --set-xmark, --set-mark, --and-mark, --or-mark, --xor-mark, all kept as
// (mark, mask) for mark_tg(); iptables-save prints every form as --set-xmark.
import type { MarkMtInfo, MarkTgInfo } from '../../../kernel/netfilter/xt_mark.js';
import { registerMatch, registerTarget } from './index.js';
import { xtExt, parseMarkMask, parseUint, hex } from './xtopt.js';

/** print_mark(): the mask only when it is not all ones. */
const markStr = (m: MarkMtInfo) => hex(m.mark) + (m.mask !== 0xffffffff ? `/${hex(m.mask)}` : '');

registerMatch(xtExt<MarkMtInfo>({
  name: 'mark',
  options: [{ name: 'mark', mand: true, invert: true }],
  init: () => ({ mark: 0, mask: 0xffffffff, invert: false }),
  parse(opt, arg, inv, m, ctx) {
    [m.mark, m.mask] = parseMarkMask('mark', opt, arg, ctx);
    m.invert = inv;
  },
  print: (m) => ` mark match${m.invert ? ' !' : ''} ${markStr(m)}`,
  save: (m) => `${m.invert ? ' !' : ''} --mark ${markStr(m)}`,
}));


const ALL = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];

registerTarget(xtExt<MarkTgInfo>({
  name: 'MARK',
  // The ids follow libxt_MARK.c's enum (O_SET_MARK first): they order the exclusion message.
  options: [
    { name: 'set-xmark', id: 4, excl: ALL },
    { name: 'set-mark', id: 0, excl: ALL },
    { name: 'and-mark', id: 1, excl: ALL },
    { name: 'or-mark', id: 2, excl: ALL },
    { name: 'xor-mark', id: 3, excl: ALL },
  ],
  init: () => ({ mark: 0, mask: 0 }),
  // mark_tg_parse()
  parse(opt, arg, _inv, t, ctx) {
    if (opt === 'set-xmark' || opt === 'set-mark') {
      const [v, m] = parseMarkMask('MARK', opt, arg, ctx);
      t.mark = v;
      t.mask = opt === 'set-mark' ? (m | v) >>> 0 : m;
      return;
    }
    const v = parseUint('MARK', opt, arg, ctx);
    if (opt === 'and-mark') [t.mark, t.mask] = [0, (~v) >>> 0];
    else if (opt === 'or-mark') [t.mark, t.mask] = [v, v];
    else [t.mark, t.mask] = [v, 0];
  },
  // mark_tg_check()
  fcheck(_t, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
  },
  // mark_tg_print()
  print(t) {
    if (t.mark === 0) return ` MARK and ${hex(~t.mask)}`;
    if (t.mark === t.mask) return ` MARK or ${hex(t.mark)}`;
    if (t.mask === 0) return ` MARK xor ${hex(t.mark)}`;
    if (t.mask === 0xffffffff) return ` MARK set ${hex(t.mark)}`;
    return ` MARK xset ${hex(t.mark)}/${hex(t.mask)}`;
  },
  save: (t) => ` --set-xmark ${hex(t.mark)}/${hex(t.mask)}`,
}));
