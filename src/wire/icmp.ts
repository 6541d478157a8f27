// ICMP for IPv4 (RFC 792, include/uapi/linux/icmp.h). The message is a type, a code, a checksum
// over the whole message, 4 bytes whose meaning depends on the type ("rest of header": echo id and
// sequence, the next-hop MTU of "fragmentation needed", a redirect's gateway, a parameter
// problem's pointer), and data: echo payload, or the quoted datagram of an error.
import { IcmpHeaderView } from './icmp_header.js';
import { copyInto, get16, get32, outBuffer, set16, set32 } from './bytes.js';
import { csumPartial, csumFold, internetChecksum } from './checksum.js';

// Types
export const ICMP_ECHOREPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_SOURCE_QUENCH = 4;
export const ICMP_REDIRECT = 5;
export const ICMP_ECHO = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_PARAMETERPROB = 12;
export const ICMP_TIMESTAMP = 13;
export const ICMP_TIMESTAMPREPLY = 14;
export const ICMP_INFO_REQUEST = 15;
export const ICMP_INFO_REPLY = 16;
export const ICMP_ADDRESS = 17;
export const ICMP_ADDRESSREPLY = 18;
export const NR_ICMP_TYPES = 18;
export const ICMP_EXT_ECHO = 42;
export const ICMP_EXT_ECHOREPLY = 43;

// Codes for ICMP_DEST_UNREACH
export const ICMP_NET_UNREACH = 0;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PROT_UNREACH = 2;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_FRAG_NEEDED = 4;
export const ICMP_SR_FAILED = 5;
export const ICMP_NET_UNKNOWN = 6;
export const ICMP_HOST_UNKNOWN = 7;
export const ICMP_HOST_ISOLATED = 8;
export const ICMP_NET_ANO = 9;
export const ICMP_HOST_ANO = 10;
export const ICMP_NET_UNR_TOS = 11;
export const ICMP_HOST_UNR_TOS = 12;
export const ICMP_PKT_FILTERED = 13;
export const ICMP_PREC_VIOLATION = 14;
export const ICMP_PREC_CUTOFF = 15;
export const NR_ICMP_UNREACH = 15;

// Codes for ICMP_REDIRECT
export const ICMP_REDIR_NET = 0;
export const ICMP_REDIR_HOST = 1;
export const ICMP_REDIR_NETTOS = 2;
export const ICMP_REDIR_HOSTTOS = 3;

// Codes for ICMP_TIME_EXCEEDED
export const ICMP_EXC_TTL = 0;
export const ICMP_EXC_FRAGTIME = 1;

/** The 8-byte header (struct icmphdr). */
export const ICMP_HLEN = 8;

/** icmp_is_err(): is `type` an error message (one that quotes a datagram)? */
export function icmpIsError(type: number): boolean {
  return type === ICMP_DEST_UNREACH || type === ICMP_SOURCE_QUENCH || type === ICMP_REDIRECT ||
    type === ICMP_TIME_EXCEEDED || type === ICMP_PARAMETERPROB;
}

/**
 * View over an ICMP message at `off` of `buf`, `len` bytes long (by default to the end of `buf`;
 * pass the IP payload length so trailing padding is not checksummed).
 */
export class IcmpPacket extends IcmpHeaderView {
  static readonly HEADER_LEN = ICMP_HLEN;

  static check(buf: Uint8Array, off = 0, len = buf.length - off): boolean {
    return len >= ICMP_HLEN && off + len <= buf.length;
  }

  get isValid(): boolean {
    return IcmpPacket.check(this.buf, this.off, this.len);
  }

  /** Next-hop MTU of ICMP_FRAG_NEEDED (un.frag.mtu). */
  get mtu(): number {
    return get16(this.buf, this.off + 6);
  }
  set mtu(v: number) {
    set16(this.buf, this.off + 6, v);
  }
  /** Gateway of ICMP_REDIRECT (un.gateway), a uint32 address. */
  get gateway(): number {
    return get32(this.buf, this.off + 4);
  }
  set gateway(v: number) {
    set32(this.buf, this.off + 4, v);
  }
  /** Pointer of ICMP_PARAMETERPROB (first byte of un). */
  get pointer(): number {
    return this.buf[this.off + 4];
  }
  set pointer(v: number) {
    this.buf[this.off + 4] = v;
  }
  get dataOffset(): number {
    return this.off + ICMP_HLEN;
  }
  /** Bytes after the header: echo payload, or the quoted datagram of an error (subarray, live). */
  get data(): Uint8Array {
    return this.buf.subarray(this.off + ICMP_HLEN, this.off + this.len);
  }
  /** The quoted IP header + leading payload of an error message (same bytes as `data`). */
  get quoted(): Uint8Array {
    return this.data;
  }

  computeChecksum(): number {
    return csumFold(
      csumPartial(this.buf, this.off + 4, this.len - 4, csumPartial(this.buf, this.off, 2)),
    );
  }
  fillChecksum(): void {
    set16(this.buf, this.off + 2, this.computeChecksum());
  }
  verifyChecksum(): boolean {
    return internetChecksum(this.buf, this.off, this.len) === 0;
  }
}

export interface IcmpRecord {
  type: number;
  code: number;
  /** As found by parse (verify with icmpChecksumOk); emit always computes it. */
  checksum: number;
  /** Bytes 4..7 as a uint32: echo id << 16 | seq, MTU, gateway, pointer << 24, or 0. */
  rest: number;
  /** Echo payload, or the quoted datagram of an error. */
  data: Uint8Array;
}

export type IcmpInit = Omit<IcmpRecord, 'checksum'> & { checksum?: number };

/** Parses the whole of `bytes` as one ICMP message (pass exactly the IP payload). */
export function parseIcmp(bytes: Uint8Array): IcmpRecord | undefined {
  if (bytes.length < ICMP_HLEN) return undefined;
  return {
    type: bytes[0],
    code: bytes[1],
    checksum: get16(bytes, 2),
    rest: get32(bytes, 4),
    data: bytes.subarray(ICMP_HLEN),
  };
}

export function icmpChecksumOk(bytes: Uint8Array): boolean {
  return bytes.length >= ICMP_HLEN && internetChecksum(bytes) === 0;
}

export function icmpLength(rec: IcmpInit): number {
  return ICMP_HLEN + rec.data.length;
}

/** Writes the message with its checksum computed (rec.checksum is ignored). */
export function emitIcmp(rec: IcmpInit, into?: Uint8Array): Uint8Array {
  const out = outBuffer(ICMP_HLEN + rec.data.length, into, 'emitIcmp');
  out[0] = rec.type;
  out[1] = rec.code;
  out[2] = 0;
  out[3] = 0;
  set32(out, 4, rec.rest);
  copyInto(out, ICMP_HLEN, rec.data);
  set16(out, 2, internetChecksum(out));
  return out;
}

/** An echo request (ICMP_ECHO) or reply (ICMP_ECHOREPLY) record. */
export function icmpEcho(type: number, id: number, seq: number, data: Uint8Array): IcmpInit {
  return { type, code: 0, rest: (((id & 0xffff) << 16) | (seq & 0xffff)) >>> 0, data };
}

/**
 * An error record quoting `quoted` (the offending IP header and the start of its payload; Linux
 * quotes as much as fits in 576 bytes). `rest` carries the MTU (frag needed), the gateway
 * (redirect) or pointer << 24 (parameter problem).
 */
export function icmpError(type: number, code: number, quoted: Uint8Array, rest = 0): IcmpInit {
  return { type, code, rest: rest >>> 0, data: quoted };
}

/** The echo id and sequence packed in an IcmpRecord's rest. */
export function icmpEchoId(rec: { rest: number }): number {
  return rec.rest >>> 16;
}
export function icmpEchoSeq(rec: { rest: number }): number {
  return rec.rest & 0xffff;
}
