// net/netfilter/nf_conntrack_proto_icmpv6.c: the ICMPv6 tracker. Echo and node information
// queries open connections (their replies are the reply direction); neighbour discovery and
// MLD messages are never tracked (noct_valid_new[]: the packet is marked untracked, so that
// stateful rulesets see them as UNTRACKED); errors are RELATED to the connection of the
// packet they quote (nf_conntrack_core.ts finds it). The tuple is the same as ICMP's: the
// echo id, and type/code.
import { internetChecksum, pseudoHeaderSum6 } from '../../wire/checksum.js';

/** The ICMPv6 types this tracker knows by name. */
export const ICMPV6_ECHO_REQUEST = 128, ICMPV6_ECHO_REPLY = 129, ICMPV6_NI_QUERY = 139;
export const NDISC_REDIRECT = 137;

/** valid_new[] of nf_conntrack_icmpv6_packet(): the types that may start a connection. */
export const ICMPV6_VALID_NEW = new Set([ICMPV6_ECHO_REQUEST, ICMPV6_NI_QUERY]);

/** noct_valid_new[]: MLD query/report/done (130-132), router and neighbour solicitations and
 *  advertisements (133-136) and MLDv2 reports (143). Redirects (137) are not among them. */
const ICMPV6_NOCT = new Set([130, 131, 132, 133, 134, 135, 136, 143]);

/** What nf_conntrack_icmpv6_error() makes of an ICMPv6 message before the connection lookup:
 *  'short' and 'checksum' are invalid, 'untracked' marks the packet IP_CT_UNTRACKED, 'error'
 *  is looked up by the packet it quotes (nf_conntrack_inet_error()), and undefined goes on to
 *  the ordinary lookup (queries and their replies, and unknown types). */
export type Icmpv6Verdict = 'short' | 'checksum' | 'untracked' | 'error' | undefined;

/** nf_conntrack_icmpv6_error() for the ICMPv6 header at `off` of `b` (the IPv6 header at `nh`),
 *  `len` bytes long with what follows. The checksum is checked only where the stack has not
 *  checked it yet (PRE_ROUTING, `checksum`: net.netfilter.nf_conntrack_checksum). */
export function nfConntrackIcmpv6Error(b: Uint8Array, nh: number, off: number, len: number, checksum: boolean): Icmpv6Verdict {
  if (off + 8 > b.length) return 'short';
  // nf_ip6_checksum(): over the pseudo-header with the addresses of the IPv6 header.
  if (checksum && internetChecksum(b, off, len, pseudoHeaderSum6(b, b, 58, len, nh + 8, nh + 24)) !== 0) return 'checksum';
  const type = b[off]!;
  if (ICMPV6_NOCT.has(type)) return 'untracked';
  // "is not error message ?": informational types (128 and up) are tracked as themselves.
  return type >= 128 ? undefined : 'error';
}
