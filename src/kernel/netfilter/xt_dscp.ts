// net/netfilter/xt_dscp.c: the dscp and tos matches (dscp_mt(), tos_mt()) and the DSCP
// target (dscp_tg()), which rewrites the DS field with ipv4_change_dsfield().
import { xtRegisterMatch, xtRegisterTarget, XT_CONTINUE, type XtParam } from './x_tables.js';

/** struct xt_dscp_info */
export interface DscpInfo {
  dscp: number;
  invert: boolean;
}
/** struct xt_tos_match_info */
export interface TosInfo {
  tosMask: number;
  tosValue: number;
  invert: boolean;
}
/** struct xt_DSCP_info */
export interface DscpTgInfo {
  dscp: number;
}

xtRegisterMatch<DscpInfo>({
  name: 'dscp',
  match: (p, m) => ((p.buf[p.nh + 1]! >> 2) === m.dscp) !== m.invert,
});

xtRegisterMatch<TosInfo>({
  name: 'tos',
  match: (p, m) => ((p.buf[p.nh + 1]! & m.tosMask) === m.tosValue) !== m.invert,
});

/** ipv4_change_dsfield(): tos = (tos & mask) | value, with csum_replace2() on the header. */
export function ipv4ChangeDsfield(p: XtParam, mask: number, value: number): void {
  const b = p.buf, o = p.nh;
  const old = b[o + 1]!;
  const tos = (old & mask) | value;
  if (tos === old) return;
  b[o + 1] = tos;
  csumReplace2(b, o + 10, (b[o]! << 8) | old, (b[o]! << 8) | tos);
}

/** csum_replace2(): an incremental checksum update (RFC 1624) of the 16-bit word at `at`. */
export function csumReplace2(b: Uint8Array, at: number, from: number, to: number): void {
  let sum = (~((b[at]! << 8) | b[at + 1]!) & 0xffff) + (~from & 0xffff) + to;
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[at] = c >> 8;
  b[at + 1] = c & 0xff;
}

xtRegisterTarget<DscpTgInfo>({
  name: 'DSCP',
  target(p, t) {
    if ((p.buf[p.nh + 1]! >> 2) !== t.dscp) ipv4ChangeDsfield(p, 0x03, t.dscp << 2);
    return XT_CONTINUE;
  },
});
