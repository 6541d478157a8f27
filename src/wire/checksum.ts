// The internet checksum (RFC 1071) and its incremental update (RFC 1624), as Linux computes them
// (include/net/checksum.h, lib/checksum.c). A "sum" here is a ones'-complement sum folded to 16
// bits (0..0xffff) that can be carried into the next call; a "checksum" is the complemented,
// folded value written into a header field.
import { get16 } from './bytes.js';

/** Linux CSUM_MANGLED_0: a UDP checksum that computes to 0 is sent as 0xffff (0 means "none"). */
export const CSUM_MANGLED_0 = 0xffff;

function fold(sum: number): number {
  // `sum` may exceed 2^32 (long buffers); fold with arithmetic that is exact in a double.
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * csum_partial(): the ones'-complement sum of bytes [off, off+len) of `buf`, added to `sum`,
 * folded to 16 bits. Consecutive pieces can be chained through `sum` as long as every piece but
 * the last has an even length.
 */
export function csumPartial(buf: Uint8Array, off = 0, len = buf.length - off, sum = 0): number {
  const end = off + len;
  let i = off;
  let s = sum;
  // Unrolled by 8 bytes: four 16-bit words per step. 0xffff * 4 * 2^16 steps stays < 2^53.
  const end8 = end - 7;
  for (; i < end8; i += 8) {
    s += ((buf[i] << 8) | buf[i + 1]) + ((buf[i + 2] << 8) | buf[i + 3]) +
      ((buf[i + 4] << 8) | buf[i + 5]) + ((buf[i + 6] << 8) | buf[i + 7]);
  }
  for (; i + 1 < end; i += 2) s += (buf[i] << 8) | buf[i + 1];
  if (i < end) s += buf[i] << 8;
  return fold(s);
}

/** Adds 16-bit or 32-bit values to a sum (csum_add() for numbers), folded. */
export function csumAdd(sum: number, value: number): number {
  return fold(sum + (value >>> 16) + (value & 0xffff));
}

/** csum_fold(): folds a sum and complements it, giving the value for a checksum field. */
export function csumFold(sum: number): number {
  return ~fold(sum) & 0xffff;
}

/**
 * The internet checksum of bytes [off, off+len) (RFC 1071), starting from the partial sum
 * `initial` (e.g. a pseudo-header sum). Computing it over data that includes a correct
 * checksum field gives 0.
 */
export function internetChecksum(buf: Uint8Array, off = 0, len = buf.length - off, initial = 0): number {
  return csumFold(csumPartial(buf, off, len, initial));
}

/**
 * Sum of the IPv4 pseudo-header (RFC 768/793): source, destination, zero, protocol, length.
 * Addresses are uint32 numbers (10.0.0.1 === 0x0a000001).
 */
export function pseudoHeaderSum4(src: number, dst: number, protocol: number, length: number): number {
  return fold(
    (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol +
    (length >>> 16) + (length & 0xffff),
  );
}

/**
 * Sum of the IPv6 pseudo-header (RFC 8200 8.1): source, destination, upper-layer length (32
 * bits), zero, next header. Addresses are read from `src` at `srcOff` and `dst` at `dstOff`
 * (16 bytes each), so a caller can pass the packet buffer itself and allocate nothing.
 */
export function pseudoHeaderSum6(
  src: Uint8Array, dst: Uint8Array, nextHeader: number, length: number, srcOff = 0, dstOff = 0,
): number {
  let s = (length >>> 16) + (length & 0xffff) + nextHeader;
  for (let i = 0; i < 16; i += 2) s += get16(src, srcOff + i) + get16(dst, dstOff + i);
  return fold(s);
}

/**
 * csum_replace2(): the checksum field value after a 16-bit word of the covered data changed
 * from `from` to `to` (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')).
 */
export function csumReplace2(check: number, from: number, to: number): number {
  return ~fold((~check & 0xffff) + (~from & 0xffff) + (to & 0xffff)) & 0xffff;
}

/** csum_replace4(): as csumReplace2 for a 32-bit value (e.g. an IPv4 address) at an even offset. */
export function csumReplace4(check: number, from: number, to: number): number {
  return ~fold(
    (~check & 0xffff) + (~(from >>> 16) & 0xffff) + (~from & 0xffff) + (to >>> 16) + (to & 0xffff),
  ) & 0xffff;
}

/**
 * inet_proto_csum_replace16() without the skb: the checksum after 16 bytes (an IPv6 address)
 * changed from `from`@fromOff to `to`@toOff.
 */
export function csumReplace16(
  check: number, from: Uint8Array, to: Uint8Array, fromOff = 0, toOff = 0,
): number {
  let s = ~check & 0xffff;
  for (let i = 0; i < 16; i += 2) s += (~get16(from, fromOff + i) & 0xffff) + get16(to, toOff + i);
  return ~fold(s) & 0xffff;
}

/**
 * In place: replaces the 16-bit word at `wordOff` of `buf` with `to` and updates the checksum
 * field at `checkOff` incrementally. `wordOff` must be even relative to the checksummed data.
 */
export function replace16InPlace(buf: Uint8Array, checkOff: number, wordOff: number, to: number): void {
  const from = get16(buf, wordOff);
  const check = csumReplace2(get16(buf, checkOff), from, to);
  buf[wordOff] = to >>> 8;
  buf[wordOff + 1] = to;
  buf[checkOff] = check >>> 8;
  buf[checkOff + 1] = check;
}

/**
 * The addresses of a pseudo-header: IPv4 (uint32 numbers) or IPv6 (16-byte arrays). emit
 * functions of TCP, UDP and ICMPv6 take one to compute their checksum.
 */
export type PseudoAddrs = { src: number; dst: number } | { src: Uint8Array; dst: Uint8Array };

/** Pseudo-header sum for either family. */
export function pseudoHeaderSum(ip: PseudoAddrs, protocol: number, length: number): number {
  return typeof ip.src === 'number'
    ? pseudoHeaderSum4(ip.src, ip.dst as number, protocol, length)
    : pseudoHeaderSum6(ip.src, ip.dst as Uint8Array, protocol, length);
}
