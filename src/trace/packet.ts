// A packet in one line, as the trace shows it at each step: the addresses, ports and flags as
// they are at that moment (NAT rewrites them between two steps). Reads the bytes from the
// network header (or the link header when the skb has no network header yet).
import type { SkBuff } from '../kernel/core/skbuff.js';
import { formatIPv4, formatIPv6 } from '../wire/inet.js';
import { get16, get32 } from '../wire/bytes.js';
import { formatMac } from '../kernel/core/eth.js';

const ETH_P_IP = 0x0800, ETH_P_ARP = 0x0806, ETH_P_IPV6 = 0x86dd, ETH_P_8021Q = 0x8100;

const TCP_FLAGS = 'FSRPAUEC';

/** tcpdump's flag letters: [S], [S.], [R.], [F.], [P.] ("." is ACK). */
export function tcpFlagText(f: number): string {
  let s = '';
  for (let i = 0; i < 8; i++) if (f & (1 << i) && i !== 4) s += TCP_FLAGS[i]!;
  if (f & 0x10) s += '.';
  return `[${s || 'none'}]`;
}

const ICMP_NAMES: Record<number, string> = {
  0: 'echo reply', 3: 'unreachable', 5: 'redirect', 8: 'echo request', 11: 'time exceeded',
  12: 'parameter problem',
};

const ICMP_UNREACH: Record<number, string> = {
  0: 'net', 1: 'host', 2: 'protocol', 3: 'port', 4: 'frag needed', 9: 'net prohibited',
  10: 'host prohibited', 13: 'admin prohibited',
};

function l4(b: Uint8Array, th: number, end: number, proto: number, src: string, dst: string, v6: boolean): string {
  const room = end - th;
  if ((proto === 6 || proto === 17) && room >= 4) {
    const sep = v6 ? '.' : ':';
    const ends = `${src}${sep}${get16(b, th)} > ${dst}${sep}${get16(b, th + 2)}`;
    if (proto === 17) return `${ends} udp`;
    return room >= 14 ? `${ends} tcp ${tcpFlagText(b[th + 13]!)}` : `${ends} tcp`;
  }
  if (proto === 1 && room >= 4) {
    const type = b[th]!, code = b[th + 1]!;
    let what = ICMP_NAMES[type] ?? `type ${type}`;
    if (type === 3) what = `${ICMP_UNREACH[code] ?? `code ${code}`} unreachable`;
    else if (type !== 0 && type !== 8 && code) what += ` code ${code}`;
    if ((type === 0 || type === 8) && room >= 8) what += ` id ${get16(b, th + 4)} seq ${get16(b, th + 6)}`;
    return `${src} > ${dst} icmp ${what}`;
  }
  if (proto === 58 && room >= 2) return `${src} > ${dst} icmp6 type ${b[th]} code ${b[th + 1]}`;
  return `${src} > ${dst} proto ${proto}`;
}

/** The packet at `nh` (an IPv4, IPv6 or ARP header, by `proto`). */
function network(b: Uint8Array, nh: number, proto: number): string | undefined {
  if (proto === ETH_P_IP && b.length >= nh + 20) {
    const hl = (b[nh]! & 0x0f) * 4;
    const end = Math.min(b.length, nh + get16(b, nh + 2));
    const s = l4(b, nh + hl, end, b[nh + 9]!, formatIPv4(get32(b, nh + 12)), formatIPv4(get32(b, nh + 16)), false);
    return `${s} ttl ${b[nh + 8]}`;
  }
  if (proto === ETH_P_IPV6 && b.length >= nh + 40) {
    const src = formatIPv6(b.subarray(nh + 8, nh + 24)), dst = formatIPv6(b.subarray(nh + 24, nh + 40));
    return `${l4(b, nh + 40, b.length, b[nh + 6]!, src, dst, true)} hlim ${b[nh + 7]}`;
  }
  if (proto === ETH_P_ARP && b.length >= nh + 28) {
    const sip = formatIPv4(get32(b, nh + 14)), tip = formatIPv4(get32(b, nh + 24));
    return get16(b, nh + 6) === 1 ? `arp who-has ${tip} tell ${sip}` : `arp reply ${sip} is-at ${formatMac(b.subarray(nh + 8, nh + 14))}`;
  }
  return undefined;
}

/** One line describing the packet as it is now. */
export function describePacket(skb: SkBuff): string {
  const b = skb.buf;
  if (skb.networkOffset >= 0) {
    const s = network(b, skb.networkOffset, skb.protocol);
    if (s) return s;
  }
  // A frame not yet parsed past its link header (driver rx, bridge).
  let o = skb.macOffset >= 0 ? skb.macOffset : skb.off;
  if (b.length < o + 14) return `${skb.len} bytes`;
  let type = get16(b, o + 12);
  o += 14;
  if (type === ETH_P_8021Q && b.length >= o + 4) {
    type = get16(b, o + 2);
    o += 4;
  }
  return network(b, o, type) ?? `ethertype 0x${type.toString(16).padStart(4, '0')}, ${skb.len} bytes`;
}
