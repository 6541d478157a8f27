// IPv4 headers (RFC 791, include/uapi/linux/ip.h). Addresses are uint32 numbers in network order
// value (10.0.0.1 === 0x0a000001). Fragment offsets are in bytes (the wire field is in 8-byte units).
import { copyInto, get16, get32, outBuffer, set16, set32 } from './bytes.js';
import { csumPartial, csumFold, csumReplace4, internetChecksum } from './checksum.js';

/** Protocol numbers (include/uapi/linux/in.h); the same values are IPv6 next-header numbers. */
export const IPPROTO_IP = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_IGMP = 2;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_GRE = 47;
export const IPPROTO_ESP = 50;
export const IPPROTO_AH = 51;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_SCTP = 132;
export const IPPROTO_UDPLITE = 136;
export const IPPROTO_RAW = 255;

/** The fixed header (struct iphdr without options). */
export const IPV4_HLEN = 20;
export const IPV4_MAX_OPTIONS_LEN = 40;
export const IPV4_MAX_HLEN = 60;

/** Bits of the 16-bit frag_off field (include/net/ip.h). */
export const IP_CE = 0x8000;
export const IP_DF = 0x4000;
export const IP_MF = 0x2000;
export const IP_OFFSET = 0x1fff;

/** Option types (include/uapi/linux/ip.h). */
export const IPOPT_END = 0;
export const IPOPT_NOOP = 1;
export const IPOPT_RR = 7;
export const IPOPT_TIMESTAMP = 68;
export const IPOPT_SEC = 130;
export const IPOPT_LSRR = 131;
export const IPOPT_SSRR = 137;
export const IPOPT_RA = 148;

/** TOS / DSCP / ECN (include/uapi/linux/ip.h, include/net/inet_ecn.h). */
export const IPTOS_ECN_MASK = 0x03;
export const INET_ECN_NOT_ECT = 0;
export const INET_ECN_ECT_1 = 1;
export const INET_ECN_ECT_0 = 2;
export const INET_ECN_CE = 3;

/**
 * View over an IPv4 packet at `off` of `buf`. Getters and setters touch the bytes only;
 * checksum upkeep is explicit (fillChecksum, or the incremental helpers).
 */
export class Ipv4Packet {
  static readonly MIN_HEADER_LEN = IPV4_HLEN;

  /** True when `buf` holds the fixed header and the options its IHL announces. */
  static check(buf: Uint8Array, off = 0): boolean {
    const n = buf.length - off;
    return n >= IPV4_HLEN && n >= (buf[off] & 0x0f) * 4;
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  /**
   * check() plus: version 4, IHL >= 5, header length <= total length <= bytes available. What
   * ip_rcv_core() checks apart from the checksum.
   */
  get isValid(): boolean {
    const n = this.buf.length - this.off;
    if (n < IPV4_HLEN) return false;
    const b0 = this.buf[this.off];
    const hl = (b0 & 0x0f) * 4;
    const tl = this.totalLength;
    return b0 >>> 4 === 4 && hl >= IPV4_HLEN && tl >= hl && tl <= n;
  }

  get version(): number {
    return this.buf[this.off] >>> 4;
  }
  set version(v: number) {
    this.buf[this.off] = ((v & 0x0f) << 4) | (this.buf[this.off] & 0x0f);
  }
  /** Header length in 32-bit words. */
  get ihl(): number {
    return this.buf[this.off] & 0x0f;
  }
  set ihl(v: number) {
    this.buf[this.off] = (this.buf[this.off] & 0xf0) | (v & 0x0f);
  }
  /** Header length in bytes (ihl * 4). */
  get headerLength(): number {
    return (this.buf[this.off] & 0x0f) * 4;
  }
  get optionsLength(): number {
    return (this.buf[this.off] & 0x0f) * 4 - IPV4_HLEN;
  }
  get tos(): number {
    return this.buf[this.off + 1];
  }
  set tos(v: number) {
    this.buf[this.off + 1] = v;
  }
  get dscp(): number {
    return this.buf[this.off + 1] >>> 2;
  }
  set dscp(v: number) {
    this.buf[this.off + 1] = ((v & 0x3f) << 2) | (this.buf[this.off + 1] & 3);
  }
  get ecn(): number {
    return this.buf[this.off + 1] & 3;
  }
  set ecn(v: number) {
    this.buf[this.off + 1] = (this.buf[this.off + 1] & 0xfc) | (v & 3);
  }
  get totalLength(): number {
    return get16(this.buf, this.off + 2);
  }
  set totalLength(v: number) {
    set16(this.buf, this.off + 2, v);
  }
  get id(): number {
    return get16(this.buf, this.off + 4);
  }
  set id(v: number) {
    set16(this.buf, this.off + 4, v);
  }
  /** The raw 16-bit flags + fragment offset field (iph->frag_off). */
  get fragOff(): number {
    return get16(this.buf, this.off + 6);
  }
  set fragOff(v: number) {
    set16(this.buf, this.off + 6, v);
  }
  /** The reserved flag bit (IP_CE in Linux, "evil bit"). */
  get reservedFlag(): boolean {
    return (this.buf[this.off + 6] & 0x80) !== 0;
  }
  set reservedFlag(v: boolean) {
    this.setFlagBit(0x80, v);
  }
  get dontFragment(): boolean {
    return (this.buf[this.off + 6] & 0x40) !== 0;
  }
  set dontFragment(v: boolean) {
    this.setFlagBit(0x40, v);
  }
  get moreFragments(): boolean {
    return (this.buf[this.off + 6] & 0x20) !== 0;
  }
  set moreFragments(v: boolean) {
    this.setFlagBit(0x20, v);
  }
  /** Fragment offset in bytes (the field value * 8). */
  get fragOffset(): number {
    return (get16(this.buf, this.off + 6) & IP_OFFSET) * 8;
  }
  set fragOffset(bytes: number) {
    set16(this.buf, this.off + 6, (get16(this.buf, this.off + 6) & ~IP_OFFSET) | ((bytes >>> 3) & IP_OFFSET));
  }
  /** ip_is_fragment(): MF set or a non-zero offset. */
  get isFragment(): boolean {
    return (get16(this.buf, this.off + 6) & (IP_MF | IP_OFFSET)) !== 0;
  }
  get ttl(): number {
    return this.buf[this.off + 8];
  }
  set ttl(v: number) {
    this.buf[this.off + 8] = v;
  }
  get protocol(): number {
    return this.buf[this.off + 9];
  }
  set protocol(v: number) {
    this.buf[this.off + 9] = v;
  }
  get checksum(): number {
    return get16(this.buf, this.off + 10);
  }
  set checksum(v: number) {
    set16(this.buf, this.off + 10, v);
  }
  get src(): number {
    return get32(this.buf, this.off + 12);
  }
  set src(v: number) {
    set32(this.buf, this.off + 12, v);
  }
  get dst(): number {
    return get32(this.buf, this.off + 16);
  }
  set dst(v: number) {
    set32(this.buf, this.off + 16, v);
  }
  /** Options bytes (subarray, live; empty when IHL is 5). */
  get options(): Uint8Array {
    return this.buf.subarray(this.off + IPV4_HLEN, this.off + this.headerLength);
  }
  get payloadOffset(): number {
    return this.off + this.headerLength;
  }
  /** totalLength - headerLength. */
  get payloadLength(): number {
    return this.totalLength - this.headerLength;
  }
  /** Bytes [headerLength, totalLength), clamped to the buffer: trailing padding excluded. */
  get payload(): Uint8Array {
    const end = Math.min(this.off + this.totalLength, this.buf.length);
    return this.buf.subarray(Math.min(this.off + this.headerLength, end), end);
  }

  /** The header checksum the header should carry (the current field is ignored). */
  computeChecksum(): number {
    const hl = this.headerLength;
    return csumFold(csumPartial(this.buf, this.off + 12, hl - 12, csumPartial(this.buf, this.off, 10)));
  }
  /** ip_send_check(): writes the computed checksum. */
  fillChecksum(): void {
    set16(this.buf, this.off + 10, this.computeChecksum());
  }
  /** ip_fast_csum() == 0: is the header checksum right? */
  verifyChecksum(): boolean {
    return internetChecksum(this.buf, this.off, this.headerLength) === 0;
  }

  /** ip_decrease_ttl(): TTL - 1 with the checksum updated incrementally; returns the new TTL. */
  decreaseTtl(): number {
    const o = this.off;
    let check = get16(this.buf, o + 10) + 0x0100;
    check = (check + (check >= 0xffff ? 1 : 0)) & 0xffff;
    set16(this.buf, o + 10, check);
    this.buf[o + 8] = this.buf[o + 8] - 1;
    return this.buf[o + 8];
  }
  /** Sets the source address and updates the header checksum incrementally (csum_replace4). */
  replaceSrc(addr: number): void {
    set16(this.buf, this.off + 10, csumReplace4(this.checksum, this.src, addr));
    this.src = addr;
  }
  replaceDst(addr: number): void {
    set16(this.buf, this.off + 10, csumReplace4(this.checksum, this.dst, addr));
    this.dst = addr;
  }

  private setFlagBit(bit: number, v: boolean): void {
    const o = this.off + 6;
    this.buf[o] = v ? this.buf[o] | bit : this.buf[o] & ~bit;
  }
}

export interface Ipv4Record {
  tos: number;
  id: number;
  reservedFlag: boolean;
  dontFragment: boolean;
  moreFragments: boolean;
  /** In bytes; a multiple of 8. */
  fragOffset: number;
  ttl: number;
  protocol: number;
  /** As found by parse (not verified there: see ipv4ChecksumOk); emit always computes it. */
  checksum: number;
  src: number;
  dst: number;
  /** Raw option bytes (parse: a subarray; emit pads them with zeros to a multiple of 4). */
  options: Uint8Array;
  /** parse: bytes [headerLength, totalLength) of the input. */
  payload: Uint8Array;
}

/** What the header builders accept: src, dst and protocol, with the rest defaulted. */
export type Ipv4HeaderInit = Pick<Ipv4Record, 'src' | 'dst' | 'protocol'> &
  Partial<Omit<Ipv4Record, 'src' | 'dst' | 'protocol' | 'payload'>>;
/** What emitIpv4 accepts: a header plus its payload. */
export type Ipv4Init = Ipv4HeaderInit & { payload: Uint8Array };

const EMPTY = new Uint8Array(0);

/**
 * Parses an IPv4 packet; undefined unless version is 4, IHL >= 5, and header length <= total
 * length <= bytes available. Trailing bytes beyond the total length (padding) are left out.
 */
export function parseIpv4(bytes: Uint8Array): Ipv4Record | undefined {
  const p = new Ipv4Packet(bytes);
  if (!p.isValid) return undefined;
  const hl = p.headerLength;
  const fo = p.fragOff;
  return {
    tos: p.tos,
    id: p.id,
    reservedFlag: (fo & IP_CE) !== 0,
    dontFragment: (fo & IP_DF) !== 0,
    moreFragments: (fo & IP_MF) !== 0,
    fragOffset: (fo & IP_OFFSET) * 8,
    ttl: p.ttl,
    protocol: p.protocol,
    checksum: p.checksum,
    src: p.src,
    dst: p.dst,
    options: bytes.subarray(IPV4_HLEN, hl),
    payload: bytes.subarray(hl, p.totalLength),
  };
}

/** Does the IPv4 header at the start of `bytes` carry a correct checksum? */
export function ipv4ChecksumOk(bytes: Uint8Array): boolean {
  return Ipv4Packet.check(bytes) && new Ipv4Packet(bytes).verifyChecksum();
}

/** Header length in bytes for these options (20 + options padded to 4). */
export function ipv4HeaderLength(h: { options?: Uint8Array }): number {
  const ol = h.options?.length ?? 0;
  return IPV4_HLEN + ((ol + 3) & ~3);
}

export function ipv4Length(rec: Ipv4Init): number {
  return ipv4HeaderLength(rec) + rec.payload.length;
}

/**
 * Writes an IPv4 header for a payload of `payloadLength` bytes at `off` of `into` (a new buffer
 * of exactly the header length when `into` is omitted), checksum included; returns the header.
 * Defaults: tos 0, id 0, no flags, offset 0, TTL 64, no options.
 */
export function emitIpv4Header(
  h: Ipv4HeaderInit, payloadLength: number, into?: Uint8Array, off = 0,
): Uint8Array {
  const options = h.options ?? EMPTY;
  if (options.length > IPV4_MAX_OPTIONS_LEN) {
    throw new RangeError(`emitIpv4Header: ${options.length} bytes of options (max 40)`);
  }
  const hl = ipv4HeaderLength(h);
  const out = into === undefined ? new Uint8Array(hl) : into;
  if (out.length - off < hl) throw new RangeError(`emitIpv4Header: need ${hl} bytes at ${off}`);
  out[off] = 0x40 | (hl >>> 2);
  out[off + 1] = h.tos ?? 0;
  set16(out, off + 2, hl + payloadLength);
  set16(out, off + 4, h.id ?? 0);
  set16(
    out, off + 6,
    (h.reservedFlag ? IP_CE : 0) | (h.dontFragment ? IP_DF : 0) | (h.moreFragments ? IP_MF : 0) |
      (((h.fragOffset ?? 0) >>> 3) & IP_OFFSET),
  );
  out[off + 8] = h.ttl ?? 64;
  out[off + 9] = h.protocol;
  out[off + 10] = 0;
  out[off + 11] = 0;
  set32(out, off + 12, h.src);
  set32(out, off + 16, h.dst);
  if (options.length > 0) {
    copyInto(out, off + IPV4_HLEN, options);
    out.fill(0, off + IPV4_HLEN + options.length, off + hl);
  }
  set16(out, off + 10, internetChecksum(out, off, hl));
  return off === 0 && out.length === hl ? out : out.subarray(off, off + hl);
}

/** Writes header (checksum computed) and payload; the payload is not copied if already in place. */
export function emitIpv4(rec: Ipv4Init, into?: Uint8Array): Uint8Array {
  const hl = ipv4HeaderLength(rec);
  const out = outBuffer(hl + rec.payload.length, into, 'emitIpv4');
  emitIpv4Header(rec, rec.payload.length, out, 0);
  copyInto(out, hl, rec.payload);
  return out;
}
