// libip6t_icmp6.c: --icmpv6-type by name (icmpv6_codes[] of libxt_icmp.h, matched by
// case-insensitive prefix), TYPE or TYPE/CODE[:CODE], parsed and printed as libipt_icmp.c does
// (libxt_icmp.ts). The kernel takes the rule only with -p icmpv6 (xt_check_match(): the
// match's .proto).
import type { Icmp6Info } from '../../../kernel/netfilter/ip6t_icmp6.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { registerMatch } from './index.js';
import { xtExt } from './xtopt.js';
import { ICMPV6_CODES, parseIcmpType, printIcmpType, saveIcmpType } from './libxt_icmp.js';

const IPPROTO_ICMPV6 = 58;

registerMatch(xtExt<Icmp6Info>({
  name: 'icmp6',
  family: NFPROTO_IPV6,
  options: [{ name: 'icmpv6-type', mand: true, invert: true }],
  init: () => ({ type: 0, code: [0, 0xff], inv: false }),
  parse(_opt, arg, inv, m, ctx) {
    const [type, lo, hi] = parseIcmpType(ICMPV6_CODES, 'ICMPv6', arg, ctx.perr);
    Object.assign(m, { type, code: [lo, hi], inv });
  },
  // icmp6_print(): " ipv6-icmp" then the name, or "type N" right after it.
  print: (m, numeric) => printIcmpType(ICMPV6_CODES, ' ipv6-icmp', m.type, m.code, m.inv, numeric),
  save: (m) => `${m.inv ? ' !' : ''} --icmpv6-type ${saveIcmpType(m.type, m.code)}`,
  check: (_m, { entry }) => (entry.proto !== IPPROTO_ICMPV6 || entry.invProto ? 'Invalid argument' : undefined),
  same: (a, b) => a.code[1] === b.code[1],
}));
