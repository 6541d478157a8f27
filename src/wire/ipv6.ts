// IPv6 headers (RFC 8200, include/uapi/linux/ipv6.h, include/net/ipv6.h): the fixed 40-byte
// header, and a walk over extension headers (ipv6_skip_exthdr). Addresses are 16-byte Uint8Arrays.
import { bytesEqual, copyInto, get16, get32, outBuffer, set16, set32 } from './bytes.js';

export const IPV6_HLEN = 40;
export const IPV6_MIN_MTU = 1280;

/** Next-header values (include/net/ipv6.h). */
export const NEXTHDR_HOP = 0;
export const NEXTHDR_IPV4 = 4;
export const NEXTHDR_TCP = 6;
export const NEXTHDR_UDP = 17;
export const NEXTHDR_IPV6 = 41;
export const NEXTHDR_ROUTING = 43;
export const NEXTHDR_FRAGMENT = 44;
export const NEXTHDR_GRE = 47;
export const NEXTHDR_ESP = 50;
export const NEXTHDR_AUTH = 51;
export const NEXTHDR_ICMP = 58;
export const NEXTHDR_NONE = 59;
export const NEXTHDR_DEST = 60;
export const NEXTHDR_MOBILITY = 135;

/** ipv6_ext_hdr(): is this next-header value an extension header ipv6_skip_exthdr() walks? */
export function isIpv6ExtensionHeader(nexthdr: number): boolean {
  return nexthdr === NEXTHDR_HOP || nexthdr === NEXTHDR_ROUTING || nexthdr === NEXTHDR_FRAGMENT ||
    nexthdr === NEXTHDR_AUTH || nexthdr === NEXTHDR_NONE || nexthdr === NEXTHDR_DEST;
}

/** View over an IPv6 packet at `off` of `buf`. */
export class Ipv6Packet {
  static readonly HEADER_LEN = IPV6_HLEN;

  static check(buf: Uint8Array, off = 0): boolean {
    return buf.length - off >= IPV6_HLEN;
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  /** check() plus: version 6 and 40 + payload length <= bytes available (what ipv6_rcv() checks). */
  get isValid(): boolean {
    const n = this.buf.length - this.off;
    return n >= IPV6_HLEN && this.buf[this.off] >>> 4 === 6 && IPV6_HLEN + this.payloadLength <= n;
  }

  get version(): number {
    return this.buf[this.off] >>> 4;
  }
  set version(v: number) {
    this.buf[this.off] = ((v & 0x0f) << 4) | (this.buf[this.off] & 0x0f);
  }
  get trafficClass(): number {
    return (get16(this.buf, this.off) >>> 4) & 0xff;
  }
  set trafficClass(v: number) {
    const w = get16(this.buf, this.off);
    set16(this.buf, this.off, (w & 0xf00f) | ((v & 0xff) << 4));
  }
  get dscp(): number {
    return this.trafficClass >>> 2;
  }
  get ecn(): number {
    return this.trafficClass & 3;
  }
  get flowLabel(): number {
    return get32(this.buf, this.off) & 0x000fffff;
  }
  set flowLabel(v: number) {
    set32(this.buf, this.off, (get32(this.buf, this.off) & 0xfff00000) | (v & 0x000fffff));
  }
  get payloadLength(): number {
    return get16(this.buf, this.off + 4);
  }
  set payloadLength(v: number) {
    set16(this.buf, this.off + 4, v);
  }
  get nextHeader(): number {
    return this.buf[this.off + 6];
  }
  set nextHeader(v: number) {
    this.buf[this.off + 6] = v;
  }
  get hopLimit(): number {
    return this.buf[this.off + 7];
  }
  set hopLimit(v: number) {
    this.buf[this.off + 7] = v;
  }
  /** Source address (16-byte subarray, live). */
  get src(): Uint8Array {
    return this.buf.subarray(this.off + 8, this.off + 24);
  }
  set src(a: Uint8Array) {
    this.buf.set(a.subarray(0, 16), this.off + 8);
  }
  get dst(): Uint8Array {
    return this.buf.subarray(this.off + 24, this.off + 40);
  }
  set dst(a: Uint8Array) {
    this.buf.set(a.subarray(0, 16), this.off + 24);
  }
  /** Offsets in `buf` of the addresses, for allocation-free use (pseudo-header sums, compares). */
  get srcOffset(): number {
    return this.off + 8;
  }
  get dstOffset(): number {
    return this.off + 24;
  }
  srcEquals(a: Uint8Array, aOff = 0): boolean {
    return bytesEqual(this.buf, this.off + 8, a, aOff, 16);
  }
  dstEquals(a: Uint8Array, aOff = 0): boolean {
    return bytesEqual(this.buf, this.off + 24, a, aOff, 16);
  }
  get payloadOffset(): number {
    return this.off + IPV6_HLEN;
  }
  /** Bytes [40, 40 + payloadLength), clamped to the buffer. */
  get payload(): Uint8Array {
    const end = Math.min(this.off + IPV6_HLEN + this.payloadLength, this.buf.length);
    return this.buf.subarray(Math.min(this.off + IPV6_HLEN, end), end);
  }
}

export interface Ipv6Record {
  trafficClass: number;
  flowLabel: number;
  nextHeader: number;
  hopLimit: number;
  src: Uint8Array;
  dst: Uint8Array;
  /** parse: bytes [40, 40 + payload length) of the input, extension headers included. */
  payload: Uint8Array;
}

/** What emitIpv6 accepts: trafficClass, flowLabel default to 0, hopLimit to 64. */
export type Ipv6Init = Pick<Ipv6Record, 'nextHeader' | 'src' | 'dst' | 'payload'> &
  Partial<Pick<Ipv6Record, 'trafficClass' | 'flowLabel' | 'hopLimit'>>;

/** Parses the fixed header; undefined unless version 6 and the payload length fits the input. */
export function parseIpv6(bytes: Uint8Array): Ipv6Record | undefined {
  const p = new Ipv6Packet(bytes);
  if (!p.isValid) return undefined;
  return {
    trafficClass: p.trafficClass,
    flowLabel: p.flowLabel,
    nextHeader: p.nextHeader,
    hopLimit: p.hopLimit,
    src: bytes.subarray(8, 24),
    dst: bytes.subarray(24, 40),
    payload: bytes.subarray(IPV6_HLEN, IPV6_HLEN + p.payloadLength),
  };
}

export function ipv6Length(rec: Ipv6Init): number {
  return IPV6_HLEN + rec.payload.length;
}

/** Writes the 40-byte header for `payloadLength` bytes at `off` of `into` (or a new buffer). */
export function emitIpv6Header(
  h: Omit<Ipv6Init, 'payload'>, payloadLength: number, into?: Uint8Array, off = 0,
): Uint8Array {
  const out = into === undefined ? new Uint8Array(IPV6_HLEN) : into;
  if (out.length - off < IPV6_HLEN) throw new RangeError(`emitIpv6Header: need 40 bytes at ${off}`);
  set32(out, off, (0x60000000 | (((h.trafficClass ?? 0) & 0xff) << 20) | ((h.flowLabel ?? 0) & 0xfffff)) >>> 0);
  set16(out, off + 4, payloadLength);
  out[off + 6] = h.nextHeader;
  out[off + 7] = h.hopLimit ?? 64;
  out.set(h.src.subarray(0, 16), off + 8);
  out.set(h.dst.subarray(0, 16), off + 24);
  return off === 0 && out.length === IPV6_HLEN ? out : out.subarray(off, off + IPV6_HLEN);
}

export function emitIpv6(rec: Ipv6Init, into?: Uint8Array): Uint8Array {
  const out = outBuffer(IPV6_HLEN + rec.payload.length, into, 'emitIpv6');
  emitIpv6Header(rec, rec.payload.length, out, 0);
  copyInto(out, IPV6_HLEN, rec.payload);
  return out;
}

/** Out-parameters of ipv6SkipExthdr (reuse one object to stay allocation-free). */
export interface Ipv6ExthdrResult {
  /** The next-header value of the upper-layer header (or NEXTHDR_NONE / a fragment's). */
  nexthdr: number;
  /** The 16-bit offset field of a fragment header met on the way (0 when none). */
  fragOff: number;
}

/**
 * ipv6_skip_exthdr(): starting at `start` (the byte after the fixed header) with `nexthdr` from
 * the fixed header, skips hop-by-hop, routing, destination-options, AH and fragment headers.
 * Returns the offset of the upper-layer header and sets out.nexthdr to its type; -1 when a
 * header is truncated or NEXTHDR_NONE is met. As in Linux, a non-first fragment stops the walk:
 * the fragment header's offset is returned with out.nexthdr = NEXTHDR_FRAGMENT, and out.fragOff
 * holds the fragment header's offset field (0 when no fragment header was met).
 */
export function ipv6SkipExthdr(
  buf: Uint8Array, start: number, nexthdr: number, out: Ipv6ExthdrResult, end = buf.length,
): number {
  let p = start;
  let nh = nexthdr;
  out.fragOff = 0;
  while (isIpv6ExtensionHeader(nh)) {
    if (nh === NEXTHDR_NONE) return -1;
    if (p + 2 > end) return -1;
    let hdrlen: number;
    if (nh === NEXTHDR_FRAGMENT) {
      if (p + 4 > end) return -1;
      out.fragOff = get16(buf, p + 2);
      if ((out.fragOff & ~0x7) !== 0) break;
      hdrlen = 8;
    } else if (nh === NEXTHDR_AUTH) {
      hdrlen = (buf[p + 1] + 2) << 2;
    } else {
      hdrlen = (buf[p + 1] + 1) << 3;
    }
    nh = buf[p];
    p += hdrlen;
  }
  out.nexthdr = nh;
  return p;
}
