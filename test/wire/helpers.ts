// Small text-to-bytes helpers for assertions (address text handling proper lives elsewhere).
import { fromHex } from '../../src/wire/bytes.js';

export function mac(s: string): Uint8Array {
  return fromHex(s);
}

export function ip4(s: string): number {
  const p = s.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

export function ip6(s: string): Uint8Array {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}

/** A deterministic byte generator (xorshift32) for table-driven property checks. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** The bytes of `frame` from the network header on (an untagged Ethernet frame). */
export function l3(frame: Uint8Array): Uint8Array {
  return frame.subarray(14);
}

/** The upper-layer bytes of an untagged IPv4 frame: [14 + IHL*4, 14 + total length). */
export function l4of4(frame: Uint8Array): Uint8Array {
  const hl = (frame[14] & 0x0f) * 4;
  const tl = (frame[16] << 8) | frame[17];
  return frame.subarray(14 + hl, 14 + tl);
}

/** The upper-layer bytes of an untagged IPv6 frame without extension headers. */
export function l4of6(frame: Uint8Array): Uint8Array {
  const pl = (frame[18] << 8) | frame[19];
  return frame.subarray(54, 54 + pl);
}

export function src6(frame: Uint8Array): Uint8Array {
  return frame.subarray(22, 38);
}
export function dst6(frame: Uint8Array): Uint8Array {
  return frame.subarray(38, 54);
}
