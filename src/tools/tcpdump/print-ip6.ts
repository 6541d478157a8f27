// tcpdump's print-ip6.c, print-ip6opts.c and print-frag6.c: the IPv6 header (with -v its
// fields on the same line), hop-by-hop and destination options, and fragment headers.
import { Buf, IPPROTO_NAMES, Trunc, hex, ip6addrString, tok2str, type Ndo } from './netdissect.js';
import { ipDemuxPrint, type IpHdr } from './print-ip.js';

/** ip6_opt_print() */
function optPrint(ndo: Ndo, p: Buf, len: number): void {
  let s = '';
  for (let i = 0; i < len;) {
    const t = p.u8(i);
    const optlen = t === 0 ? 1 : p.u8(i + 1) + 2;
    switch (t) {
      case 0: s += '(pad1)'; break;
      case 1: s += '(padn)'; break;
      case 5: s += `(rtalert: 0x${hex(p.u16(i + 2), 4)}) `; break;
      case 0xc2: s += `(jumbo: ${p.u32(i + 2)}) `; break;
      default: s += `(opt_type 0x${hex(t, 2)}: len=${p.u8(i + 1)})`; break;
    }
    i += optlen;
  }
  ndo.out += `${s} `;
}

/** ip6_print() */
export function ip6Print(ndo: Ndo, p: Buf, length: number): void {
  ndo.protocol = 'ip6';
  if (!p.has(0, 40)) {
    ndo.out += 'IP6';
    throw new Trunc();
  }
  if (length < 40) {
    ndo.out += `IP6 truncated-ip6 ${length}`;
    return;
  }
  if (!ndo.eflag) ndo.out += 'IP6 ';
  const flow = p.u32(0);
  if (flow >>> 28 !== 6) {
    ndo.out += `version error: ${flow >>> 28} != 6`;
    return;
  }
  const plen = p.u16(4);
  let len = length;
  if (plen !== 0) {
    len = plen + 40;
    if (len > length) ndo.out += `[header+payload length ${len} > length ${length}] (invalid) `;
  }
  const ip6 = p.sub(0, Math.min(length, len));
  let nh = ip6.u8(6);
  if (ndo.vflag) {
    ndo.out += '(';
    if (flow & 0x0ff00000) ndo.out += `class 0x${hex((flow & 0x0ff00000) >>> 20, 2)}, `;
    if (flow & 0x000fffff) ndo.out += `flowlabel 0x${hex(flow & 0x000fffff, 5)}, `;
    ndo.out += `hlim ${ip6.u8(7)}, next-header ${tok2str(IPPROTO_NAMES, 'unknown', nh)} (${nh}) payload length: ${plen}) `;
  }
  const src = ip6addrString(ndo, ip6.bytes(8, 16)), dst = ip6addrString(ndo, ip6.bytes(24, 16));
  const hdr: IpHdr = { v: 6, h: ip6, src, dst, nh: ip6.u8(6) };
  let off = 40;
  len -= 40;
  let fragmented = false;
  if (nh !== 6 && nh !== 17 && nh !== 33 && nh !== 132) ndo.out += `${src} > ${dst}: `;
  for (let guard = 0; guard < 32; guard++) {
    const q = ip6.sub(off);
    let advance: number;
    switch (nh) {
      case 0: case 60: {
        // hbhopt_process() / dstopt_process()
        advance = (q.u8(1) + 1) * 8;
        ndo.out += nh === 0 ? 'HBH ' : 'DSTOPT ';
        if (ndo.vflag) optPrint(ndo, q.sub(2), advance - 2);
        nh = q.u8(0);
        break;
      }
      case 44: {
        // frag6_print()
        const offlg = q.u16(2);
        const size = 40 + plen - off - 8;
        ndo.out += ndo.vflag ? `frag (0x${hex(q.u32(4), 8)}:${offlg & 0xfff8}|${size})` : `frag (${offlg & 0xfff8}|${size})`;
        if ((offlg & 0xfff8) !== 0) return;
        ndo.out += ' ';
        advance = 8;
        fragmented = true;
        nh = q.u8(0);
        break;
      }
      case 43: {
        advance = (q.u8(1) + 1) * 8;
        ndo.out += `srcrt (len=${q.u8(1)}, type=${q.u8(2)}, segleft=${q.u8(3)}) `;
        nh = q.u8(0);
        break;
      }
      default:
        ipDemuxPrint(ndo, q, len, hdr, nh, fragmented);
        return;
    }
    if (len < advance) throw new Trunc();
    off += advance;
    len -= advance;
    ndo.protocol = 'ip6';
  }
}
