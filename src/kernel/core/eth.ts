// net/ethernet/eth.c: eth_type_trans() and eth_header(), byte-level on skb.buf.
import type { NetDevice } from './netdevice.js';
import { SkBuff, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST, PACKET_HOST } from './skbuff.js';

export const ETH_HLEN = 14;
export const ETH_P_IP = 0x0800, ETH_P_ARP = 0x0806, ETH_P_IPV6 = 0x86dd, ETH_P_8021Q = 0x8100;
export const BROADCAST_MAC = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

export function macEqual(a: Uint8Array, aOff: number, b: Uint8Array): boolean {
  return a[aOff] === b[0] && a[aOff + 1] === b[1] && a[aOff + 2] === b[2] &&
    a[aOff + 3] === b[3] && a[aOff + 4] === b[4] && a[aOff + 5] === b[5];
}

/** eth_type_trans(): classifies the frame for `dev`, pulls the header, returns the protocol. */
export function ethTypeTrans(skb: SkBuff, dev: NetDevice): number {
  const b = skb.buf;
  const o = skb.off;
  skb.dev = dev;
  skb.macOffset = o;
  if (b[o]! & 1) {
    skb.pktType = b[o] === 0xff && macEqual(b, o, BROADCAST_MAC) ? PACKET_BROADCAST : PACKET_MULTICAST;
  } else {
    skb.pktType = macEqual(b, o, dev.addr) ? PACKET_HOST : PACKET_OTHERHOST;
  }
  skb.protocol = (b[o + 12]! << 8) | b[o + 13]!;
  skb.pull(ETH_HLEN);
  skb.networkOffset = skb.off;
  return skb.protocol;
}

/** eth_header(): prepends the link header. */
export function ethHeader(skb: SkBuff, dst: Uint8Array, src: Uint8Array, proto: number): void {
  const h = skb.push(ETH_HLEN);
  h.set(dst, 0);
  h.set(src, 6);
  h[12] = proto >> 8;
  h[13] = proto & 0xff;
  skb.macOffset = skb.off;
}

export function formatMac(a: Uint8Array): string {
  let s = '';
  for (let i = 0; i < a.length; i++) s += (i ? ':' : '') + a[i]!.toString(16).padStart(2, '0');
  return s;
}

/** Parses "aa:bb:cc:dd:ee:ff" (iproute2's ll_addr_a2n accepts 1-2 hex digits per byte). */
export function parseMac(s: string): Uint8Array | undefined {
  const parts = s.split(':');
  if (parts.length !== 6) return undefined;
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) {
    const p = parts[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return undefined;
    out[i] = parseInt(p, 16);
  }
  return out;
}
