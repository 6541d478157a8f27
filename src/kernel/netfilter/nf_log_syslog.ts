// net/netfilter/nf_log_syslog.c: the IPv4 and IPv6 loggers behind the LOG target. One
// kernel log line per packet, built field by field as nf_log_ip_packet() and
// nf_log_ip6_packet() do (nf_log_dump_packet_common(), dump_mac_header(), then
// dump_ipv4_packet() or dump_ipv6_packet() with their TCP/UDP/ICMP parts), every field
// followed by a space, so the line ends with one. Namespaces other than init_net log only
// while net.netfilter.nf_log_all_netns is set (nf_log_allowed()).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK } from '../core/if.js';
import { printk, KERN_SOH } from '../printk.js';
import { get16, get32 } from '../../wire/bytes.js';
import { formatIPv4 } from '../../wire/inet.js';
import {
  IPPROTO_AH, IPPROTO_ESP, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, IPV4_HLEN, IP_CE, IP_DF, IP_MF,
  IP_OFFSET,
} from '../../wire/ipv4.js';
import { TCP_HLEN } from '../../wire/tcp.js';
import {
  ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_PARAMETERPROB, ICMP_REDIRECT, ICMP_SOURCE_QUENCH,
  ICMP_TIME_EXCEEDED,
} from '../../wire/icmp.js';
import { ETH_HLEN } from '../../wire/ethernet.js';
import {
  NEXTHDR_AUTH, NEXTHDR_DEST, NEXTHDR_ESP, NEXTHDR_FRAGMENT, NEXTHDR_HOP, NEXTHDR_ICMP, NEXTHDR_NONE, NEXTHDR_ROUTING,
} from '../../wire/ipv6.js';
import {
  ICMPV6_DEST_UNREACH, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST, ICMPV6_MGM_QUERY, ICMPV6_MGM_REDUCTION,
  ICMPV6_MGM_REPORT, ICMPV6_PARAMPROB, ICMPV6_PKT_TOOBIG, ICMPV6_TIME_EXCEED,
} from '../../wire/icmpv6.js';
import { nfLogAllNetns, nfLogRegister, NFPROTO_IPV4, NFPROTO_IPV6, NF_LOG_TYPE_LOG, type NfLogInfo } from './nf_log.js';
import { skbSockCred } from './xt_owner.js';
import type { NfBridgeInfo } from '../bridge/br_netfilter_hooks.js';

/** include/uapi/linux/netfilter/nf_log.h */
export const NF_LOG_TCPSEQ = 0x01, NF_LOG_TCPOPT = 0x02, NF_LOG_IPOPT = 0x04, NF_LOG_UID = 0x08,
  NF_LOG_MACDECODE = 0x20;

const ICMP_FRAG_NEEDED = 4;
const NR_ICMP_TYPES = 18;
/** sizeof(struct icmphdr) */
const ICMP_HLEN = 8;
/** dump_ipv4_packet()'s required_len[]: the bytes an ICMP message of each type needs. */
const REQUIRED_LEN: Record<number, number> = {
  0: 4, 3: 8 + IPV4_HLEN, 4: 8 + IPV4_HLEN, 5: 8 + IPV4_HLEN, 8: 4, 11: 8 + IPV4_HLEN, 12: 8 + IPV4_HLEN,
  13: 20, 14: 20, 17: 12, 18: 12,
};

/** nf_log_allowed(): guards against containers flooding the log. */
function nfLogAllowed(ns: Netns): boolean {
  return ns === ns.kernel.initNet || nfLogAllNetns(ns.kernel) !== 0;
}

/** The packet as skb_header_pointer() sees it: offsets from the network header, `len` the
 *  bytes of skb->len past it. */
interface Pkt {
  b: Uint8Array;
  nh: number;
  len: number;
}

function has(p: Pkt, off: number, n: number): boolean {
  return off >= 0 && off + n <= p.len;
}

const hex2 = (v: number) => v.toString(16).padStart(2, '0');
const HEX2 = (v: number) => hex2(v).toUpperCase();

/** Option bytes as "%02X" each. */
function hexBytes(p: Pkt, off: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX2(p.b[p.nh + off + i]!);
  return s;
}

/** %pM */
function macStr(b: Uint8Array, o: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(hex2(b[o + i]!));
  return parts.join(':');
}

/** dev->hard_header_len of the device types that have a link header. */
function hardHeaderLen(dev: NetDevice): number {
  return dev.type === ARPHRD_ETHER || dev.type === ARPHRD_LOOPBACK ? ETH_HLEN : 0;
}

/** The flags of a TCP header's byte 13, in the order they are printed. */
const TCP_FLAGS: [number, string][] = [[0x80, 'CWR'], [0x40, 'ECE'], [0x20, 'URG'], [0x10, 'ACK'], [0x08, 'PSH'],
  [0x04, 'RST'], [0x02, 'SYN'], [0x01, 'FIN']];

/** nf_log_dump_tcp_header(); true when the line ends here. */
function dumpTcpHeader(p: Pkt, fragment: boolean, off: number, logflags: number): [string, boolean] {
  let m = 'PROTO=TCP ';
  if (fragment) return [m, false];
  if (!has(p, off, TCP_HLEN)) return [m + `INCOMPLETE [${p.len - off} bytes] `, true];
  const t = p.nh + off;
  const b = p.b;
  m += `SPT=${get16(b, t)} DPT=${get16(b, t + 2)} `;
  if (logflags & NF_LOG_TCPSEQ) m += `SEQ=${get32(b, t + 4)} ACK=${get32(b, t + 8)} `;
  m += `WINDOW=${get16(b, t + 14)} `;
  // TCP_RESERVED_BITS (0x0E000000 of the flag word) >> 22
  m += `RES=0x${hex2((b[t + 12]! & 0x0e) << 2)} `;
  const f = b[t + 13]!;
  if (b[t + 12]! & 0x01) m += 'AE ';
  for (const [bit, name] of TCP_FLAGS) if (f & bit) m += `${name} `;
  m += `URGP=${get16(b, t + 18)} `;
  const doff = (b[t + 12]! >> 4) * 4;
  if (logflags & NF_LOG_TCPOPT && doff > TCP_HLEN) {
    const optsize = doff - TCP_HLEN;
    if (!has(p, off + TCP_HLEN, optsize)) return [m + 'OPT (TRUNCATED)', true];
    m += `OPT (${hexBytes(p, off + TCP_HLEN, optsize)}) `;
  }
  return [m, false];
}

/** nf_log_dump_udp_header(); true when the line ends here. */
function dumpUdpHeader(p: Pkt, proto: number, fragment: boolean, off: number): [string, boolean] {
  let m = proto === IPPROTO_UDP ? 'PROTO=UDP ' : 'PROTO=UDPLITE ';
  if (fragment) return [m, false];
  if (!has(p, off, 8)) return [m + `INCOMPLETE [${p.len - off} bytes] `, true];
  const u = p.nh + off;
  m += `SPT=${get16(p.b, u)} DPT=${get16(p.b, u + 2)} LEN=${get16(p.b, u + 4)} `;
  return [m, false];
}

/** What dump_ipv4_packet() needs beyond the bytes. */
interface Ctx {
  skb: SkBuff;
  indev: NetDevice | undefined;
  logflags: number;
}

/** dump_ipv4_packet(): the IP header at `iphoff` (0: the packet's own; else the one an ICMP
 *  error quotes, which is dumped once, without UID and MARK). */
function dumpIpv4Packet(p: Pkt, c: Ctx, iphoff: number): string {
  if (!has(p, iphoff, IPV4_HLEN)) return 'TRUNCATED';
  const b = p.b;
  const h = p.nh + iphoff;
  const ihl = (b[h]! & 0x0f) * 4;
  const tos = b[h + 1]!;
  const fragOff = get16(b, h + 6);
  const proto = b[h + 9]!;
  let m = `SRC=${formatIPv4(get32(b, h + 12))} DST=${formatIPv4(get32(b, h + 16))} `;
  // iph_totlen(): tot_len (0 only for BIG TCP packets, which netsim does not build).
  m += `LEN=${get16(b, h + 2)} TOS=0x${HEX2(tos & 0x1e)} PREC=0x${HEX2(tos & 0xe0)} TTL=${b[h + 8]} ID=${get16(b, h + 4)} `;
  if (fragOff & IP_CE) m += 'CE ';
  if (fragOff & IP_DF) m += 'DF ';
  if (fragOff & IP_MF) m += 'MF ';
  const frag = fragOff & IP_OFFSET;
  if (frag) m += `FRAG:${frag} `;
  if (c.logflags & NF_LOG_IPOPT && ihl > IPV4_HLEN) {
    if (!has(p, iphoff + IPV4_HLEN, ihl - IPV4_HLEN)) return m + 'TRUNCATED';
    m += `OPT (${hexBytes(p, iphoff + IPV4_HLEN, ihl - IPV4_HLEN)}) `;
  }
  const th = iphoff + ihl;
  const rest = p.len - iphoff - ihl;
  switch (proto) {
    case IPPROTO_TCP: {
      const [s, end] = dumpTcpHeader(p, frag !== 0, th, c.logflags);
      m += s;
      if (end) return m;
      break;
    }
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE: {
      const [s, end] = dumpUdpHeader(p, proto, frag !== 0, th);
      m += s;
      if (end) return m;
      break;
    }
    case IPPROTO_ICMP: {
      m += 'PROTO=ICMP ';
      if (frag) break;
      if (!has(p, th, ICMP_HLEN)) {
        m += `INCOMPLETE [${rest} bytes] `;
        break;
      }
      const i = p.nh + th;
      const type = b[i]!;
      const code = b[i + 1]!;
      m += `TYPE=${type} CODE=${code} `;
      const need = type <= NR_ICMP_TYPES ? REQUIRED_LEN[type] : undefined;
      if (need && rest < need) {
        m += `INCOMPLETE [${rest} bytes] `;
        break;
      }
      switch (type) {
        case ICMP_ECHOREPLY:
        case ICMP_ECHO:
          m += `ID=${get16(b, i + 4)} SEQ=${get16(b, i + 6)} `;
          break;
        case ICMP_PARAMETERPROB:
          m += `PARAMETER=${b[i + 4]} `;
          break;
        case ICMP_REDIRECT:
        case ICMP_DEST_UNREACH:
        case ICMP_SOURCE_QUENCH:
        case ICMP_TIME_EXCEEDED:
          if (type === ICMP_REDIRECT) m += `GATEWAY=${formatIPv4(get32(b, i + 4))} `;
          // Only recurse once.
          if (!iphoff) m += `[${dumpIpv4Packet(p, c, th + ICMP_HLEN)}] `;
          if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) m += `MTU=${get16(b, i + 6)} `;
          break;
      }
      break;
    }
    case IPPROTO_AH:
      if (frag) break;
      m += 'PROTO=AH ';
      if (!has(p, th, 12)) m += `INCOMPLETE [${rest} bytes] `;
      else m += `SPI=0x${get32(b, p.nh + th + 4).toString(16)} `;
      break;
    case IPPROTO_ESP:
      m += 'PROTO=ESP ';
      if (frag) break;
      if (!has(p, th, 8)) m += `INCOMPLETE [${rest} bytes] `;
      else m += `SPI=0x${get32(b, p.nh + th).toString(16)} `;
      break;
    default:
      m += `PROTO=${proto} `;
  }
  if (iphoff) return m;
  if (c.logflags & NF_LOG_UID) {
    // nf_log_dump_sk_uid_gid(): the credentials of the socket's file, when it has one.
    const cred = skbSockCred(c.skb, c.indev, proto, b, p.nh + ihl);
    if (cred) m += `UID=${cred.uid} GID=${cred.gid} `;
  }
  if (c.skb.mark) m += `MARK=0x${(c.skb.mark >>> 0).toString(16)} `;
  return m;
}

/** dump_mac_header(): MAC= and the link header's bytes (MACSRC/MACDST/MACPROTO decoded with
 *  --log-macdecode on Ethernet). */
function dumpMacHeader(skb: SkBuff, dev: NetDevice, nh: number, logflags: number): string {
  const b = skb.buf;
  const mac = skb.macOffset;
  if (logflags & NF_LOG_MACDECODE && dev.type === ARPHRD_ETHER) {
    if (mac < 0 || nh - mac < ETH_HLEN) return '';
    return `MACSRC=${macStr(b, mac + 6)} MACDST=${macStr(b, mac)} MACPROTO=${hex2(b[mac + 12]!)}${hex2(b[mac + 13]!)} `;
  }
  let m = 'MAC=';
  const hl = hardHeaderLen(dev);
  if (hl && mac >= 0 && mac !== nh) {
    const parts: string[] = [];
    for (let i = 0; i < hl; i++) parts.push(hex2(b[mac + i]!));
    m += parts.join(':');
  }
  return m + ' ';
}

/** nf_log_dump_packet_common() and dump_mac_header() (for received packets): the start of
 *  every line. */
function packetCommon(skb: SkBuff, nh: number, indev: NetDevice | undefined, outdev: NetDevice | undefined,
  info: NfLogInfo, prefix: string): string {
  let m = `${KERN_SOH}${info.level}${prefix}IN=${indev?.name ?? ''} OUT=${outdev?.name ?? ''} `;
  // A bridged packet (br_netfilter): the bridge ports it came in and goes out on.
  const nb = skb.nfBridge as NfBridgeInfo | undefined;
  if (nb?.physindev && nb.physindev !== indev) m += `PHYSIN=${nb.physindev.name} `;
  if (nb?.physoutdev && nb.physoutdev !== outdev) m += `PHYSOUT=${nb.physoutdev.name} `;
  const dev = skb.dev ?? indev;
  if (indev && dev) m += dumpMacHeader(skb, dev, nh, info.logflags);
  return m;
}

/** nf_log_ip_packet() */
export function nfLogIpPacket(ns: Netns, _pf: number, _hooknum: number, skb: SkBuff, nh: number,
  indev: NetDevice | undefined, outdev: NetDevice | undefined, info: NfLogInfo, prefix: string): void {
  if (!nfLogAllowed(ns)) return;
  let m = packetCommon(skb, nh, indev, outdev, info, prefix);
  // skb->len from the network header: ip_rcv() trimmed a received packet to tot_len.
  let len = skb.buf.length - nh;
  const tot = len >= IPV4_HLEN ? get16(skb.buf, nh + 2) : 0;
  if (tot >= IPV4_HLEN && tot < len) len = tot;
  m += dumpIpv4Packet({ b: skb.buf, nh, len }, { skb, indev, logflags: info.logflags }, 0);
  printk(ns.kernel, m + '\n');
}

/** %pI6: eight groups of four hex digits, nothing left out. */
function ip6Str(b: Uint8Array, o: number): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(hex2(b[o + i]!) + hex2(b[o + i + 1]!));
  return g.join(':');
}

/** nf_ip6_ext_hdr() (ESP included, unlike ipv6_ext_hdr()) */
const EXT_HDRS = new Set([NEXTHDR_HOP, NEXTHDR_ROUTING, NEXTHDR_FRAGMENT, NEXTHDR_ESP, NEXTHDR_AUTH, NEXTHDR_NONE,
  NEXTHDR_DEST]);

/** dump_ipv6_packet(): the header at `ip6hoff`, its extension headers (shown with
 *  --log-ip-options, fragments always), then the upper layer; `recurse` is 0 inside the
 *  datagram an ICMPv6 error quotes. */
function dumpIpv6Packet(p: Pkt, c: Ctx, ip6hoff: number, recurse: boolean): string {
  if (!has(p, ip6hoff, 40)) return 'TRUNCATED';
  const b = p.b;
  const h = p.nh + ip6hoff;
  const ipopt = (c.logflags & NF_LOG_IPOPT) !== 0;
  const w = get32(b, h);
  let m = `SRC=${ip6Str(b, h + 8)} DST=${ip6Str(b, h + 24)} `;
  m += `LEN=${get16(b, h + 4) + 40} TC=${(w & 0x0ff00000) >>> 20} HOPLIMIT=${b[h + 7]} FLOWLBL=${w & 0xfffff} `;
  let fragment = false;
  let ptr = ip6hoff + 40;
  let cur = b[h + 6]!;
  while (cur !== NEXTHDR_NONE && EXT_HDRS.has(cur)) {
    if (!has(p, ptr, 2)) return m + 'TRUNCATED';
    const hp = p.nh + ptr;
    if (ipopt) m += 'OPT ( ';
    let hdrlen: number;
    switch (cur) {
      case NEXTHDR_FRAGMENT: {
        m += 'FRAG:';
        if (!has(p, ptr, 8)) return m + 'TRUNCATED ';
        const fo = get16(b, hp + 2);
        m += `${fo & 0xfff8} `;
        if (fo & 1) m += 'INCOMPLETE ';
        m += `ID:${get32(b, hp + 4).toString(16).padStart(8, '0')} `;
        if (fo & 0xfff8) fragment = true;
        hdrlen = 8;
        break;
      }
      case NEXTHDR_DEST:
      case NEXTHDR_ROUTING:
      case NEXTHDR_HOP:
        if (fragment) return ipopt ? m + ')' : m;
        hdrlen = (b[hp + 1]! + 1) << 3;
        break;
      case NEXTHDR_AUTH:
        if (ipopt) {
          m += 'AH ';
          if (fragment) return m + ')';
          if (!has(p, ptr, 12)) return m + `INCOMPLETE [${p.len - ptr} bytes] )`;
          m += `SPI=0x${get32(b, hp + 4).toString(16)} `;
        }
        hdrlen = (b[hp + 1]! + 2) << 2;
        break;
      case NEXTHDR_ESP:
        if (ipopt) {
          m += 'ESP ';
          if (fragment) return m + ')';
          if (!has(p, ptr, 8)) return m + `INCOMPLETE [${p.len - ptr} bytes] )`;
          m += `SPI=0x${get32(b, hp).toString(16)} )`;
        }
        return m;
      default:
        return m + `Unknown Ext Hdr ${cur}`;
    }
    if (ipopt) m += ') ';
    cur = b[hp]!;
    ptr += hdrlen;
  }
  switch (cur) {
    case IPPROTO_TCP: {
      const [s, end] = dumpTcpHeader(p, fragment, ptr, c.logflags);
      m += s;
      if (end) return m;
      break;
    }
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE: {
      const [s, end] = dumpUdpHeader(p, cur, fragment, ptr);
      m += s;
      if (end) return m;
      break;
    }
    case NEXTHDR_ICMP: {
      m += 'PROTO=ICMPv6 ';
      if (fragment) break;
      if (!has(p, ptr, 8)) return m + `INCOMPLETE [${p.len - ptr} bytes] `;
      const i = p.nh + ptr;
      const type = b[i]!;
      m += `TYPE=${type} CODE=${b[i + 1]} `;
      switch (type) {
        case ICMPV6_ECHO_REQUEST:
        case ICMPV6_ECHO_REPLY:
          m += `ID=${get16(b, i + 4)} SEQ=${get16(b, i + 6)} `;
          break;
        case ICMPV6_MGM_QUERY:
        case ICMPV6_MGM_REPORT:
        case ICMPV6_MGM_REDUCTION:
          break;
        case ICMPV6_PARAMPROB:
        case ICMPV6_DEST_UNREACH:
        case ICMPV6_PKT_TOOBIG:
        case ICMPV6_TIME_EXCEED:
          if (type === ICMPV6_PARAMPROB) m += `POINTER=${get32(b, i + 4).toString(16).padStart(8, '0')} `;
          if (recurse) m += `[${dumpIpv6Packet(p, c, ptr + 8, false)}] `;
          if (type === ICMPV6_PKT_TOOBIG) m += `MTU=${get32(b, i + 4)} `;
          break;
      }
      break;
    }
    default:
      m += `PROTO=${cur} `;
  }
  if (!recurse) return m;
  if (c.logflags & NF_LOG_UID) {
    const cred = skbSockCred(c.skb, c.indev, cur, b, p.nh + ptr);
    if (cred) m += `UID=${cred.uid} GID=${cred.gid} `;
  }
  if (c.skb.mark) m += `MARK=0x${(c.skb.mark >>> 0).toString(16)} `;
  return m;
}

/** nf_log_ip6_packet() */
export function nfLogIp6Packet(ns: Netns, _pf: number, _hooknum: number, skb: SkBuff, nh: number,
  indev: NetDevice | undefined, outdev: NetDevice | undefined, info: NfLogInfo, prefix: string): void {
  if (!nfLogAllowed(ns)) return;
  let m = packetCommon(skb, nh, indev, outdev, info, prefix);
  // skb->len from the network header: ipv6_rcv() trimmed a received packet to its payload.
  let len = skb.buf.length - nh;
  if (len >= 40) len = Math.min(len, 40 + get16(skb.buf, nh + 4));
  m += dumpIpv6Packet({ b: skb.buf, nh, len }, { skb, indev, logflags: info.logflags }, 0, true);
  printk(ns.kernel, m + '\n');
}

nfLogRegister(NFPROTO_IPV4, NF_LOG_TYPE_LOG, nfLogIpPacket);
nfLogRegister(NFPROTO_IPV6, NF_LOG_TYPE_LOG, nfLogIp6Packet);
