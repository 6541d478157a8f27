// net/netfilter/xt_hl.c: the ttl match, comparing the IP TTL with a value (ttl_mt()), and its
// IPv6 twin hl on the hop limit (hl_mt6()); and net/netfilter/xt_HL.c: the TTL target
// (ttl_tg()), which sets, decrements or increments the TTL with the header checksum updated
// (csum_replace2()), and HL (hl_tg6()) for the hop limit, which no checksum covers. The
// targets are for the mangle table.
import { xtRegisterMatch, xtRegisterTarget, XT_CONTINUE } from './x_tables.js';
import { csumReplace2 } from './xt_dscp.js';
import { NFPROTO_IPV4, NFPROTO_IPV6 } from './core.js';

export const IPT_TTL_EQ = 0, IPT_TTL_NE = 1, IPT_TTL_LT = 2, IPT_TTL_GT = 3;

/** struct ipt_ttl_info */
export interface TtlInfo {
  mode: number;
  ttl: number;
}

xtRegisterMatch<TtlInfo>({
  name: 'ttl',
  family: NFPROTO_IPV4,
  match(p, m) {
    const ttl = p.buf[p.nh + 8]!;
    switch (m.mode) {
      case IPT_TTL_EQ: return ttl === m.ttl;
      case IPT_TTL_NE: return ttl !== m.ttl;
      case IPT_TTL_LT: return ttl < m.ttl;
      case IPT_TTL_GT: return ttl > m.ttl;
    }
    return false;
  },
});
export const IPT_TTL_SET = 0, IPT_TTL_INC = 1, IPT_TTL_DEC = 2;

/** struct ipt_TTL_info */
export interface TtlTgInfo {
  mode: number;
  ttl: number;
}

xtRegisterTarget<TtlTgInfo>({
  name: 'TTL',
  family: NFPROTO_IPV4,
  target(p, t) {
    const b = p.buf, o = p.nh;
    const old = b[o + 8]!;
    let ttl = old;
    if (t.mode === IPT_TTL_SET) ttl = t.ttl;
    else if (t.mode === IPT_TTL_INC) ttl = Math.min(255, old + t.ttl);
    else ttl = Math.max(0, old - t.ttl);
    if (ttl !== old) {
      b[o + 8] = ttl;
      csumReplace2(b, o + 10, (old << 8) | b[o + 9]!, (ttl << 8) | b[o + 9]!);
    }
    return XT_CONTINUE;
  },
});

/** struct ip6t_hl_info: the IP6T_HL_EQ/NE/LT/GT modes are the ttl match's numbers. */
export type HlInfo = TtlInfo;

xtRegisterMatch<HlInfo>({
  name: 'hl',
  family: NFPROTO_IPV6,
  match(p, m) {
    const hl = p.buf[p.nh + 7]!;
    switch (m.mode) {
      case IPT_TTL_EQ: return hl === m.ttl;
      case IPT_TTL_NE: return hl !== m.ttl;
      case IPT_TTL_LT: return hl < m.ttl;
      case IPT_TTL_GT: return hl > m.ttl;
    }
    return false;
  },
});

/** struct ip6t_HL_info: IP6T_HL_SET/INC/DEC are TTL's numbers. */
export type HlTgInfo = TtlTgInfo;

xtRegisterTarget<HlTgInfo>({
  name: 'HL',
  family: NFPROTO_IPV6,
  target(p, t) {
    const b = p.buf, o = p.nh + 7;
    const old = b[o]!;
    if (t.mode === IPT_TTL_SET) b[o] = t.ttl;
    else if (t.mode === IPT_TTL_INC) b[o] = Math.min(255, old + t.ttl);
    else b[o] = Math.max(0, old - t.ttl);
    return XT_CONTINUE;
  },
});
