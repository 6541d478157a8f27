// tcpdump's print-igmp.c: the IGMP messages a host sends when it joins groups.
import { Buf, ipaddrString, type Ndo } from './netdissect.js';

/** igmp_print() */
export function igmpPrint(ndo: Ndo, p: Buf, len: number): void {
  ndo.protocol = 'igmp';
  const type = p.u8(0);
  switch (type) {
    case 0x11: {
      const mrc = p.u8(1);
      if (len === 8) {
        ndo.out += mrc === 0 ? 'igmp query v1' : `igmp query v2${mrc !== 100 ? ` [max resp time ${mrc}]` : ''}`;
        const g = p.u32(4);
        if (g) ndo.out += ` [gaddr ${ipaddrString(ndo, g)}]`;
      } else {
        ndo.out += 'igmp query v3';
        const g = p.u32(4);
        if (g) ndo.out += ` [gaddr ${ipaddrString(ndo, g)}]`;
      }
      break;
    }
    case 0x12: ndo.out += `igmp v1 report ${ipaddrString(ndo, p.u32(4))}`; break;
    case 0x16: ndo.out += `igmp v2 report ${ipaddrString(ndo, p.u32(4))}`; break;
    case 0x17: ndo.out += `igmp leave ${ipaddrString(ndo, p.u32(4))}`; break;
    case 0x22: {
      const n = p.u16(6);
      ndo.out += `igmp v3 report, ${n} group record(s)`;
      break;
    }
    default: ndo.out += `igmp-${type}`; break;
  }
}
