// net/ipv6/exthdrs_core.c: ipv6_find_hdr(), the walk over a packet's extension headers that
// netfilter uses to find its upper-layer protocol (ip6tables' -p, nft's meta l4proto).
import {
  NEXTHDR_HOP, NEXTHDR_ROUTING, NEXTHDR_FRAGMENT, NEXTHDR_AUTH, NEXTHDR_NONE, NEXTHDR_DEST,
} from '../../wire/ipv6.js';

/** ipv6_ext_hdr(): the next-header values that are extension headers. */
export function ipv6ExtHdr(nexthdr: number): boolean {
  return nexthdr === NEXTHDR_HOP || nexthdr === NEXTHDR_ROUTING || nexthdr === NEXTHDR_FRAGMENT ||
    nexthdr === NEXTHDR_AUTH || nexthdr === NEXTHDR_NONE || nexthdr === NEXTHDR_DEST;
}

/** What ipv6_find_hdr() found: the protocol, the offset of its header in the buffer, and the
 *  fragment offset (non-zero: a later fragment, whose header is not in this packet). */
export interface Ipv6Hdr {
  proto: number;
  offset: number;
  fragoff: number;
}

/** ipv6_find_hdr() with target -1 (the upper-layer header): from the IPv6 header at `nh`,
 *  step over hop-by-hop, routing, fragment, AH and destination options headers. A later
 *  fragment stops at its fragment header and answers the protocol it names (offset: the
 *  fragment header's). Undefined when a header is cut short (-EBADMSG). */
export function ipv6FindHdr(b: Uint8Array, nh: number, end = b.length): Ipv6Hdr | undefined {
  let start = nh + 40;
  let nexthdr = b[nh + 6]!;
  for (;;) {
    if (!ipv6ExtHdr(nexthdr) || nexthdr === NEXTHDR_NONE) return { proto: nexthdr, offset: start, fragoff: 0 };
    if (start + 2 > end) return undefined;
    let hdrlen: number;
    if (nexthdr === NEXTHDR_FRAGMENT) {
      if (start + 4 > end) return undefined;
      const fragoff = ((b[start + 2]! << 8) | b[start + 3]!) & ~0x7;
      if (fragoff) {
        const next = b[start]!;
        // A later fragment: the upper-layer protocol named, no header to look at.
        if (!ipv6ExtHdr(next) || next === NEXTHDR_NONE) return { proto: next, offset: start, fragoff };
        return undefined;
      }
      hdrlen = 8;
    } else if (nexthdr === NEXTHDR_AUTH) {
      hdrlen = (b[start + 1]! + 2) << 2; // ipv6_authlen()
    } else {
      hdrlen = (b[start + 1]! + 1) << 3; // ipv6_optlen()
    }
    nexthdr = b[start]!;
    start += hdrlen;
  }
}
