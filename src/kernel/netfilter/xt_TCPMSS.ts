// net/netfilter/xt_TCPMSS.c (IPv4): rewrites the MSS option of TCP SYNs to a fixed value or
// to the path MTU less 40 (--clamp-mss-to-pmtu), never raising it; a SYN without the option
// and without data gets one (at most 536), the IP total length and checksums follow.
import { xtRegisterTarget, XT_CONTINUE, u16 } from './x_tables.js';
import { NF_DROP, NF_INET_FORWARD, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv4/ip_input.js';
import { ipRouteOutput, rtMtu, type Rtable } from '../ipv4/route.js';
import { csumReplace2, csumReplace4 } from '../../wire/checksum.js';
import type { XtParam } from './x_tables.js';

/** info->mss of --clamp-mss-to-pmtu */
export const XT_TCPMSS_CLAMP_PMTU = 0xffff;
const TCPOPT_MSS = 2, TCPOLEN_MSS = 4;

/** struct xt_tcpmss_info */
export interface TcpmssInfo {
  mss: number;
}

/** tcpmss_tg4_check(): clamping needs the route, so only FORWARD, OUTPUT and POSTROUTING;
 *  the target is for TCP only (xt_check_target()'s proto test). */
export function tcpmssCheck(info: TcpmssInfo, hooks: readonly number[], proto: number, invProto: boolean): string | undefined {
  if (proto !== 6 || invProto) return 'Invalid argument';
  const ok = (1 << NF_INET_FORWARD) | (1 << NF_INET_LOCAL_OUT) | (1 << NF_INET_POST_ROUTING);
  if (info.mss === XT_TCPMSS_CLAMP_PMTU && hooks.some((h) => ((1 << h) & ~ok) !== 0)) return 'Invalid argument';
  return undefined;
}

const put16 = (b: Uint8Array, o: number, v: number) => {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
};

/** optlen(): EOL and NOP are one byte, as is a zero length. */
const optlen = (opt: Uint8Array, o: number): number => (opt[o]! <= 1 || opt[o + 1] === 0 ? 1 : opt[o + 1]!);

/** tcpmss_reverse_mtu(): the MTU of the route back to the sender (~0 without one). */
function reverseMtu(p: XtParam): number {
  const rt = ipRouteOutput(p.ns, { dst: p.saddr });
  return typeof rt === 'number' ? 0xffffffff : rtMtu(rt);
}

/** tcpmss_mangle_packet(): the bytes the option added (0 or 4), or -1 to drop. */
function mangle(p: XtParam, info: TcpmssInfo, minlen: number): number {
  if (p.fragoff !== 0) return 0;
  let b = p.skb.buf;
  const nh = p.nh, tcphoff = p.thoff;
  const ipEnd = nh + u16(b, nh + 2);
  const len = ipEnd - tcphoff;
  if (len < 20) return -1;
  const tcpHdrlen = (b[tcphoff + 12]! >> 4) * 4;
  if (len < tcpHdrlen || tcpHdrlen < 20) return -1;
  let newmss: number;
  if (info.mss === XT_TCPMSS_CLAMP_PMTU) {
    const dst = p.skb.dst as Rtable | undefined;
    const minMtu = Math.min(dst ? rtMtu(dst) : 0, reverseMtu(p));
    // "unknown or invalid path-MTU"
    if (minMtu <= minlen) return -1;
    newmss = minMtu - minlen;
  } else newmss = info.mss;
  const check = tcphoff + 16;
  for (let i = 20; i <= tcpHdrlen - TCPOLEN_MSS; i += optlen(b.subarray(tcphoff), i)) {
    const o = tcphoff + i;
    if (b[o] === TCPOPT_MSS && b[o + 1] === TCPOLEN_MSS) {
      const oldmss = u16(b, o + 2);
      // Never increase the MSS.
      if (oldmss <= newmss) return 0;
      put16(b, o + 2, newmss);
      put16(b, check, csumReplace2(u16(b, check), oldmss, newmss));
      return 0;
    }
  }
  // Data after the header, or no room left in doff: the SYN goes unmodified.
  if (len > tcpHdrlen || tcpHdrlen >= 15 * 4) return 0;
  // The option goes after the header (skb_put()); the kernel's default MSS without one is 536.
  const nb = new Uint8Array(b.length + TCPOLEN_MSS);
  nb.set(b.subarray(0, ipEnd));
  nb.set(b.subarray(ipEnd), ipEnd + TCPOLEN_MSS);
  p.skb.buf = b = nb;
  newmss = Math.min(newmss, 536);
  const opt = tcphoff + 20;
  // Moves whatever options there were (none past the header: len == tcpHdrlen).
  b.copyWithin(opt + TCPOLEN_MSS, opt, opt + len - 20);
  // The pseudo-header's length, the new option word, then the doff/flags word.
  put16(b, check, csumReplace2(u16(b, check), len, len + TCPOLEN_MSS));
  b[opt] = TCPOPT_MSS;
  b[opt + 1] = TCPOLEN_MSS;
  put16(b, opt + 2, newmss);
  const word = ((b[opt]! << 24) | (b[opt + 1]! << 16) | u16(b, opt + 2)) >>> 0;
  put16(b, check, csumReplace4(u16(b, check), 0, word));
  const oldval = u16(b, tcphoff + 12);
  b[tcphoff + 12] = b[tcphoff + 12]! + ((TCPOLEN_MSS / 4) << 4);
  put16(b, check, csumReplace2(u16(b, check), oldval, u16(b, tcphoff + 12)));
  return TCPOLEN_MSS;
}

xtRegisterTarget<TcpmssInfo>({
  name: 'TCPMSS',
  // tcpmss_tg4()
  target(p, info) {
    const ret = mangle(p, info, 20 + 20);
    if (ret < 0) return NF_DROP;
    if (ret > 0) {
      const b = p.skb.buf;
      const oldLen = u16(b, p.nh + 2);
      const newLen = oldLen + ret;
      put16(b, p.nh + 2, newLen);
      put16(b, p.nh + 10, csumReplace2(u16(b, p.nh + 10), oldLen, newLen));
      // The rest of the walk sees the new bytes.
      p.buf = b;
      p.len = newLen;
    }
    return XT_CONTINUE;
  },
});
