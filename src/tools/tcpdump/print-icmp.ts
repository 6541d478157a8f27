// tcpdump's print-icmp.c: ICMP messages; with -v the checksum and, for errors, the quoted
// packet on a line of its own.
import { Buf, hex, inCksum, inCksumShouldbe, ipaddrString, portString, tok2str, type Ndo } from './netdissect.js';
import { ipPrint, type IpHdr } from './print-ip.js';

const ICMP2STR: Record<number, string> = {
  0: 'echo reply', 4: 'source quench', 8: 'echo request', 10: 'router solicitation',
  13: 'time stamp request', 14: 'time stamp reply', 15: 'information request', 16: 'information reply',
  17: 'address mask request',
};
const UNREACH2STR: Record<number, string> = {
  0: 'net %s unreachable', 1: 'host %s unreachable', 5: '%s unreachable - source route failed',
  6: 'net %s unreachable - unknown', 7: 'host %s unreachable - unknown',
  8: '%s unreachable - source host isolated', 9: 'net %s unreachable - admin prohibited',
  10: 'host %s unreachable - admin prohibited', 11: 'net %s unreachable - tos prohibited',
  12: 'host %s unreachable - tos prohibited', 13: 'host %s unreachable - admin prohibited filter',
  14: 'host %s unreachable - host precedence violation', 15: 'host %s unreachable - precedence cutoff',
};
const REDIRECT2STR: Record<number, string> = {
  0: 'redirect %s to net %s', 1: 'redirect %s to host %s', 2: 'redirect-tos %s to net %s', 3: 'redirect-tos %s to host %s',
};

/** ICMP_ERRTYPE() */
function isErr(t: number): boolean {
  return t === 3 || t === 4 || t === 5 || t === 11 || t === 12;
}

/** icmp_print() */
export function icmpPrint(ndo: Ndo, p: Buf, plen: number, _ip: IpHdr, fragmented: boolean): void {
  ndo.protocol = 'icmp';
  const type = p.u8(0), code = p.u8(1);
  let str: string;
  switch (type) {
    case 0: case 8:
      str = `echo ${type === 8 ? 'request' : 'reply'}, id ${p.u16(4)}, seq ${p.u16(6)}`;
      break;
    case 3: {
      const dst = ipaddrString(ndo, p.u32(24));
      switch (code) {
        case 2: str = `${dst} protocol ${p.u8(17)} unreachable`; break;
        case 3: {
          const hlen = (p.u8(8) & 0xf) * 4;
          const dport = p.u16(8 + hlen + 2);
          const proto = p.u8(17);
          str = proto === 6 ? `${dst} tcp port ${portString(ndo, dport, 'tcp')} unreachable`
            : proto === 17 ? `${dst} udp port ${portString(ndo, dport, 'udp')} unreachable`
              : `${dst} protocol ${proto} port ${dport} unreachable`;
          break;
        }
        case 4: {
          const mtu = p.u16(6);
          str = mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
          break;
        }
        default:
          str = (UNREACH2STR[code] ?? `#${code} %s unreachable`).replace('%s', dst);
      }
      break;
    }
    case 5: {
      const dst = ipaddrString(ndo, p.u32(24));
      str = (REDIRECT2STR[code] ?? `redirect-#${code} %s to net %s`).replace('%s', dst).replace('%s', ipaddrString(ndo, p.u32(4)));
      break;
    }
    case 11:
      p.u32(24);
      str = code === 0 ? 'time exceeded in-transit' : code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${code}`;
      break;
    case 12:
      str = code ? `parameter problem - code ${code}` : `parameter problem - octet ${p.u8(4)}`;
      break;
    case 13:
      str = `time stamp query id ${p.u16(4)} seq ${p.u16(6)}`;
      break;
    case 18:
      str = `address mask is 0x${hex(p.u32(8), 8)}`;
      break;
    default:
      str = tok2str(ICMP2STR, 'type-#%u', type);
  }
  ndo.out += `ICMP ${str}, length ${plen}`;
  if (ndo.vflag && !fragmented && p.has(0, plen)) {
    const sum = inCksum(p.bytes(0, plen));
    if (sum !== 0) {
      const icmpSum = p.u16(2);
      ndo.out += ` (wrong icmp cksum ${hex(icmpSum)} (->${hex(inCksumShouldbe(icmpSum, sum))})!)`;
    }
  }
  if (ndo.vflag >= 1 && isErr(type)) {
    ndo.out += '\n\t';
    const inner = p.sub(8);
    ipPrint(ndo, inner, inner.u16(2));
  }
}
