// net/netfilter/xt_iprange.c: source and/or destination address within an inclusive range
// (iprange_mt4()).
import { xtRegisterMatch } from './x_tables.js';

export const IPRANGE_SRC = 1, IPRANGE_DST = 2, IPRANGE_SRC_INV = 0x10, IPRANGE_DST_INV = 0x20;

/** struct xt_iprange_mtinfo (host-order addresses) */
export interface IprangeInfo {
  srcMin: number;
  srcMax: number;
  dstMin: number;
  dstMax: number;
  flags: number;
}

xtRegisterMatch<IprangeInfo>({
  name: 'iprange',
  match(p, m) {
    if (m.flags & IPRANGE_SRC) {
      const out = p.saddr < m.srcMin || p.saddr > m.srcMax;
      if (out !== ((m.flags & IPRANGE_SRC_INV) !== 0)) return false;
    }
    if (m.flags & IPRANGE_DST) {
      const out = p.daddr < m.dstMin || p.daddr > m.dstMax;
      if (out !== ((m.flags & IPRANGE_DST_INV) !== 0)) return false;
    }
    return true;
  },
});
