// icmp_match() from net/ipv4/netfilter/ip_tables.c: ICMP type and code range.
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV4 } from './core.js';

/** struct ipt_icmp: type 0xff means any type. */
export interface IcmpInfo {
  type: number;
  code: [number, number];
  inv: boolean;
}

xtRegisterMatch<IcmpInfo>({
  name: 'icmp',
  family: NFPROTO_IPV4,
  match(p, m) {
    if (p.fragoff !== 0) return false;
    if (p.thoff + 2 > p.buf.length) {
      p.hotdrop = true;
      return false;
    }
    const type = p.buf[p.thoff]!, code = p.buf[p.thoff + 1]!;
    const hit = m.type === 0xff || (type === m.type && code >= m.code[0] && code <= m.code[1]);
    return hit !== m.inv;
  },
});
