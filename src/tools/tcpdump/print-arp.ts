// tcpdump's print-arp.c: ARP and RARP over Ethernet/IPv4.
import { Buf, ETHERTYPE_NAMES, etheraddrString, hex, ipaddrString, macString, tok2str, type Ndo } from './netdissect.js';

const ARPOPS: Record<number, string> = {
  1: 'Request', 2: 'Reply', 3: 'Reverse Request', 4: 'Reverse Reply', 8: 'Inverse Request',
  9: 'Inverse Reply', 10: 'NACK Reply',
};
const ARPHRD: Record<number, string> = {
  1: 'Ethernet', 6: 'TokenRing', 7: 'ArcNet', 15: 'FrameRelay', 19: 'ATM', 23: 'Strip Radio',
  24: 'IEEE 1394', 32: 'InfiniBand', 24000: 'FrameRelay',
};

/** arp_print() */
export function arpPrint(ndo: Ndo, p: Buf, length: number): void {
  ndo.protocol = 'arp';
  const hrd = p.u16(0), pro = p.u16(2), hln = p.u8(4), pln = p.u8(5), op = p.u16(6);
  const sha = 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  if (!p.has(tpa, pln)) {
    ndo.out += '[|ARP]';
    return;
  }
  if (!ndo.eflag) ndo.out += 'ARP, ';
  if ((pro !== 0x0800 && pro !== 0x1000) || pln !== 4 || hln === 0 || ndo.vflag) {
    ndo.out += `${tok2str(ARPHRD, 'Unknown Hardware (%u)', hrd)} (len ${hln}), ` +
      `${ETHERTYPE_NAMES[pro] ?? `Unknown Protocol (0x${hex(pro, 4)})`} (len ${pln})`;
    if (!ndo.vflag) {
      ndo.out += `, length ${length}`;
      return;
    }
  }
  ndo.out += `${ndo.vflag ? ', ' : ''}${tok2str(ARPOPS, 'Unknown (%u)', op)} `;
  const ll = (o: number) => (hln === 6 ? etheraddrString(ndo, p.bytes(o, 6)) : macString(p.bytes(o, hln)));
  const ip = (o: number) => {
    if (pro !== 0x0800 && pro !== 0x1000) return '<wrong proto type>';
    if (pln !== 4) return '<wrong len>';
    return ipaddrString(ndo, p.u32(o));
  };
  switch (op) {
    case 1: {
      ndo.out += `who-has ${ip(tpa)}`;
      if (p.bytes(tha, hln).some((b) => b !== 0)) ndo.out += ` (${ll(tha)})`;
      ndo.out += ` tell ${ip(spa)}`;
      break;
    }
    case 2: ndo.out += `${ip(spa)} is-at ${ll(sha)}`; break;
    case 3: ndo.out += `who-is ${ll(tha)} tell ${ll(sha)}`; break;
    case 4: ndo.out += `${ll(tha)} at ${ip(tpa)}`; break;
    case 8: ndo.out += `who-is ${ll(tha)} tell ${ll(sha)}`; break;
    case 9: ndo.out += `${ll(sha)} at ${ip(spa)}`; break;
    default: break;
  }
  ndo.out += `, length ${length}`;
}
