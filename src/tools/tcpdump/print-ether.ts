// tcpdump's print-ether.c: the Ethernet header (-e), 802.1Q tags, and ethertype_print(),
// which hands the payload to the printer of its ethertype.
import { Buf, ETHERTYPE_NAMES, Trunc, etheraddrString, hex, tok2str, type Ndo } from './netdissect.js';
import { arpPrint } from './print-arp.js';
import { ipPrint } from './print-ip.js';
import { ip6Print } from './print-ip6.js';
import { llcPrint } from './print-llc.js';

export const ETHERTYPE_IP = 0x0800, ETHERTYPE_ARP = 0x0806, ETHERTYPE_REVARP = 0x8035,
  ETHERTYPE_IPV6 = 0x86dd, ETHERTYPE_8021Q = 0x8100, ETHERTYPE_8021QINQ = 0x88a8, ETHERTYPE_8021Q9100 = 0x9100;
const MAX_ETHERNET_LENGTH_VAL = 1500;

/** ieee8021q_tci_string() */
function tciString(tci: number): string {
  return `vlan ${tci & 0xfff}, p ${tci >> 13}${tci & 0x1000 ? ', DEI' : ''}`;
}

/** ethertype_print(): false when the ethertype has no printer. */
export function ethertypePrint(ndo: Ndo, type: number, p: Buf, length: number): boolean {
  switch (type) {
    case ETHERTYPE_IP: ipPrint(ndo, p, length); return true;
    case ETHERTYPE_IPV6: ip6Print(ndo, p, length); return true;
    case ETHERTYPE_ARP: case ETHERTYPE_REVARP: arpPrint(ndo, p, length); return true;
    default: return false;
  }
}

/** "ethertype NAME (0xTYPE)", or just NAME with -q. */
function typeString(ndo: Ndo, type: number): string {
  const name = tok2str(ETHERTYPE_NAMES, 'Unknown', type);
  return ndo.qflag ? name : `ethertype ${name} (0x${hex(type, 4)})`;
}

/** ether_print(): the link header with -e, then the payload. Returns the header length. */
export function etherPrint(ndo: Ndo, p: Buf, wirelen: number): number {
  ndo.protocol = 'ether';
  if (p.length < 14) {
    ndo.out += '[|ether]';
    return p.length;
  }
  const src = p.bytes(6, 6), dst = p.bytes(0, 6);
  const hdr = () => `${etheraddrString(ndo, src)} > ${etheraddrString(ndo, dst)}, `;
  if (ndo.eflag) ndo.out += hdr();
  let type = p.u16(12);
  let q = p.sub(14);
  let length = wirelen - 14;
  let hdrlen = 14;
  let first = true;
  for (;;) {
    if (type <= MAX_ETHERNET_LENGTH_VAL) {
      // an 802.3 length field: LLC follows
      if (ndo.eflag) ndo.out += first ? `802.3, length ${type}: ` : '802.3, ';
      const len = Math.min(type, length);
      if (!llcPrint(ndo, q.sub(0, len), len)) {
        if (!ndo.eflag) ndo.out = ndo.out + hdr() + `802.3, length ${type}: `;
        return hdrlen;
      }
      return hdrlen + 3;
    }
    if (ndo.eflag) ndo.out += first ? `${typeString(ndo, type)}, length ${wirelen}: ` : `${typeString(ndo, type)}, `;
    first = false;
    if (type === ETHERTYPE_8021Q || type === ETHERTYPE_8021QINQ || type === ETHERTYPE_8021Q9100) {
      ndo.protocol = 'vlan';
      if (q.length < 4) throw new Trunc();
      if (ndo.eflag) ndo.out += `${tciString(q.u16(0))}, `;
      type = q.u16(2);
      q = q.sub(4);
      length -= 4;
      hdrlen += 4;
      continue;
    }
    if (!ethertypePrint(ndo, type, q, length)) {
      // no printer: the header (unless -e showed it) and the bytes
      if (!ndo.eflag) ndo.out += `${hdr()}${typeString(ndo, type)}, length ${wirelen}: `;
      defaultPrint(ndo, q);
    }
    return hdrlen;
  }
}

/** ND_DEFAULTPRINT(): the bytes of an undecoded payload, in hex. */
export function defaultPrint(ndo: Ndo, p: Buf): void {
  ndo.out += hexPrint('\n\t', p.b.subarray(p.off, p.end), 0);
}

/** hex_print_with_offset() */
export function hexPrint(ident: string, b: Uint8Array, oset: number): string {
  let s = '';
  let i = 0;
  for (; i + 1 < b.length; i += 2) {
    if ((i & 0x0f) === 0) s += `${ident}0x${hex(oset + i, 4)}: `;
    s += ` ${hex(b[i]!, 2)}${hex(b[i + 1]!, 2)}`;
  }
  if (i < b.length) {
    if ((i & 0x0f) === 0) s += `${ident}0x${hex(oset + i, 4)}: `;
    s += ` ${hex(b[i]!, 2)}`;
  }
  return s;
}

/** hex_and_ascii_print_with_offset() */
export function hexAsciiPrint(ident: string, b: Uint8Array, oset: number): string {
  let s = '';
  for (let line = 0; line < b.length; line += 16) {
    const chunk = b.subarray(line, line + 16);
    let hx = '', asc = '';
    for (let i = 0; i < chunk.length; i += 2) {
      hx += i + 1 < chunk.length ? ` ${hex(chunk[i]!, 2)}${hex(chunk[i + 1]!, 2)}` : ` ${hex(chunk[i]!, 2)}`;
    }
    for (const c of chunk) asc += c > 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    s += `${ident}0x${hex(oset + line, 4)}: ${hx.padEnd(40)}  ${asc}`;
  }
  return s;
}

/** ascii_print() (-A) */
export function asciiPrint(b: Uint8Array): string {
  let s = '\n';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 13) {
      if (b.length - (i + 1) > 1 && b[i + 1] !== 10) s += '.';
    } else if ((c > 0x20 && c < 0x7f) || c === 9 || c === 32 || c === 10) s += String.fromCharCode(c);
    else s += '.';
  }
  return s;
}
