// net/ipv6/exthdrs_core.c: ipv6_find_hdr(), the walk over a packet's extension headers that
// netfilter uses to find its upper-layer protocol (ip6tables' -p, nft's meta l4proto) or one
// extension header (the rt and frag matches).
import {
  NEXTHDR_HOP, NEXTHDR_ROUTING, NEXTHDR_FRAGMENT, NEXTHDR_AUTH, NEXTHDR_NONE, NEXTHDR_DEST,
} from '../../wire/ipv6.js';
import { ENOENT } from '../errno.js';

export const EBADMSG = 74;

/** ipv6_ext_hdr(): the next-header values that are extension headers. */
export function ipv6ExtHdr(nexthdr: number): boolean {
  return nexthdr === NEXTHDR_HOP || nexthdr === NEXTHDR_ROUTING || nexthdr === NEXTHDR_FRAGMENT ||
    nexthdr === NEXTHDR_AUTH || nexthdr === NEXTHDR_NONE || nexthdr === NEXTHDR_DEST;
}

/** What ipv6_find_hdr() found: the protocol (header type), the offset of its header in the
 *  buffer, and the fragment offset (non-zero: a later fragment). */
export interface Ipv6Hdr {
  proto: number;
  offset: number;
  fragoff: number;
}

/** ipv6_find_hdr(): from the IPv6 header at `nh`, step over hop-by-hop, routing, fragment,
 *  AH and destination options headers to header `target`, or with target -1 to the
 *  upper-layer header (a later fragment stops at its fragment header and answers the protocol
 *  it names). -ENOENT when there is no such header (or it would be in a later fragment),
 *  -EBADMSG when a header is cut short. */
export function ipv6FindHdr(b: Uint8Array, nh: number, target = -1, end = b.length): Ipv6Hdr | number {
  let start = nh + 40;
  let nexthdr = b[nh + 6]!;
  let fragoff = 0;
  for (;;) {
    const found = nexthdr === target;
    if (!ipv6ExtHdr(nexthdr) || nexthdr === NEXTHDR_NONE) {
      if (target < 0 || found) break;
      return -ENOENT;
    }
    if (start + 2 > end) return -EBADMSG;
    const next = b[start]!;
    let hdrlen: number;
    if (nexthdr === NEXTHDR_FRAGMENT) {
      if (start + 4 > end) return -EBADMSG;
      const off = ((b[start + 2]! << 8) | b[start + 3]!) & ~0x7;
      if (off) {
        if (target < 0 && (!ipv6ExtHdr(next) || next === NEXTHDR_NONE)) return { proto: next, offset: start, fragoff: off };
        if (!found) return -ENOENT;
        fragoff = off;
        break;
      }
      hdrlen = 8;
    } else if (nexthdr === NEXTHDR_AUTH) {
      hdrlen = (b[start + 1]! + 2) << 2; // ipv6_authlen()
    } else {
      hdrlen = (b[start + 1]! + 1) << 3; // ipv6_optlen()
    }
    if (found) break;
    nexthdr = next;
    start += hdrlen;
  }
  return { proto: nexthdr, offset: start, fragoff };
}
