// tcpdump's print-sll.c: Linux "cooked" captures, as libpcap delivers them for the "any"
// device. LINUX_SLL2 lines start with the interface name and the direction; with -e the
// cooked header follows (ifindex, source address, ethertype, length).
import { Buf, ETHERTYPE_NAMES, etheraddrString, hex, tok2str, type Ndo } from './netdissect.js';
import { defaultPrint, ethertypePrint } from './print-ether.js';

export const SLL_HDR_LEN = 16, SLL2_HDR_LEN = 20;
const PKTTYPES: Record<number, string> = { 0: 'In', 1: 'B', 2: 'M', 3: 'P', 4: 'Out' };

function typeText(type: number): string {
  if (type <= 1500) return type === 1 ? '802.3' : type === 4 ? '802.2' : `ethertype Unknown (0x${hex(type, 4)})`;
  return `ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', type)} (0x${hex(type, 4)})`;
}

/** The payload after a cooked header, through the ethertype printers; returns the length of
 *  the VLAN tags it went past. */
function payload(ndo: Ndo, type: number, p: Buf, length: number, header: () => void): number {
  if (type === 0x8100 && p.length >= 4) {
    if (ndo.eflag) ndo.out += `vlan ${p.u16(0) & 0xfff}, p ${p.u16(0) >> 13}${p.u16(0) & 0x1000 ? ', DEI' : ''}, `;
    const inner = p.u16(2);
    if (!ndo.qflag) ndo.out += `ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', inner)}, `;
    return 4 + payload(ndo, inner, p.sub(4), length - 4, header);
  }
  if (type <= 1500 || !ethertypePrint(ndo, type, p, length)) {
    if (!ndo.eflag) header();
    defaultPrint(ndo, p);
  }
  return 0;
}

/** sll2_if_print() */
export function sll2Print(ndo: Ndo, p: Buf, wirelen: number): number {
  ndo.protocol = 'sll2_if';
  if (p.length < SLL2_HDR_LEN) {
    ndo.out += ' [|sll2_if]';
    return p.length;
  }
  const type = p.u16(0), ifindex = p.u32(4), pkttype = p.u8(10), halen = p.u8(11);
  ndo.out += `${(ndo.ifname(ifindex) ?? '?').padEnd(5)} ${tok2str(PKTTYPES, '?', pkttype).padEnd(3)} `;
  const header = () => {
    ndo.out += `ifindex ${ifindex} `;
    if (halen === 6) ndo.out += `${etheraddrString(ndo, p.bytes(12, 6))} `;
    if (!ndo.qflag) ndo.out += `${typeText(type)}, length ${wirelen}: `;
  };
  if (ndo.eflag) header();
  return SLL2_HDR_LEN + payload(ndo, type, p.sub(SLL2_HDR_LEN), wirelen - SLL2_HDR_LEN, header);
}

/** sll_if_print() */
export function sllPrint(ndo: Ndo, p: Buf, wirelen: number): number {
  ndo.protocol = 'sll';
  if (p.length < SLL_HDR_LEN) {
    ndo.out += ' [|sll]';
    return p.length;
  }
  const pkttype = p.u16(0), halen = p.u16(4), type = p.u16(14);
  const header = () => {
    ndo.out += `${tok2str(PKTTYPES, '?', pkttype).padStart(3)} `;
    if (halen === 6) ndo.out += `${etheraddrString(ndo, p.bytes(6, 6))} `;
    if (!ndo.qflag) ndo.out += `${typeText(type)}, length ${wirelen}: `;
  };
  if (ndo.eflag) header();
  return SLL_HDR_LEN + payload(ndo, type, p.sub(SLL_HDR_LEN), wirelen - SLL_HDR_LEN, header);
}
