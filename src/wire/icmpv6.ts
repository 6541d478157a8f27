// ICMPv6 (RFC 4443, include/uapi/linux/icmpv6.h) and neighbour discovery (RFC 4861,
// include/net/ndisc.h). The checksum covers the IPv6 pseudo-header, so computing it needs the
// source and destination addresses.
import { IcmpHeaderView } from './icmp_header.js';
import { bytesEqual, copyInto, get16, get32, outBuffer, set16, set32 } from './bytes.js';
import { csumFold, csumPartial, internetChecksum, pseudoHeaderSum6 } from './checksum.js';
import { IPPROTO_ICMPV6 } from './ipv4.js';

export const ICMPV6_DEST_UNREACH = 1;
export const ICMPV6_PKT_TOOBIG = 2;
export const ICMPV6_TIME_EXCEED = 3;
export const ICMPV6_PARAMPROB = 4;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
export const ICMPV6_MGM_QUERY = 130;
export const ICMPV6_MGM_REPORT = 131;
export const ICMPV6_MGM_REDUCTION = 132;
export const ICMPV6_MLD2_REPORT = 143;
export const ICMPV6_EXT_ECHO_REQUEST = 160;
export const ICMPV6_EXT_ECHO_REPLY = 161;

// Codes for ICMPV6_DEST_UNREACH
export const ICMPV6_NOROUTE = 0;
export const ICMPV6_ADM_PROHIBITED = 1;
export const ICMPV6_NOT_NEIGHBOUR = 2;
export const ICMPV6_ADDR_UNREACH = 3;
export const ICMPV6_PORT_UNREACH = 4;
export const ICMPV6_POLICY_FAIL = 5;
export const ICMPV6_REJECT_ROUTE = 6;
// Codes for ICMPV6_TIME_EXCEED
export const ICMPV6_EXC_HOPLIMIT = 0;
export const ICMPV6_EXC_FRAGTIME = 1;
// Codes for ICMPV6_PARAMPROB
export const ICMPV6_HDR_FIELD = 0;
export const ICMPV6_UNK_NEXTHDR = 1;
export const ICMPV6_UNK_OPTION = 2;

// Neighbour discovery message types (include/net/ndisc.h)
export const NDISC_ROUTER_SOLICITATION = 133;
export const NDISC_ROUTER_ADVERTISEMENT = 134;
export const NDISC_NEIGHBOUR_SOLICITATION = 135;
export const NDISC_NEIGHBOUR_ADVERTISEMENT = 136;
export const NDISC_REDIRECT = 137;

// Neighbour discovery option types
export const ND_OPT_SOURCE_LL_ADDR = 1;
export const ND_OPT_TARGET_LL_ADDR = 2;
export const ND_OPT_PREFIX_INFO = 3;
export const ND_OPT_REDIRECT_HDR = 4;
export const ND_OPT_MTU = 5;
export const ND_OPT_NONCE = 14;
export const ND_OPT_ROUTE_INFO = 24;
export const ND_OPT_RDNSS = 25;
export const ND_OPT_DNSSL = 31;
export const ND_OPT_6CO = 34;
export const ND_OPT_CAPTIVE_PORTAL = 37;
export const ND_OPT_PREF64 = 38;

/** Neighbour advertisement flags, as bits of the 32-bit "rest of header". */
export const ND_NA_FLAG_ROUTER = 0x80000000;
export const ND_NA_FLAG_SOLICITED = 0x40000000;
export const ND_NA_FLAG_OVERRIDE = 0x20000000;

export const ICMPV6_HLEN = 8;

/** icmpv6 error types are below 128 (ICMPV6_INFOMSG_MASK clear). */
export function icmpv6IsError(type: number): boolean {
  return (type & 0x80) === 0;
}

/**
 * Where the options of an ND message start, from the start of the ICMPv6 message: RS 8, RA 16,
 * NS/NA 24, redirect 40; -1 for other types.
 */
export function ndOptionsStart(type: number): number {
  switch (type) {
    case NDISC_ROUTER_SOLICITATION: return 8;
    case NDISC_ROUTER_ADVERTISEMENT: return 16;
    case NDISC_NEIGHBOUR_SOLICITATION:
    case NDISC_NEIGHBOUR_ADVERTISEMENT: return 24;
    case NDISC_REDIRECT: return 40;
    default: return -1;
  }
}

/**
 * Finds ND option `optType` in [start, end) of `buf`: the offset of its type byte, or -1 when
 * absent. -2 when the options are malformed (a zero length or one running past `end`), which
 * ndisc_parse_options() treats as a reason to drop the message.
 */
export function findNdOption(buf: Uint8Array, start: number, end: number, optType: number): number {
  let p = start;
  let found = -1;
  while (p + 2 <= end) {
    const l = buf[p + 1] * 8;
    if (l === 0 || p + l > end) return -2;
    if (buf[p] === optType && found < 0) found = p;
    p += l;
  }
  return p === end ? found : -2;
}

/**
 * View over an ICMPv6 message at `off` of `buf`, `len` bytes long (by default to the end of
 * `buf`; pass the IPv6 payload length so trailing padding is not checksummed).
 */
export class Icmpv6Packet extends IcmpHeaderView {
  static readonly HEADER_LEN = ICMPV6_HLEN;

  static check(buf: Uint8Array, off = 0, len = buf.length - off): boolean {
    return len >= ICMPV6_HLEN && off + len <= buf.length;
  }

  /** check() plus, for ND messages, room for the fixed part (e.g. the target of NS/NA). */
  get isValid(): boolean {
    if (!Icmpv6Packet.check(this.buf, this.off, this.len)) return false;
    const s = ndOptionsStart(this.type);
    return s < 0 || this.len >= s;
  }

  /** MTU of ICMPV6_PKT_TOOBIG, pointer of ICMPV6_PARAMPROB: the 32-bit rest. */
  get mtu(): number {
    return this.rest;
  }
  set mtu(v: number) {
    this.rest = v;
  }
  get pointer(): number {
    return this.rest;
  }
  set pointer(v: number) {
    this.rest = v;
  }
  /** Neighbour advertisement flags. */
  get router(): boolean {
    return (this.buf[this.off + 4] & 0x80) !== 0;
  }
  set router(v: boolean) {
    this.setBit(0x80, v);
  }
  get solicited(): boolean {
    return (this.buf[this.off + 4] & 0x40) !== 0;
  }
  set solicited(v: boolean) {
    this.setBit(0x40, v);
  }
  get override(): boolean {
    return (this.buf[this.off + 4] & 0x20) !== 0;
  }
  set override(v: boolean) {
    this.setBit(0x20, v);
  }
  /** Target address of NS/NA/redirect (16-byte subarray, live). */
  get target(): Uint8Array {
    return this.buf.subarray(this.off + 8, this.off + 24);
  }
  set target(a: Uint8Array) {
    this.buf.set(a.subarray(0, 16), this.off + 8);
  }
  get targetOffset(): number {
    return this.off + 8;
  }
  targetEquals(a: Uint8Array, aOff = 0): boolean {
    return bytesEqual(this.buf, this.off + 8, a, aOff, 16);
  }
  get dataOffset(): number {
    return this.off + ICMPV6_HLEN;
  }
  /** Bytes after the 8-byte header (subarray, live). */
  get data(): Uint8Array {
    return this.buf.subarray(this.off + ICMPV6_HLEN, this.off + this.len);
  }
  /** Offset in `buf` of the ND options, or -1 when this is not an ND message. */
  get ndOptionsOffset(): number {
    const s = ndOptionsStart(this.type);
    return s < 0 ? -1 : this.off + s;
  }
  /** Offset in `buf` of the first ND option of type `optType`; -1 absent, -2 malformed options. */
  findNdOption(optType: number): number {
    const s = this.ndOptionsOffset;
    return s < 0 ? -1 : findNdOption(this.buf, s, this.off + this.len, optType);
  }
  /**
   * Offset in `buf` of the 6-byte Ethernet address in the source (ND_OPT_SOURCE_LL_ADDR) or
   * target (ND_OPT_TARGET_LL_ADDR) link-layer address option, or -1 when absent, malformed, or
   * not 8 bytes long.
   */
  linkLayerAddressOffset(optType: number): number {
    const p = this.findNdOption(optType);
    return p >= 0 && this.buf[p + 1] === 1 ? p + 2 : -1;
  }
  /** The link-layer address option's address (6-byte subarray), or undefined. */
  linkLayerAddress(optType: number): Uint8Array | undefined {
    const p = this.linkLayerAddressOffset(optType);
    return p < 0 ? undefined : this.buf.subarray(p, p + 6);
  }

  /** The checksum the message should carry, given the IPv6 source and destination. */
  computeChecksum(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): number {
    const sum = pseudoHeaderSum6(src, dst, IPPROTO_ICMPV6, this.len, srcOff, dstOff);
    return csumFold(csumPartial(this.buf, this.off + 4, this.len - 4, csumPartial(this.buf, this.off, 2, sum)));
  }
  fillChecksum(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): void {
    set16(this.buf, this.off + 2, this.computeChecksum(src, dst, srcOff, dstOff));
  }
  verifyChecksum(src: Uint8Array, dst: Uint8Array, srcOff = 0, dstOff = 0): boolean {
    const sum = pseudoHeaderSum6(src, dst, IPPROTO_ICMPV6, this.len, srcOff, dstOff);
    return internetChecksum(this.buf, this.off, this.len, sum) === 0;
  }

  private setBit(bit: number, v: boolean): void {
    const o = this.off + 4;
    this.buf[o] = v ? this.buf[o] | bit : this.buf[o] & ~bit;
  }
}

export interface Icmpv6Record {
  type: number;
  code: number;
  /** As found by parse; emit computes it when given the addresses. */
  checksum: number;
  /**
   * Bytes 4..7 as a uint32: echo id << 16 | seq, MTU, pointer, NA flags (ND_NA_FLAG_*), or
   * reserved (kept as found).
   */
  rest: number;
  /** Bytes after the 8-byte header: echo data, quoted packet, or an ND body (target + options). */
  data: Uint8Array;
}

export type Icmpv6Init = Omit<Icmpv6Record, 'checksum'> & { checksum?: number };

/** Parses the whole of `bytes` as one ICMPv6 message (pass exactly the IPv6 upper-layer bytes). */
export function parseIcmpv6(bytes: Uint8Array): Icmpv6Record | undefined {
  if (bytes.length < ICMPV6_HLEN) return undefined;
  return {
    type: bytes[0],
    code: bytes[1],
    checksum: get16(bytes, 2),
    rest: get32(bytes, 4),
    data: bytes.subarray(ICMPV6_HLEN),
  };
}

export function icmpv6ChecksumOk(bytes: Uint8Array, src: Uint8Array, dst: Uint8Array): boolean {
  return Icmpv6Packet.check(bytes) && new Icmpv6Packet(bytes).verifyChecksum(src, dst);
}

export function icmpv6Length(rec: Icmpv6Init): number {
  return ICMPV6_HLEN + rec.data.length;
}

/**
 * Writes the message. With `ip` (the IPv6 source and destination) the checksum is computed;
 * without, rec.checksum (default 0) is written as is.
 */
export function emitIcmpv6(
  rec: Icmpv6Init, into?: Uint8Array, ip?: { src: Uint8Array; dst: Uint8Array },
): Uint8Array {
  const out = outBuffer(ICMPV6_HLEN + rec.data.length, into, 'emitIcmpv6');
  out[0] = rec.type;
  out[1] = rec.code;
  set16(out, 2, ip === undefined ? rec.checksum ?? 0 : 0);
  set32(out, 4, rec.rest);
  copyInto(out, ICMPV6_HLEN, rec.data);
  if (ip !== undefined) {
    set16(out, 2, internetChecksum(out, 0, out.length, pseudoHeaderSum6(ip.src, ip.dst, IPPROTO_ICMPV6, out.length)));
  }
  return out;
}

/** An echo request/reply record. */
export function icmpv6Echo(type: number, id: number, seq: number, data: Uint8Array): Icmpv6Init {
  return { type, code: 0, rest: (((id & 0xffff) << 16) | (seq & 0xffff)) >>> 0, data };
}

/** An error record quoting `quoted` (as much of the offending packet as fits in 1280 bytes). */
export function icmpv6Error(type: number, code: number, quoted: Uint8Array, rest = 0): Icmpv6Init {
  return { type, code, rest: rest >>> 0, data: quoted };
}

/** An ND option: its type and the bytes after the type and length octets (length*8 - 2 bytes). */
export interface NdOption {
  type: number;
  body: Uint8Array;
}

/** ndisc_parse_options(): the options in `bytes`, or undefined when malformed. */
export function parseNdOptions(bytes: Uint8Array): NdOption[] | undefined {
  const opts: NdOption[] = [];
  let p = 0;
  while (p < bytes.length) {
    if (p + 2 > bytes.length) return undefined;
    const l = bytes[p + 1] * 8;
    if (l === 0 || p + l > bytes.length) return undefined;
    opts.push({ type: bytes[p], body: bytes.subarray(p + 2, p + l) });
    p += l;
  }
  return opts;
}

export function ndOptionsLength(opts: readonly NdOption[]): number {
  let n = 0;
  for (const o of opts) n += (o.body.length + 2 + 7) & ~7;
  return n;
}

/** Writes options at `off` of `into`, each zero-padded to a multiple of 8; returns the end offset. */
export function emitNdOptions(opts: readonly NdOption[], into: Uint8Array, off = 0): number {
  let p = off;
  for (const o of opts) {
    const l = (o.body.length + 2 + 7) & ~7;
    into[p] = o.type;
    into[p + 1] = l / 8;
    into.set(o.body, p + 2);
    into.fill(0, p + 2 + o.body.length, p + l);
    p += l;
  }
  return p;
}

/** A link-layer address option (ND_OPT_SOURCE_LL_ADDR or ND_OPT_TARGET_LL_ADDR) for a MAC. */
export function ndLinkLayerAddressOption(type: number, mac: Uint8Array): NdOption {
  return { type, body: mac.subarray(0, 6) };
}

/** The first link-layer address option of `type` among `opts` (its first 6 bytes), or undefined. */
export function ndLinkLayerAddress(opts: readonly NdOption[], type: number): Uint8Array | undefined {
  for (const o of opts) if (o.type === type && o.body.length >= 6) return o.body.subarray(0, 6);
  return undefined;
}

/** The ND fields of an RS, RA, NS, NA or redirect message. */
export interface NdMessage {
  type: number;
  /** NS, NA, redirect: the target address. */
  target?: Uint8Array;
  /** NA flags. */
  router: boolean;
  solicited: boolean;
  override: boolean;
  /** The bytes between the header and the options (RA: reachable/retrans timers; else target). */
  fixed: Uint8Array;
  options: NdOption[];
}

/** Splits an ND message into its parts; undefined for non-ND types or malformed options. */
export function parseNdMessage(rec: Icmpv6Record): NdMessage | undefined {
  const start = ndOptionsStart(rec.type);
  if (start < 0 || rec.data.length < start - ICMPV6_HLEN) return undefined;
  const fixed = rec.data.subarray(0, start - ICMPV6_HLEN);
  const options = parseNdOptions(rec.data.subarray(start - ICMPV6_HLEN));
  if (options === undefined) return undefined;
  const hasTarget = rec.type !== NDISC_ROUTER_SOLICITATION && rec.type !== NDISC_ROUTER_ADVERTISEMENT;
  return {
    type: rec.type,
    target: hasTarget ? fixed.subarray(0, 16) : undefined,
    router: (rec.rest & ND_NA_FLAG_ROUTER) !== 0,
    solicited: (rec.rest & ND_NA_FLAG_SOLICITED) !== 0,
    override: (rec.rest & ND_NA_FLAG_OVERRIDE) !== 0,
    fixed,
    options,
  };
}

function ndRecord(type: number, rest: number, fixed: Uint8Array | undefined, opts: readonly NdOption[]): Icmpv6Init {
  const fl = fixed?.length ?? 0;
  const data = new Uint8Array(fl + ndOptionsLength(opts));
  if (fixed !== undefined) data.set(fixed, 0);
  emitNdOptions(opts, data, fl);
  return { type, code: 0, rest: rest >>> 0, data };
}

/** ndisc_send_rs(): a router solicitation, with a source link-layer address option if given. */
export function ndRouterSolicitation(sllao?: Uint8Array, extra: readonly NdOption[] = []): Icmpv6Init {
  const opts = sllao ? [ndLinkLayerAddressOption(ND_OPT_SOURCE_LL_ADDR, sllao), ...extra] : extra;
  return ndRecord(NDISC_ROUTER_SOLICITATION, 0, undefined, opts);
}

/** ndisc_send_ns(): a neighbour solicitation for `target` (no SLLAO from :: during DAD). */
export function ndNeighbourSolicitation(
  target: Uint8Array, sllao?: Uint8Array, extra: readonly NdOption[] = [],
): Icmpv6Init {
  const opts = sllao ? [ndLinkLayerAddressOption(ND_OPT_SOURCE_LL_ADDR, sllao), ...extra] : extra;
  return ndRecord(NDISC_NEIGHBOUR_SOLICITATION, 0, target.subarray(0, 16), opts);
}

/** ndisc_send_na(): a neighbour advertisement. */
export function ndNeighbourAdvertisement(na: {
  target: Uint8Array;
  router?: boolean;
  solicited?: boolean;
  override?: boolean;
  tllao?: Uint8Array;
  extra?: readonly NdOption[];
}): Icmpv6Init {
  const rest = (na.router ? ND_NA_FLAG_ROUTER : 0) | (na.solicited ? ND_NA_FLAG_SOLICITED : 0) |
    (na.override ? ND_NA_FLAG_OVERRIDE : 0);
  const extra = na.extra ?? [];
  const opts = na.tllao ? [ndLinkLayerAddressOption(ND_OPT_TARGET_LL_ADDR, na.tllao), ...extra] : extra;
  return ndRecord(NDISC_NEIGHBOUR_ADVERTISEMENT, rest, na.target.subarray(0, 16), opts);
}
