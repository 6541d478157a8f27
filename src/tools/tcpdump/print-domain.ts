// print-domain.c: DNS over UDP port 53. Only what comes before the message proper is
// printed here: a payload shorter than the 12-byte header is reported as invalid, as
// domain_print() does; a whole message is left to udp_print()'s plain "UDP, length N".
import type { Buf, Ndo } from './netdissect.js';

/** sizeof(dns_header_t) */
const DNS_HDRLEN = 12;

/** domain_print() for a message too short to hold a header; false when it is not. */
export function domainPrintShort(ndo: Ndo, _p: Buf, length: number): boolean {
  if (length >= DNS_HDRLEN) return false;
  ndo.protocol = 'domain';
  ndo.out += `domain [length ${length} < ${DNS_HDRLEN}] (invalid)`;
  return true;
}
