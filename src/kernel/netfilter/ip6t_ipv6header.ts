// net/ipv6/netfilter/ip6t_ipv6header.c: which extension headers a packet has, exactly or at
// least (--soft) those asked for (ipv6header_mt6()).
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV6 } from './core.js';

export const MASK_HOPOPTS = 128, MASK_DSTOPTS = 64, MASK_ROUTING = 32, MASK_FRAGMENT = 16,
  MASK_AH = 8, MASK_ESP = 4, MASK_NONE = 2, MASK_PROTO = 1;

/** struct ip6t_ipv6header_info */
export interface Ipv6headerInfo {
  matchflags: number;
  invflags: number;
  modeflag: number;
}

/** The flag of each extension header type (nf_ip6_ext_hdr()'s, ESP and none included). */
const FLAG: Record<number, number> = { 0: MASK_HOPOPTS, 43: MASK_ROUTING, 44: MASK_FRAGMENT, 51: MASK_AH, 60: MASK_DSTOPTS };

xtRegisterMatch<Ipv6headerInfo>({
  name: 'ipv6header',
  family: NFPROTO_IPV6,
  match(p, m) {
    const b = p.buf;
    let nexthdr = b[p.nh + 6]!;
    let ptr = p.nh + 40;
    let len = b.length - ptr;
    let temp = 0;
    while (nexthdr in FLAG || nexthdr === 50 || nexthdr === 59) {
      if (nexthdr === 59) {
        temp |= MASK_NONE;
        break;
      }
      // Is there room for the next extension header?
      if (len < 2) return false;
      if (nexthdr === 50) {
        temp |= MASK_ESP;
        break;
      }
      const hdrlen = nexthdr === 44 ? 8 : nexthdr === 51 ? (b[ptr + 1]! + 2) << 2 : (b[ptr + 1]! + 1) << 3;
      temp |= FLAG[nexthdr]!;
      nexthdr = b[ptr]!;
      len -= hdrlen;
      ptr += hdrlen;
      if (ptr > b.length) break;
    }
    if (nexthdr !== 59 && nexthdr !== 50) temp |= MASK_PROTO;
    if (m.modeflag) return !((temp ^ m.matchflags ^ m.invflags) & m.matchflags);
    return m.invflags ? temp !== m.matchflags : temp === m.matchflags;
  },
});
