// libxt_iprange.c (revision 1, IPv4): --src-range / --dst-range IP[-IP].
// IPv4 only (family NFPROTO_IPV4): netsim's xt_iprange compares IPv4 addresses only.
import {
  IPRANGE_DST, IPRANGE_DST_INV, IPRANGE_SRC, IPRANGE_SRC_INV, type IprangeInfo,
} from '../../../kernel/netfilter/xt_iprange.js';
import { registerMatch, type ExtCtx } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt } from './xtopt.js';
import { fmtAddr } from './parse.js';

/** xtables_numeric_to_ipaddr(): one to four dotted parts, the missing ones zero. */
function ipv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length > 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return undefined;
  while (parts.length < 4) parts.push('0');
  return parts.reduce((a, p) => a * 256 + Number(p), 0);
}

/** iprange_parse_range() */
function parseRange(opt: string, arg: string, ctx: ExtCtx): [number, number] {
  const dash = arg.indexOf('-');
  const parts = dash < 0 ? [arg] : [arg.slice(0, dash), arg.slice(dash + 1)];
  const v = parts.map((s) => {
    const a = ipv4(s);
    if (a === undefined) throw ctx.perr(`iprange: Bad value for "--${opt}" option: "${s}"`);
    return a;
  });
  // A reversed range is accepted (xt_iprange warns that it never matches).
  return [v[0]!, v[1] ?? v[0]!];
}

registerMatch(xtExt<IprangeInfo>({
  name: 'iprange',
  family: NFPROTO_IPV4,
  options: [{ name: 'src-range', invert: true }, { name: 'dst-range', invert: true }],
  init: () => ({ srcMin: 0, srcMax: 0, dstMin: 0, dstMax: 0, flags: 0 }),
  parse(opt, arg, inv, m, ctx) {
    const [lo, hi] = parseRange(opt, arg, ctx);
    if (opt === 'src-range') {
      [m.srcMin, m.srcMax] = [lo, hi];
      m.flags |= IPRANGE_SRC | (inv ? IPRANGE_SRC_INV : 0);
    } else {
      [m.dstMin, m.dstMax] = [lo, hi];
      m.flags |= IPRANGE_DST | (inv ? IPRANGE_DST_INV : 0);
    }
  },
  fcheck(m, ctx) {
    if (!(m.flags & (IPRANGE_SRC | IPRANGE_DST))) {
      throw ctx.perr("iprange match: You must specify `--src-range' or `--dst-range'");
    }
  },
  print(m) {
    let s = '';
    if (m.flags & IPRANGE_SRC) s += ` source IP range${m.flags & IPRANGE_SRC_INV ? ' !' : ''} ${fmtAddr(m.srcMin)}-${fmtAddr(m.srcMax)}`;
    if (m.flags & IPRANGE_DST) s += ` destination IP range${m.flags & IPRANGE_DST_INV ? ' !' : ''} ${fmtAddr(m.dstMin)}-${fmtAddr(m.dstMax)}`;
    return s;
  },
  save(m) {
    let s = '';
    if (m.flags & IPRANGE_SRC) s += `${m.flags & IPRANGE_SRC_INV ? ' !' : ''} --src-range ${fmtAddr(m.srcMin)}-${fmtAddr(m.srcMax)}`;
    if (m.flags & IPRANGE_DST) s += `${m.flags & IPRANGE_DST_INV ? ' !' : ''} --dst-range ${fmtAddr(m.dstMin)}-${fmtAddr(m.dstMax)}`;
    return s;
  },
}));
