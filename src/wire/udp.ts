// UDP (RFC 768, include/uapi/linux/udp.h). The checksum covers an IPv4 or IPv6 pseudo-header; over
// IPv4 a zero checksum means "none", and a computed zero is sent as 0xffff (CSUM_MANGLED_0).
import { copyInto, get16, outBuffer, set16 } from './bytes.js';
import {
  CSUM_MANGLED_0, type PseudoAddrs, csumFold, csumPartial, internetChecksum, pseudoHeaderSum,
  pseudoHeaderSum4, pseudoHeaderSum6,
} from './checksum.js';
import { IPPROTO_UDP } from './ipv4.js';

export const UDP_HLEN = 8;

/** View over a UDP datagram at `off` of `buf`. Its extent is given by its length field. */
export class UdpPacket {
  static readonly HEADER_LEN = UDP_HLEN;

  static check(buf: Uint8Array, off = 0): boolean {
    return buf.length - off >= UDP_HLEN;
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  /** check() plus 8 <= length field <= bytes available (what __udp4_lib_rcv() checks). */
  get isValid(): boolean {
    const n = this.buf.length - this.off;
    if (n < UDP_HLEN) return false;
    const l = this.length;
    return l >= UDP_HLEN && l <= n;
  }

  get srcPort(): number {
    return get16(this.buf, this.off);
  }
  set srcPort(v: number) {
    set16(this.buf, this.off, v);
  }
  get dstPort(): number {
    return get16(this.buf, this.off + 2);
  }
  set dstPort(v: number) {
    set16(this.buf, this.off + 2, v);
  }
  /** The length field: header + payload. */
  get length(): number {
    return get16(this.buf, this.off + 4);
  }
  set length(v: number) {
    set16(this.buf, this.off + 4, v);
  }
  get checksum(): number {
    return get16(this.buf, this.off + 6);
  }
  set checksum(v: number) {
    set16(this.buf, this.off + 6, v);
  }
  get payloadOffset(): number {
    return this.off + UDP_HLEN;
  }
  /** Bytes [8, length), clamped to the buffer (subarray, live). */
  get payload(): Uint8Array {
    const end = Math.min(this.off + this.length, this.buf.length);
    return this.buf.subarray(Math.min(this.off + UDP_HLEN, end), end);
  }

  private sumFrom(pseudo: number): number {
    const len = this.length;
    return csumFold(csumPartial(this.buf, this.off + 8, len - 8, csumPartial(this.buf, this.off, 6, pseudo)));
  }
  /** The checksum over an IPv4 pseudo-header (0 mangled to 0xffff). */
  computeChecksum4(src: number, dst: number): number {
    return this.sumFrom(pseudoHeaderSum4(src, dst, IPPROTO_UDP, this.length)) || CSUM_MANGLED_0;
  }
  computeChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): number {
    return this.sumFrom(pseudoHeaderSum6(src, dst, IPPROTO_UDP, this.length, srcOff, dstOff)) || CSUM_MANGLED_0;
  }
  fillChecksum4(src: number, dst: number): void {
    set16(this.buf, this.off + 6, this.computeChecksum4(src, dst));
  }
  fillChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): void {
    set16(this.buf, this.off + 6, this.computeChecksum6(src, dst, srcOff, dstOff));
  }
  /** True when the checksum is right, or absent (0) as IPv4 allows. */
  verifyChecksum4(src: number, dst: number): boolean {
    if (this.checksum === 0) return true;
    return internetChecksum(this.buf, this.off, this.length, pseudoHeaderSum4(src, dst, IPPROTO_UDP, this.length)) === 0;
  }
  /** True when the checksum is right (a zero checksum is invalid over IPv6). */
  verifyChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): boolean {
    if (this.checksum === 0) return false;
    const l = this.length;
    return internetChecksum(this.buf, this.off, l, pseudoHeaderSum6(src, dst, IPPROTO_UDP, l, srcOff, dstOff)) === 0;
  }
}

export interface UdpRecord {
  srcPort: number;
  dstPort: number;
  /** As found by parse; emit computes it when given the pseudo-header addresses. */
  checksum: number;
  /** parse: bytes [8, length) of the input. */
  payload: Uint8Array;
}

export type UdpInit = Omit<UdpRecord, 'checksum'> & { checksum?: number };

/** Parses a datagram; undefined unless 8 <= length field <= bytes available. */
export function parseUdp(bytes: Uint8Array): UdpRecord | undefined {
  const p = new UdpPacket(bytes);
  if (!p.isValid) return undefined;
  return {
    srcPort: p.srcPort,
    dstPort: p.dstPort,
    checksum: p.checksum,
    payload: bytes.subarray(UDP_HLEN, p.length),
  };
}

/** Checksum check for either family (IPv4: 0 means none and passes; IPv6: 0 fails). */
export function udpChecksumOk(bytes: Uint8Array, ip: PseudoAddrs): boolean {
  const p = new UdpPacket(bytes);
  if (!p.isValid) return false;
  return typeof ip.src === 'number'
    ? p.verifyChecksum4(ip.src, ip.dst as number)
    : p.verifyChecksum6(ip.src, ip.dst as Uint8Array);
}

export function udpLength(rec: UdpInit): number {
  return UDP_HLEN + rec.payload.length;
}

/**
 * Writes the datagram (payload not copied if already in place). With `ip` the checksum is
 * computed over that pseudo-header (a zero result sent as 0xffff); without, rec.checksum
 * (default 0, "no checksum" over IPv4) is written.
 */
export function emitUdp(rec: UdpInit, into?: Uint8Array, ip?: PseudoAddrs): Uint8Array {
  const len = UDP_HLEN + rec.payload.length;
  const out = outBuffer(len, into, 'emitUdp');
  set16(out, 0, rec.srcPort);
  set16(out, 2, rec.dstPort);
  set16(out, 4, len);
  set16(out, 6, 0);
  copyInto(out, UDP_HLEN, rec.payload);
  if (ip !== undefined) {
    set16(out, 6, internetChecksum(out, 0, len, pseudoHeaderSum(ip, IPPROTO_UDP, len)) || CSUM_MANGLED_0);
  } else {
    set16(out, 6, rec.checksum ?? 0);
  }
  return out;
}
