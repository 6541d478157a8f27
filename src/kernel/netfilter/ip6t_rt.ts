// net/ipv6/netfilter/ip6t_rt.c: the routing header's type, segments left, length, and for
// type 0 its reserved field and addresses (rt_mt6()).
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV6 } from './core.js';
import { ipv6FindHdr } from '../ipv6/exthdrs_core.js';
import { ENOENT } from '../errno.js';

export const IP6T_RT_TYP = 0x01, IP6T_RT_SGS = 0x02, IP6T_RT_LEN = 0x04, IP6T_RT_RES = 0x08,
  IP6T_RT_FST = 0x10, IP6T_RT_FST_NSTRICT = 0x20;
export const IP6T_RT_INV_TYP = 0x01, IP6T_RT_INV_SGS = 0x02, IP6T_RT_INV_LEN = 0x04;

/** struct ip6t_rt */
export interface RtInfo {
  rtType: number;
  segsleft: [number, number];
  hdrlen: number;
  flags: number;
  invflags: number;
  addrs: Uint8Array[];
}

xtRegisterMatch<RtInfo>({
  name: 'rt',
  family: NFPROTO_IPV6,
  match(p, m) {
    const found = ipv6FindHdr(p.buf, p.nh, 43);
    if (typeof found === 'number') {
      if (found !== -ENOENT) p.hotdrop = true;
      return false;
    }
    const b = p.buf, ptr = found.offset;
    if (ptr + 4 > b.length) {
      p.hotdrop = true;
      return false;
    }
    const hdrlen = (b[ptr + 1]! + 1) * 8; // ipv6_optlen()
    // A packet shorter than the header says.
    if (b.length - ptr < hdrlen) return false;
    const sl = b[ptr + 3]!;
    let ret = ((sl >= m.segsleft[0] && sl <= m.segsleft[1]) !== ((m.invflags & IP6T_RT_INV_SGS) !== 0)) &&
      (!(m.flags & IP6T_RT_LEN) || ((m.hdrlen === hdrlen) !== ((m.invflags & IP6T_RT_INV_LEN) !== 0))) &&
      (!(m.flags & IP6T_RT_TYP) || ((m.rtType === b[ptr + 2]) !== ((m.invflags & IP6T_RT_INV_TYP) !== 0)));
    // Type 0: the reserved word after the fixed part.
    if (ret && m.flags & IP6T_RT_RES) ret = b[ptr + 4] === 0 && b[ptr + 5] === 0 && b[ptr + 6] === 0 && b[ptr + 7] === 0;
    if (!(m.flags & IP6T_RT_FST)) return ret;
    const n = Math.floor((hdrlen - 8) / 16);
    if (m.addrs.length > n) return false;
    const addrAt = (k: number, a: Uint8Array) => {
      const o = ptr + 8 + k * 16;
      for (let i = 0; i < 16; i++) if (b[o + i] !== a[i]) return false;
      return true;
    };
    if (m.flags & IP6T_RT_FST_NSTRICT) {
      // Each address of the list, in order, somewhere among the header's.
      let i = 0;
      for (let k = 0; k < n && i < m.addrs.length; k++) if (addrAt(k, m.addrs[i]!)) i++;
      return i === m.addrs.length ? ret : false;
    }
    // Strict: the header's addresses are the list.
    let k = 0;
    while (k < m.addrs.length && addrAt(k, m.addrs[k]!)) k++;
    return k === m.addrs.length && k === n ? ret : false;
  },
});
