// tcpdump's print-ip.c: the IPv4 header (with -v its fields, options and checksum), and
// ip_demux_print(), which hands the payload to the printer of its protocol.
import { Buf, IPPROTO_NAMES, bittok2str, hex, inCksum, inCksumShouldbe, ipaddrString, tok2str, type Ndo } from './netdissect.js';
import { PROTOCOLS } from '../iptables/names.js';
import { tcpPrint } from './print-tcp.js';
import { udpPrint } from './print-udp.js';
import { icmpPrint } from './print-icmp.js';
import { icmp6Print } from './print-icmp6.js';
import { ip6Print } from './print-ip6.js';
import { igmpPrint } from './print-igmp.js';

export const IP_MF = 0x2000, IP_DF = 0x4000, IP_RES = 0x8000, IP_OFFMASK = 0x1fff;

const FRAG_FLAGS: [number, string][] = [[IP_MF, '+'], [IP_DF, 'DF'], [IP_RES, 'rsvd']];
const IPOPT_NAMES: Record<number, string> = {
  0: 'EOL', 1: 'NOP', 7: 'RR', 68: 'TS', 130: 'SECURITY', 131: 'LSRR', 133: 'E-SEC', 134: 'CIPSO',
  136: 'SID', 137: 'SSRR', 148: 'RA',
};

/** The network-layer header a transport printer needs (the IPv4 or IPv6 one). */
export interface IpHdr {
  v: 4 | 6;
  /** The header's bytes. */
  h: Buf;
  src: string;
  dst: string;
  /** The protocol field (IPv4) / the IPv6 header's next header. */
  nh: number;
}

/** getprotobynumber() as netdb_protoname() uses it. */
function protoName(nh: number): string | undefined {
  for (const [n, v] of Object.entries(PROTOCOLS)) if (v === nh) return n;
  return undefined;
}

/** ip_optprint() */
function ipOptPrint(ndo: Ndo, p: Buf, length: number): void {
  let o = 0;
  let first = true;
  while (o < length) {
    const code = p.u8(o);
    ndo.out += (first ? '' : ',') + tok2str(IPOPT_NAMES, 'unknown %u', code);
    first = false;
    let len = 1;
    if (code !== 0 && code !== 1) {
      len = p.u8(o + 1);
      if (len < 2 || len > length - o) {
        ndo.out += ` [bad length ${len}]`;
        return;
      }
    }
    if (code === 0) return;
    if (code === 148 && len >= 4 && p.u16(o + 2) !== 0) ndo.out += ` value ${p.u16(o + 2)}`;
    o += len;
  }
}

/** ip_print() */
export function ipPrint(ndo: Ndo, p: Buf, length: number): void {
  ndo.protocol = 'ip';
  const vhl = p.u8(0);
  if (vhl >> 4 !== 4) {
    ndo.out += vhl >> 4 === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${vhl >> 4}`;
    ndo.out += ' (invalid)';
    return;
  }
  if (!ndo.eflag) ndo.out += 'IP ';
  if (length < 20) {
    ndo.out += `truncated-ip ${length}`;
    return;
  }
  p.u32(16); // the whole fixed header must be there
  const hlen = (vhl & 0xf) * 4;
  if (hlen < 20) {
    ndo.out += `bad-hlen ${hlen}`;
    return;
  }
  let len = p.u16(2);
  if (len > length) ndo.out += `[total length ${len} > length ${length}] (invalid) `;
  if (len < hlen) {
    if (len) {
      ndo.out += `bad-len ${len}`;
      return;
    }
    len = length; // presumed TSO
  }
  const ip = p.sub(0, Math.min(length, len));
  const off = ip.u16(6);
  const nh = ip.u8(9);
  if (ndo.vflag) {
    const tos = ip.u8(1);
    ndo.out += `(tos 0x${hex(tos)}`;
    ndo.out += ['', ',ECT(1)', ',ECT(0)', ',CE'][tos & 3];
    const ttl = ip.u8(8);
    if (ttl >= 1) ndo.out += `, ttl ${ttl}`;
    ndo.out += `, id ${ip.u16(4)}, offset ${(off & IP_OFFMASK) * 8}, flags [${bittok2str(FRAG_FLAGS, 'none', off & (IP_RES | IP_DF | IP_MF))}]`;
    ndo.out += `, proto ${tok2str(IPPROTO_NAMES, 'unknown', nh)} (${nh})`;
    ndo.out += p.u16(2) === 0 ? `, length ${len} [was 0, presumed TSO]` : `, length ${p.u16(2)}`;
    if (hlen > 20) {
      ndo.out += ', options (';
      ipOptPrint(ndo, ip.sub(20), hlen - 20);
      ndo.out += ')';
    }
    if (!ndo.Kflag && ip.has(0, hlen)) {
      const sum = inCksum(ip.bytes(0, hlen));
      if (sum !== 0) {
        const ipSum = ip.u16(10);
        ndo.out += `, bad cksum ${hex(ipSum)} (->${hex(inCksumShouldbe(ipSum, sum))})!`;
      }
    }
    ndo.out += ')\n    ';
  }
  const src = ipaddrString(ndo, ip.u32(12)), dst = ipaddrString(ndo, ip.u32(16));
  const hdr: IpHdr = { v: 4, h: ip, src, dst, nh };
  if ((off & IP_OFFMASK) === 0) {
    if (nh !== 6 && nh !== 17 && nh !== 132 && nh !== 33) ndo.out += `${src} > ${dst}: `;
    ipDemuxPrint(ndo, ip.sub(hlen), len - hlen, hdr, nh, (off & IP_MF) !== 0);
  } else {
    ndo.out += `${src} > ${dst}:`;
    const name = ndo.nflag ? undefined : protoName(nh);
    ndo.out += name ? ` ${name}` : ` ip-proto-${nh}`;
  }
}

/** ip_demux_print() */
export function ipDemuxPrint(ndo: Ndo, p: Buf, length: number, ip: IpHdr, nh: number, fragmented: boolean): void {
  switch (nh) {
    case 6: tcpPrint(ndo, p, length, ip, fragmented); return;
    case 17: udpPrint(ndo, p, length, ip, fragmented); return;
    case 1:
      if (ip.v === 4) icmpPrint(ndo, p, length, ip, fragmented);
      else ndo.out += 'ICMP in IPv6?';
      return;
    case 58:
      if (ip.v === 6) icmp6Print(ndo, p, length, ip, fragmented);
      else ndo.out += 'ICMPv6 in IPv4?';
      return;
    case 2: igmpPrint(ndo, p, length); return;
    case 4: ipPrint(ndo, p, length); return;
    case 41: ip6Print(ndo, p, length); return;
    case 59: ndo.out += 'no next header'; return;
    default: {
      const name = ndo.nflag ? undefined : protoName(nh);
      ndo.out += name ? ` ${name}` : ` ip-proto-${nh}`;
      ndo.out += ` ${length}`;
    }
  }
}
