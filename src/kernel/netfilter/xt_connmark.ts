// net/netfilter/xt_connmark.c: the connection's mark, matched (connmark) and set or copied
// to and from the packet's mark (CONNMARK).
import { xtRegisterMatch, xtRegisterTarget, XT_CONTINUE } from './x_tables.js';
import type { NfConn } from './nf_conntrack.js';

export interface ConnmarkMatchInfo {
  mark: number;
  mask: number;
  inv: boolean;
}

xtRegisterMatch<ConnmarkMatchInfo>({
  name: 'connmark',
  match(p, m) {
    const ct = p.skb.nfct as NfConn | undefined;
    if (!ct) return false;
    return (((ct.mark & m.mask) >>> 0) === m.mark) !== m.inv;
  },
});

/** struct xt_connmark_tginfo2: --set-xmark (ctmark = (ctmark & ~ctmask) ^ ctmark value),
 *  --save-mark and --restore-mark with their masks and shifts. */
export interface ConnmarkTgInfo {
  mode: 'set' | 'save' | 'restore';
  ctmark: number;
  ctmask: number;
  nfmask: number;
  shiftDir: 'left' | 'right';
  shiftBits: number;
}

xtRegisterTarget<ConnmarkTgInfo>({
  name: 'CONNMARK',
  target(p, i) {
    const ct = p.skb.nfct as NfConn | undefined;
    if (!ct) return XT_CONTINUE;
    const sh = (v: number) => (i.shiftDir === 'left' ? (v << i.shiftBits) : (v >>> i.shiftBits)) >>> 0;
    if (i.mode === 'set') {
      ct.mark = (((ct.mark & ~i.ctmask) ^ i.ctmark) >>> 0);
    } else if (i.mode === 'save') {
      const nm = sh((p.skb.mark & i.nfmask) >>> 0);
      ct.mark = (((ct.mark & ~i.ctmask) ^ nm) >>> 0);
    } else {
      const cm = sh((ct.mark & i.ctmask) >>> 0);
      p.skb.mark = (((p.skb.mark & ~i.nfmask) ^ cm) >>> 0);
    }
    return XT_CONTINUE;
  },
});
