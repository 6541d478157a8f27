// TCP segments (RFC 9293, include/uapi/linux/tcp.h, include/net/tcp.h): header fields, options,
// and the checksum over an IPv4 or IPv6 pseudo-header. A segment's length is not in its header,
// so views and checksums take it from the IP layer (`len`).
import { copyInto, get16, get32, outBuffer, set16, set32 } from './bytes.js';
import {
  type PseudoAddrs, csumFold, csumPartial, internetChecksum, pseudoHeaderSum, pseudoHeaderSum4,
  pseudoHeaderSum6,
} from './checksum.js';
import { IPPROTO_TCP } from './ipv4.js';

export const TCP_HLEN = 20;
export const TCP_MAX_HLEN = 60;

/** Flag bits of the 12-bit flags value (Linux TCPHDR_*; AE is the former NS bit). */
export const TCPHDR_FIN = 0x01;
export const TCPHDR_SYN = 0x02;
export const TCPHDR_RST = 0x04;
export const TCPHDR_PSH = 0x08;
export const TCPHDR_ACK = 0x10;
export const TCPHDR_URG = 0x20;
export const TCPHDR_ECE = 0x40;
export const TCPHDR_CWR = 0x80;
export const TCPHDR_AE = 0x100;

/** Option kinds (include/net/tcp.h). */
export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;
export const TCPOPT_WINDOW = 3;
export const TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5;
export const TCPOPT_TIMESTAMP = 8;
export const TCPOPT_MD5SIG = 19;
export const TCPOPT_AO = 29;
export const TCPOPT_MPTCP = 30;
export const TCPOPT_FASTOPEN = 34;
export const TCPOPT_EXP = 254;

export const TCPOLEN_MSS = 4;
export const TCPOLEN_WINDOW = 3;
export const TCPOLEN_SACK_PERM = 2;
export const TCPOLEN_TIMESTAMP = 10;
export const TCPOLEN_SACK_BASE = 2;
export const TCPOLEN_SACK_PERBLOCK = 8;

/**
 * Finds option `kind` in the options at [start, end) of `buf` the way tcp_parse_options() walks
 * them (EOL ends the list, NOP is one byte, a length < 2 or past the end stops the walk).
 * Returns the offset of the option's kind byte, or -1.
 */
export function findTcpOption(buf: Uint8Array, start: number, end: number, kind: number): number {
  let p = start;
  while (p < end) {
    const k = buf[p];
    if (k === TCPOPT_EOL) return -1;
    if (k === TCPOPT_NOP) {
      p++;
      continue;
    }
    if (p + 2 > end) return -1;
    const size = buf[p + 1];
    if (size < 2 || p + size > end) return -1;
    if (k === kind) return p;
    p += size;
  }
  return -1;
}

/**
 * View over a TCP segment at `off` of `buf`, `len` bytes long (by default to the end of `buf`;
 * pass the IP payload length so padding is not taken for data).
 */
export class TcpPacket {
  static readonly MIN_HEADER_LEN = TCP_HLEN;

  /** True when the fixed header and the options its data offset announces fit in `len`. */
  static check(buf: Uint8Array, off = 0, len = buf.length - off): boolean {
    return len >= TCP_HLEN && off + len <= buf.length && len >= (buf[off + 12] >>> 4) * 4;
  }

  constructor(public buf: Uint8Array, public off = 0, public len = buf.length - off) {}

  wrap(buf: Uint8Array, off = 0, len = buf.length - off): this {
    this.buf = buf;
    this.off = off;
    this.len = len;
    return this;
  }

  /** check() plus data offset >= 5 (what tcp_v4_rcv() checks before the checksum). */
  get isValid(): boolean {
    return TcpPacket.check(this.buf, this.off, this.len) && this.buf[this.off + 12] >>> 4 >= 5;
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
  get seq(): number {
    return get32(this.buf, this.off + 4);
  }
  set seq(v: number) {
    set32(this.buf, this.off + 4, v);
  }
  /** The acknowledgment number (th->ack_seq). */
  get ackSeq(): number {
    return get32(this.buf, this.off + 8);
  }
  set ackSeq(v: number) {
    set32(this.buf, this.off + 8, v);
  }
  /** Data offset in 32-bit words (th->doff). */
  get dataOffset(): number {
    return this.buf[this.off + 12] >>> 4;
  }
  set dataOffset(v: number) {
    this.buf[this.off + 12] = ((v & 0x0f) << 4) | (this.buf[this.off + 12] & 0x0f);
  }
  /** Header length in bytes (doff * 4). */
  get headerLength(): number {
    return (this.buf[this.off + 12] >>> 4) * 4;
  }
  /** All 12 bits after the data offset: reserved bits, AE and the 8 classic flags (TCPHDR_*). */
  get flags(): number {
    return get16(this.buf, this.off + 12) & 0x0fff;
  }
  set flags(v: number) {
    set16(this.buf, this.off + 12, (get16(this.buf, this.off + 12) & 0xf000) | (v & 0x0fff));
  }
  get fin(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_FIN) !== 0;
  }
  set fin(v: boolean) {
    this.setFlag(TCPHDR_FIN, v);
  }
  get syn(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_SYN) !== 0;
  }
  set syn(v: boolean) {
    this.setFlag(TCPHDR_SYN, v);
  }
  get rst(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_RST) !== 0;
  }
  set rst(v: boolean) {
    this.setFlag(TCPHDR_RST, v);
  }
  get psh(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_PSH) !== 0;
  }
  set psh(v: boolean) {
    this.setFlag(TCPHDR_PSH, v);
  }
  /** The ACK flag (the number is ackSeq). */
  get ack(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_ACK) !== 0;
  }
  set ack(v: boolean) {
    this.setFlag(TCPHDR_ACK, v);
  }
  get urg(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_URG) !== 0;
  }
  set urg(v: boolean) {
    this.setFlag(TCPHDR_URG, v);
  }
  get ece(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_ECE) !== 0;
  }
  set ece(v: boolean) {
    this.setFlag(TCPHDR_ECE, v);
  }
  get cwr(): boolean {
    return (this.buf[this.off + 13] & TCPHDR_CWR) !== 0;
  }
  set cwr(v: boolean) {
    this.setFlag(TCPHDR_CWR, v);
  }
  get ae(): boolean {
    return (this.buf[this.off + 12] & 0x01) !== 0;
  }
  set ae(v: boolean) {
    const o = this.off + 12;
    this.buf[o] = v ? this.buf[o] | 1 : this.buf[o] & ~1;
  }
  get window(): number {
    return get16(this.buf, this.off + 14);
  }
  set window(v: number) {
    set16(this.buf, this.off + 14, v);
  }
  get checksum(): number {
    return get16(this.buf, this.off + 16);
  }
  set checksum(v: number) {
    set16(this.buf, this.off + 16, v);
  }
  get urgentPointer(): number {
    return get16(this.buf, this.off + 18);
  }
  set urgentPointer(v: number) {
    set16(this.buf, this.off + 18, v);
  }
  get optionsOffset(): number {
    return this.off + TCP_HLEN;
  }
  get optionsLength(): number {
    return this.headerLength - TCP_HLEN;
  }
  /** The option bytes (subarray, live). */
  get options(): Uint8Array {
    return this.buf.subarray(this.off + TCP_HLEN, this.off + Math.max(TCP_HLEN, this.headerLength));
  }
  get payloadOffset(): number {
    return this.off + this.headerLength;
  }
  get payloadLength(): number {
    return this.len - this.headerLength;
  }
  get payload(): Uint8Array {
    return this.buf.subarray(this.off + this.headerLength, this.off + this.len);
  }

  /** Offset in `buf` of option `kind` (see findTcpOption), or -1. */
  findOption(kind: number): number {
    return findTcpOption(this.buf, this.off + TCP_HLEN, this.off + this.headerLength, kind);
  }
  /** The MSS option's value, or undefined. */
  get mss(): number | undefined {
    const p = this.findOption(TCPOPT_MSS);
    return p >= 0 && this.buf[p + 1] === TCPOLEN_MSS ? get16(this.buf, p + 2) : undefined;
  }
  /** The window scale option's shift count, or undefined. */
  get windowScale(): number | undefined {
    const p = this.findOption(TCPOPT_WINDOW);
    return p >= 0 && this.buf[p + 1] === TCPOLEN_WINDOW ? this.buf[p + 2] : undefined;
  }
  get sackPermitted(): boolean {
    const p = this.findOption(TCPOPT_SACK_PERM);
    return p >= 0 && this.buf[p + 1] === TCPOLEN_SACK_PERM;
  }
  /** Offset in `buf` of a well-formed timestamp option, or -1; TSval at +2, TSecr at +6. */
  get timestampOffset(): number {
    const p = this.findOption(TCPOPT_TIMESTAMP);
    return p >= 0 && this.buf[p + 1] === TCPOLEN_TIMESTAMP ? p : -1;
  }
  get tsval(): number | undefined {
    const p = this.timestampOffset;
    return p < 0 ? undefined : get32(this.buf, p + 2);
  }
  get tsecr(): number | undefined {
    const p = this.timestampOffset;
    return p < 0 ? undefined : get32(this.buf, p + 6);
  }

  private sumFrom(pseudo: number): number {
    return csumFold(csumPartial(this.buf, this.off + 18, this.len - 18, csumPartial(this.buf, this.off, 16, pseudo)));
  }
  computeChecksum4(src: number, dst: number): number {
    return this.sumFrom(pseudoHeaderSum4(src, dst, IPPROTO_TCP, this.len));
  }
  computeChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): number {
    return this.sumFrom(pseudoHeaderSum6(src, dst, IPPROTO_TCP, this.len, srcOff, dstOff));
  }
  fillChecksum4(src: number, dst: number): void {
    set16(this.buf, this.off + 16, this.computeChecksum4(src, dst));
  }
  fillChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): void {
    set16(this.buf, this.off + 16, this.computeChecksum6(src, dst, srcOff, dstOff));
  }
  verifyChecksum4(src: number, dst: number): boolean {
    return internetChecksum(this.buf, this.off, this.len, pseudoHeaderSum4(src, dst, IPPROTO_TCP, this.len)) === 0;
  }
  verifyChecksum6(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): boolean {
    const sum = pseudoHeaderSum6(src, dst, IPPROTO_TCP, this.len, srcOff, dstOff);
    return internetChecksum(this.buf, this.off, this.len, sum) === 0;
  }

  private setFlag(bit: number, v: boolean): void {
    const o = this.off + 13;
    this.buf[o] = v ? this.buf[o] | bit : this.buf[o] & ~bit;
  }
}

/** One TCP option. Malformed or unparsed bytes are kept (as 'unknown' or 'raw') so emit reproduces them. */
export type TcpOption =
  | { kind: 'eol' }
  | { kind: 'nop' }
  | { kind: 'mss'; mss: number }
  | { kind: 'wscale'; shift: number }
  | { kind: 'sackPermitted' }
  | { kind: 'sack'; blocks: { left: number; right: number }[] }
  | { kind: 'timestamp'; tsval: number; tsecr: number }
  /** Any other kind, or a known kind with an unexpected length: `data` excludes kind and length. */
  | { kind: 'unknown'; type: number; data: Uint8Array }
  /** Bytes that are not options: a truncated option, or non-padding bytes after EOL. */
  | { kind: 'raw'; bytes: Uint8Array };

/** The option list in `bytes` (the options area of a header). Never fails: see TcpOption. */
export function parseTcpOptions(bytes: Uint8Array): TcpOption[] {
  const opts: TcpOption[] = [];
  let p = 0;
  const n = bytes.length;
  while (p < n) {
    const k = bytes[p];
    if (k === TCPOPT_EOL) {
      opts.push({ kind: 'eol' });
      p++;
      // What follows EOL is padding; keep it only if emit's zero padding would not recreate it.
      let zero = true;
      for (let i = p; i < n; i++) if (bytes[i] !== 0) zero = false;
      if (!(zero && ((p + 3) & ~3) === n)) opts.push({ kind: 'raw', bytes: bytes.subarray(p) });
      return opts;
    }
    if (k === TCPOPT_NOP) {
      opts.push({ kind: 'nop' });
      p++;
      continue;
    }
    const size = p + 1 < n ? bytes[p + 1] : 0;
    if (size < 2 || p + size > n) {
      opts.push({ kind: 'raw', bytes: bytes.subarray(p) });
      return opts;
    }
    if (k === TCPOPT_MSS && size === TCPOLEN_MSS) {
      opts.push({ kind: 'mss', mss: get16(bytes, p + 2) });
    } else if (k === TCPOPT_WINDOW && size === TCPOLEN_WINDOW) {
      opts.push({ kind: 'wscale', shift: bytes[p + 2] });
    } else if (k === TCPOPT_SACK_PERM && size === TCPOLEN_SACK_PERM) {
      opts.push({ kind: 'sackPermitted' });
    } else if (k === TCPOPT_TIMESTAMP && size === TCPOLEN_TIMESTAMP) {
      opts.push({ kind: 'timestamp', tsval: get32(bytes, p + 2), tsecr: get32(bytes, p + 6) });
    } else if (k === TCPOPT_SACK && size > 2 && (size - 2) % 8 === 0) {
      const blocks: { left: number; right: number }[] = [];
      for (let q = p + 2; q < p + size; q += 8) blocks.push({ left: get32(bytes, q), right: get32(bytes, q + 4) });
      opts.push({ kind: 'sack', blocks });
    } else {
      opts.push({ kind: 'unknown', type: k, data: bytes.subarray(p + 2, p + size) });
    }
    p += size;
  }
  return opts;
}

function optionLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop': return 1;
    case 'mss': return TCPOLEN_MSS;
    case 'wscale': return TCPOLEN_WINDOW;
    case 'sackPermitted': return TCPOLEN_SACK_PERM;
    case 'sack': return 2 + 8 * o.blocks.length;
    case 'timestamp': return TCPOLEN_TIMESTAMP;
    case 'unknown': return 2 + o.data.length;
    case 'raw': return o.bytes.length;
  }
}

/** Bytes the options take, padded to a multiple of 4 (what data offset must cover). */
export function tcpOptionsLength(opts: readonly TcpOption[]): number {
  let n = 0;
  for (const o of opts) n += optionLength(o);
  return (n + 3) & ~3;
}

/** Writes the options at `off` of `into`, zero-padded to a multiple of 4; returns the end offset. */
export function emitTcpOptions(opts: readonly TcpOption[], into: Uint8Array, off = 0): number {
  let p = off;
  for (const o of opts) {
    switch (o.kind) {
      case 'eol': into[p++] = TCPOPT_EOL; break;
      case 'nop': into[p++] = TCPOPT_NOP; break;
      case 'mss':
        into[p] = TCPOPT_MSS; into[p + 1] = TCPOLEN_MSS; set16(into, p + 2, o.mss); p += 4;
        break;
      case 'wscale':
        into[p] = TCPOPT_WINDOW; into[p + 1] = TCPOLEN_WINDOW; into[p + 2] = o.shift; p += 3;
        break;
      case 'sackPermitted':
        into[p] = TCPOPT_SACK_PERM; into[p + 1] = TCPOLEN_SACK_PERM; p += 2;
        break;
      case 'sack':
        into[p] = TCPOPT_SACK; into[p + 1] = 2 + 8 * o.blocks.length; p += 2;
        for (const b of o.blocks) {
          set32(into, p, b.left); set32(into, p + 4, b.right); p += 8;
        }
        break;
      case 'timestamp':
        into[p] = TCPOPT_TIMESTAMP; into[p + 1] = TCPOLEN_TIMESTAMP;
        set32(into, p + 2, o.tsval); set32(into, p + 6, o.tsecr); p += 10;
        break;
      case 'unknown':
        into[p] = o.type; into[p + 1] = 2 + o.data.length; into.set(o.data, p + 2); p += 2 + o.data.length;
        break;
      case 'raw':
        into.set(o.bytes, p); p += o.bytes.length;
        break;
    }
  }
  const end = off + ((p - off + 3) & ~3);
  into.fill(0, p, end);
  return end;
}

/**
 * The options Linux puts on a SYN or SYN-ACK, in tcp_options_write() order: MSS; SACK-permitted
 * and timestamps (NOP NOP padding where one is missing); NOP + window scale.
 */
export function linuxSynOptions(o: {
  mss: number; sackPermitted?: boolean; timestamp?: { tsval: number; tsecr: number }; wscale?: number;
}): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', mss: o.mss }];
  if (o.timestamp) {
    if (o.sackPermitted) out.push({ kind: 'sackPermitted' });
    else out.push({ kind: 'nop' }, { kind: 'nop' });
    out.push({ kind: 'timestamp', ...o.timestamp });
  } else if (o.sackPermitted) {
    out.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackPermitted' });
  }
  if (o.wscale !== undefined) out.push({ kind: 'nop' }, { kind: 'wscale', shift: o.wscale });
  return out;
}

export interface TcpRecord {
  srcPort: number;
  dstPort: number;
  seq: number;
  ackSeq: number;
  /** The 12 bits after the data offset: TCPHDR_* flags, AE, and reserved bits (kept as found). */
  flags: number;
  window: number;
  /** As found by parse; emit computes it when given the pseudo-header addresses. */
  checksum: number;
  urgentPointer: number;
  options: TcpOption[];
  payload: Uint8Array;
}

/** What emitTcp accepts: ports, sequence numbers and flags, with the rest defaulted to 0 / none. */
export type TcpInit = Pick<TcpRecord, 'srcPort' | 'dstPort' | 'seq' | 'flags'> &
  Partial<Omit<TcpRecord, 'srcPort' | 'dstPort' | 'seq' | 'flags'>>;

/** Parses the whole of `bytes` as one segment (pass exactly the IP payload). */
export function parseTcp(bytes: Uint8Array): TcpRecord | undefined {
  const p = new TcpPacket(bytes);
  if (!p.isValid) return undefined;
  const hl = p.headerLength;
  return {
    srcPort: p.srcPort,
    dstPort: p.dstPort,
    seq: p.seq,
    ackSeq: p.ackSeq,
    flags: p.flags,
    window: p.window,
    checksum: p.checksum,
    urgentPointer: p.urgentPointer,
    options: parseTcpOptions(bytes.subarray(TCP_HLEN, hl)),
    payload: bytes.subarray(hl),
  };
}

export function tcpChecksumOk(bytes: Uint8Array, ip: PseudoAddrs): boolean {
  const p = new TcpPacket(bytes);
  if (!TcpPacket.check(bytes)) return false;
  return typeof ip.src === 'number'
    ? p.verifyChecksum4(ip.src, ip.dst as number)
    : p.verifyChecksum6(ip.src, ip.dst as Uint8Array);
}

export function tcpHeaderLength(rec: { options?: readonly TcpOption[] }): number {
  return TCP_HLEN + tcpOptionsLength(rec.options ?? []);
}

export function tcpLength(rec: TcpInit): number {
  return tcpHeaderLength(rec) + (rec.payload?.length ?? 0);
}

const EMPTY = new Uint8Array(0);

/**
 * Writes the segment (payload not copied if already in place). With `ip` the checksum is
 * computed over that pseudo-header; without, rec.checksum (default 0) is written.
 */
export function emitTcp(rec: TcpInit, into?: Uint8Array, ip?: PseudoAddrs): Uint8Array {
  const hl = tcpHeaderLength(rec);
  if (hl > TCP_MAX_HLEN) throw new RangeError(`emitTcp: header of ${hl} bytes (max 60)`);
  const payload = rec.payload ?? EMPTY;
  const len = hl + payload.length;
  const out = outBuffer(len, into, 'emitTcp');
  set16(out, 0, rec.srcPort);
  set16(out, 2, rec.dstPort);
  set32(out, 4, rec.seq);
  set32(out, 8, rec.ackSeq ?? 0);
  set16(out, 12, ((hl / 4) << 12) | (rec.flags & 0x0fff));
  set16(out, 14, rec.window ?? 0);
  set16(out, 16, 0);
  set16(out, 18, rec.urgentPointer ?? 0);
  emitTcpOptions(rec.options ?? [], out, TCP_HLEN);
  copyInto(out, hl, payload);
  set16(out, 16, ip === undefined ? rec.checksum ?? 0 : internetChecksum(out, 0, len, pseudoHeaderSum(ip, IPPROTO_TCP, len)));
  return out;
}

/** The RST that answers the segment at `th` of `segLen` bytes (header and data), as
 *  tcp_v4_send_reset() and nf_reject_ip_tcphdr_put() build it (RFC 793 "Reset Generation"):
 *  ports swapped; a segment carrying an ACK is answered from the sequence number it
 *  acknowledged, one without is acknowledged for what it occupied. */
export function tcpResetFor(b: Uint8Array, th: number, segLen: number): TcpInit {
  const flags = b[th + 13]!;
  const reset: TcpInit = { srcPort: get16(b, th + 2), dstPort: get16(b, th), seq: 0, ackSeq: 0, flags: TCPHDR_RST };
  if (flags & TCPHDR_ACK) {
    reset.seq = get32(b, th + 8);
  } else {
    const doff = (b[th + 12]! >> 4) * 4;
    reset.ackSeq = (get32(b, th + 4) + (flags & TCPHDR_SYN ? 1 : 0) + (flags & TCPHDR_FIN ? 1 : 0) + segLen - doff) >>> 0;
    reset.flags |= TCPHDR_ACK;
  }
  return reset;
}
