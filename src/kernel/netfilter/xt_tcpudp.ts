// net/netfilter/xt_tcpudp.c: the tcp and udp matches (port ranges, TCP flags and options).
import { xtRegisterMatch, u16, type XtParam } from './x_tables.js';

/** struct xt_tcp / xt_udp (flags and option are tcp's only). */
export interface TcpUdpInfo {
  /** Port ranges, replaced (never changed in place) when given. */
  spts: readonly [number, number];
  dpts: readonly [number, number];
  invSpt: boolean;
  invDpt: boolean;
  /** --tcp-flags: the flags examined and those that must be set among them. */
  flgMask: number;
  flgCmp: number;
  invFlags: boolean;
  /** --tcp-option: a TCP option kind that must be present (0: none asked). */
  option: number;
  invOption: boolean;
}

/** Every port: the range of a port not given, one array shared by every rule. */
const ANY_PORT: readonly [number, number] = [0, 0xffff];

export function tcpUdpInfo(): TcpUdpInfo {
  return {
    spts: ANY_PORT, dpts: ANY_PORT, invSpt: false, invDpt: false,
    flgMask: 0, flgCmp: 0, invFlags: false, option: 0, invOption: false,
  };
}

function portsMatch(p: XtParam, m: TcpUdpInfo): boolean {
  const sp = u16(p.buf, p.thoff), dp = u16(p.buf, p.thoff + 2);
  if ((sp >= m.spts[0] && sp <= m.spts[1]) === m.invSpt) return false;
  return (dp >= m.dpts[0] && dp <= m.dpts[1]) !== m.invDpt;
}

/** tcp_find_option(): walks the options for `kind`. A malformed list drops the packet. */
function tcpFindOption(p: XtParam, kind: number, doff: number): boolean {
  const b = p.buf;
  const end = p.thoff + doff;
  if (end > b.length) {
    p.hotdrop = true;
    return false;
  }
  for (let i = p.thoff + 20; i < end;) {
    const k = b[i]!;
    if (k === kind) return true;
    if (k < 2) {
      i++;
      continue;
    }
    const l = b[i + 1] ?? 0;
    i += l > 1 ? l : 1;
  }
  return false;
}

/** tcp_mt(): non-first fragments never match; a header shorter than 20 bytes drops. */
xtRegisterMatch<TcpUdpInfo>({
  name: 'tcp',
  match(p, m) {
    if (p.fragoff !== 0) return false;
    if (p.thoff + 20 > p.buf.length) {
      p.hotdrop = true;
      return false;
    }
    if (!portsMatch(p, m)) return false;
    const flags = p.buf[p.thoff + 13]!;
    if (((flags & m.flgMask) === m.flgCmp) === m.invFlags) return false;
    if (m.option) {
      const doff = (p.buf[p.thoff + 12]! >> 4) * 4;
      if (doff < 20) {
        p.hotdrop = true;
        return false;
      }
      if (tcpFindOption(p, m.option, doff) === m.invOption) return false;
    }
    return true;
  },
});

/** udp_mt() */
xtRegisterMatch<TcpUdpInfo>({
  name: 'udp',
  match(p, m) {
    if (p.fragoff !== 0) return false;
    if (p.thoff + 8 > p.buf.length) {
      p.hotdrop = true;
      return false;
    }
    return portsMatch(p, m);
  },
});
