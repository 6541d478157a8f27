// Byte access helpers shared by the wire/ views. All multi-byte fields on the wire are big-endian
// ("network order"); these read and write them straight from a Uint8Array, which V8 inlines, so a
// getter costs no allocation and no DataView.

/** Reads a big-endian uint16 at `off`. */
export function get16(buf: Uint8Array, off: number): number {
  return (buf[off] << 8) | buf[off + 1];
}

/** Writes a big-endian uint16 at `off` (the value is taken modulo 2^16). */
export function set16(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 8;
  buf[off + 1] = v;
}

/** Reads a big-endian uint32 at `off` (always non-negative). */
export function get32(buf: Uint8Array, off: number): number {
  return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}

/** Writes a big-endian uint32 at `off` (the value is taken modulo 2^32). */
export function set32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 24;
  buf[off + 1] = v >>> 16;
  buf[off + 2] = v >>> 8;
  buf[off + 3] = v;
}

/** Compares `len` bytes of `a` at `aOff` with `b` at `bOff`. */
export function bytesEqual(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, len: number): boolean {
  if (aOff + len > a.length || bOff + len > b.length) return false;
  for (let i = 0; i < len; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

/**
 * Copies `src` into `dst` at `off`, unless `src` already is that very memory (a payload that was
 * built in place): then nothing is copied.
 */
export function copyInto(dst: Uint8Array, off: number, src: Uint8Array): void {
  if (src.buffer === dst.buffer && src.byteOffset === dst.byteOffset + off) return;
  dst.set(src, off);
}

/**
 * The buffer `emit` writes into: `into` when given (must hold at least `len` bytes; a RangeError
 * otherwise, since that is a programming error), else a new zeroed one of exactly `len` bytes.
 */
export function outBuffer(len: number, into: Uint8Array | undefined, what: string): Uint8Array {
  if (into === undefined) return new Uint8Array(len);
  if (into.length < len) {
    throw new RangeError(`${what}: need ${len} bytes, buffer has ${into.length}`);
  }
  return into.length === len ? into : into.subarray(0, len);
}

/** Hex string (whitespace and ':' ignored) to bytes; for fixtures, tests and debugging. */
export function fromHex(hex: string): Uint8Array {
  const s = hex.replace(/[\s:]/g, '');
  if (s.length % 2 !== 0 || /[^0-9a-fA-F]/.test(s)) throw new SyntaxError(`bad hex string: ${hex}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Bytes to a lowercase hex string without separators. */
export function toHex(buf: Uint8Array): string {
  let s = '';
  for (let i = 0; i < buf.length; i++) s += (buf[i] < 16 ? '0' : '') + buf[i].toString(16);
  return s;
}
