// net/ipv6/netfilter/ip6t_frag.c: the fragment header's identification range, reserved
// bits, first fragment, more fragments or last (frag_mt6()). Its length is never compared.
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV6 } from './core.js';
import { ipv6FindHdr } from '../ipv6/exthdrs_core.js';
import { ENOENT } from '../errno.js';

export const IP6T_FRAG_IDS = 0x01, IP6T_FRAG_LEN = 0x02, IP6T_FRAG_RES = 0x04, IP6T_FRAG_FST = 0x08,
  IP6T_FRAG_MF = 0x10, IP6T_FRAG_NMF = 0x20;
export const IP6T_FRAG_INV_IDS = 0x01, IP6T_FRAG_INV_LEN = 0x02;

/** struct ip6t_frag */
export interface FragInfo {
  ids: [number, number];
  hdrlen: number;
  flags: number;
  invflags: number;
}

xtRegisterMatch<FragInfo>({
  name: 'frag',
  family: NFPROTO_IPV6,
  match(p, m) {
    const found = ipv6FindHdr(p.buf, p.nh, 44);
    if (typeof found === 'number') {
      if (found !== -ENOENT) p.hotdrop = true;
      return false;
    }
    const b = p.buf, o = found.offset;
    if (o + 8 > b.length) {
      p.hotdrop = true;
      return false;
    }
    const fragOff = (b[o + 2]! << 8) | b[o + 3]!;
    const id = ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0;
    return ((id >= m.ids[0] && id <= m.ids[1]) !== ((m.invflags & IP6T_FRAG_INV_IDS) !== 0)) &&
      !(m.flags & IP6T_FRAG_RES && (b[o + 1] !== 0 || fragOff & 0x6)) &&
      !(m.flags & IP6T_FRAG_FST && fragOff & ~0x7) &&
      !(m.flags & IP6T_FRAG_MF && !(fragOff & 1)) &&
      !(m.flags & IP6T_FRAG_NMF && fragOff & 1);
  },
});
