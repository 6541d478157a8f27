// net/netfilter/xt_mark.c: the mark match (mark_mt()) and the MARK target (mark_tg()).
import { xtRegisterMatch, xtRegisterTarget, XT_CONTINUE } from './x_tables.js';

/** struct xt_mark_mtinfo1 */
export interface MarkMtInfo {
  mark: number;
  mask: number;
  invert: boolean;
}

/** struct xt_mark_tginfo2 */
export interface MarkTgInfo {
  mark: number;
  mask: number;
}

/** mark_mt(): (skb->mark & mask) == mark, inverted on request. */
xtRegisterMatch<MarkMtInfo>({
  name: 'mark',
  match: (p, m) => ((((p.skb.mark & m.mask) >>> 0) === m.mark) !== m.invert),
});

/** mark_tg(): skb->mark = (skb->mark & ~mask) ^ mark. */
xtRegisterTarget<MarkTgInfo>({
  name: 'MARK',
  target(p, t) {
    p.skb.mark = ((p.skb.mark & ~t.mask) ^ t.mark) >>> 0;
    return XT_CONTINUE;
  },
});
