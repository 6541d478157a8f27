// icmp6_match() from net/ipv6/netfilter/ip6_tables.c: ICMPv6 type and code range (the
// "icmp6" match, IPv6 only).
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV6 } from './core.js';

/** struct ip6t_icmp */
export interface Icmp6Info {
  type: number;
  code: [number, number];
  inv: boolean;
}

xtRegisterMatch<Icmp6Info>({
  name: 'icmp6',
  family: NFPROTO_IPV6,
  match(p, m) {
    // Must not be a fragment; a header shorter than struct icmp6hdr (8 bytes) drops.
    if (p.fragoff !== 0) return false;
    if (p.thoff + 8 > p.buf.length) {
      p.hotdrop = true;
      return false;
    }
    const type = p.buf[p.thoff]!, code = p.buf[p.thoff + 1]!;
    // icmp6_type_code_match(): no "any" type here, unlike IPv4's 0xff.
    return (type === m.type && code >= m.code[0] && code <= m.code[1]) !== m.inv;
  },
});
