// libipt_icmp.c: --icmp-type by name (icmp_codes[] of libxt_icmp.h, matched by
// case-insensitive prefix; "any" for every type), TYPE or TYPE/CODE[:CODE] (libxt_icmp.ts).
import type { IcmpInfo } from '../../../kernel/netfilter/ipt_icmp.js';
import { registerMatch } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { ICMP_CODES, parseIcmpType, printIcmpType, saveIcmpType } from './libxt_icmp.js';

registerMatch<IcmpInfo>({
  name: 'icmp',
  family: NFPROTO_IPV4,
  opts: { 'icmp-type': true },
  // type -1: loaded, but --icmp-type (mandatory) not seen yet.
  init: () => ({ type: -1, code: [0, 0xff], inv: false }),
  parse(_opt, arg, inv, m, ctx) {
    const [type, lo, hi] = parseIcmpType(ICMP_CODES, 'ICMP', arg, ctx.perr);
    Object.assign(m, { type, code: [lo, hi], inv });
  },
  final(m, ctx) {
    if (m.type === -1) throw ctx.perr('icmp: option "--icmp-type" must be specified\n');
  },
  print: (m, numeric) => printIcmpType(ICMP_CODES, ' icmp', m.type, m.code, m.inv, numeric),
  save(m) {
    if (m.type === 0xff) return `${m.inv ? ' !' : ''} --icmp-type any`;
    return `${m.inv ? ' !' : ''} --icmp-type ${saveIcmpType(m.type, m.code)}`;
  },
});
