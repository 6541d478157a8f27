// tcpdump's print-udp.c: UDP datagrams ("UDP, length N"; with -vv the IPv4 checksum, with -v
// the IPv6 one) and the decoders this world needs: VXLAN (4789), whose inner frame follows
// on the next line.
import { Buf, hex, inCksum, inCksumShouldbe, portString, type Ndo } from './netdissect.js';
import type { IpHdr } from './print-ip.js';
import { etherPrint } from './print-ether.js';
import { domainPrintShort } from './print-domain.js';
import { pseudoHeaderSum4, pseudoHeaderSum6 } from '../../wire/checksum.js';

const VXLAN_PORT = 4789;
const NAMESERVER_PORT = 53;

/** udpipaddr_print() */
function addrPrint(ndo: Ndo, ip: IpHdr, sport: number, dport: number): void {
  const isUdp = ip.v === 6 ? ip.h.u8(6) === 17 : ip.h.u8(9) === 17;
  if (isUdp) {
    if (sport < 0) ndo.out += `${ip.src} > ${ip.dst}: `;
    else ndo.out += `${ip.src}.${portString(ndo, sport, 'udp')} > ${ip.dst}.${portString(ndo, dport, 'udp')}: `;
  } else if (sport >= 0) {
    ndo.out += `${portString(ndo, sport, 'udp')} > ${portString(ndo, dport, 'udp')}: `;
  }
}

/** vxlan_print() */
function vxlanPrint(ndo: Ndo, p: Buf, len: number): void {
  ndo.protocol = 'vxlan';
  p.bytes(0, 8);
  const flags = p.u8(0);
  ndo.out += `VXLAN, flags [${flags & 0x08 ? 'I' : '.'}] (0x${hex(flags, 2)}), vni ${p.u24(4)}\n`;
  etherPrint(ndo, p.sub(8), len - 8);
}

/** udp_print() */
export function udpPrint(ndo: Ndo, p: Buf, length: number, ip: IpHdr, fragmented: boolean): void {
  ndo.protocol = 'udp';
  if (!p.has(0, 4)) {
    addrPrint(ndo, ip, -1, -1);
    ndo.out += '[|udp]';
    return;
  }
  const sport = p.u16(0), dport = p.u16(2);
  if (length < 8) {
    addrPrint(ndo, ip, sport, dport);
    ndo.out += `truncated-udp ${length}`;
    return;
  }
  let ulen = p.u16(4);
  if (ulen === 0 && length > 65535) ulen = length;
  if (ulen < 8) {
    addrPrint(ndo, ip, sport, dport);
    ndo.out += `truncated-udplength ${ulen}`;
    return;
  }
  ulen -= 8;
  length -= 8;
  if (ulen < length) length = ulen;
  addrPrint(ndo, ip, sport, dport);
  const data = p.sub(8);
  if (ndo.vflag && !ndo.Kflag && !fragmented) {
    const udpSum = p.u16(6);
    if (ip.v === 4 && ndo.vflag > 1) {
      if (udpSum === 0) ndo.out += '[no cksum] ';
      else if (p.has(8, length)) {
        const sum = inCksum(p.bytes(0, length + 8), pseudoHeaderSum4(ip.h.u32(12), ip.h.u32(16), 17, length + 8));
        ndo.out += sum !== 0 ? `[bad udp cksum 0x${hex(udpSum, 4)} -> 0x${hex(inCksumShouldbe(udpSum, sum), 4)}!] ` : '[udp sum ok] ';
      }
    } else if (ip.v === 6 && p.has(8, length)) {
      const sum = inCksum(p.bytes(0, length + 8), pseudoHeaderSum6(ip.h.bytes(8, 16), ip.h.bytes(24, 16), 17, length + 8));
      ndo.out += sum !== 0 ? `[bad udp cksum 0x${hex(udpSum, 4)} -> 0x${hex(inCksumShouldbe(udpSum, sum), 4)}!] ` : '[udp sum ok] ';
    }
  }
  if (!ndo.qflag && (sport === NAMESERVER_PORT || dport === NAMESERVER_PORT) && domainPrintShort(ndo, data, length)) return;
  if (!ndo.qflag && (sport === VXLAN_PORT || dport === VXLAN_PORT)) {
    vxlanPrint(ndo, data, length);
    return;
  }
  ndo.out += ulen > length && !fragmented ? `UDP, bad length ${ulen} > ${length}` : `UDP, length ${ulen}`;
}
