// ARP for IPv4 over Ethernet (RFC 826, include/uapi/linux/if_arp.h). Addresses: MACs as 6-byte
// Uint8Arrays, IPv4 as uint32 numbers (10.0.0.1 === 0x0a000001).
import { get16, get32, outBuffer, set16, set32 } from './bytes.js';
import { ETH_ALEN, ETH_P_IP } from './ethernet.js';

export const ARPHRD_ETHER = 1;
export const ARPHRD_IEEE802 = 6;

export const ARPOP_REQUEST = 1;
export const ARPOP_REPLY = 2;
export const ARPOP_RREQUEST = 3;
export const ARPOP_RREPLY = 4;
export const ARPOP_InREQUEST = 8;
export const ARPOP_InREPLY = 9;
export const ARPOP_NAK = 10;

/** Length of an Ethernet/IPv4 ARP packet (the fixed 8 bytes + 2 * (6 + 4)). */
export const ARP_ETH_IP_LEN = 28;

/**
 * View over an ARP packet at `off` of `buf`. The address getters assume hlen 6 and plen 4 (the
 * only layout Linux's arp_rcv() accepts on Ethernet); `isEthernetIpv4` tells whether that holds.
 */
export class ArpPacket {
  static readonly LEN = ARP_ETH_IP_LEN;

  /** True when `buf` holds the fixed part and the addresses its hlen/plen announce. */
  static check(buf: Uint8Array, off = 0): boolean {
    const n = buf.length - off;
    return n >= 8 && n >= 8 + 2 * (buf[off + 4] + buf[off + 5]);
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  get isValid(): boolean {
    return ArpPacket.check(this.buf, this.off);
  }
  /** hlen 6 and plen 4, and long enough for them. */
  get isEthernetIpv4(): boolean {
    return this.hlen === ETH_ALEN && this.plen === 4 && this.buf.length - this.off >= ARP_ETH_IP_LEN;
  }

  get htype(): number {
    return get16(this.buf, this.off);
  }
  set htype(v: number) {
    set16(this.buf, this.off, v);
  }
  get ptype(): number {
    return get16(this.buf, this.off + 2);
  }
  set ptype(v: number) {
    set16(this.buf, this.off + 2, v);
  }
  get hlen(): number {
    return this.buf[this.off + 4];
  }
  set hlen(v: number) {
    this.buf[this.off + 4] = v;
  }
  get plen(): number {
    return this.buf[this.off + 5];
  }
  set plen(v: number) {
    this.buf[this.off + 5] = v;
  }
  get op(): number {
    return get16(this.buf, this.off + 6);
  }
  set op(v: number) {
    set16(this.buf, this.off + 6, v);
  }
  /** Sender hardware address (subarray, live). */
  get sha(): Uint8Array {
    return this.buf.subarray(this.off + 8, this.off + 14);
  }
  set sha(mac: Uint8Array) {
    this.buf.set(mac.subarray(0, 6), this.off + 8);
  }
  get shaOffset(): number {
    return this.off + 8;
  }
  get spa(): number {
    return get32(this.buf, this.off + 14);
  }
  set spa(v: number) {
    set32(this.buf, this.off + 14, v);
  }
  get tha(): Uint8Array {
    return this.buf.subarray(this.off + 18, this.off + 24);
  }
  set tha(mac: Uint8Array) {
    this.buf.set(mac.subarray(0, 6), this.off + 18);
  }
  get thaOffset(): number {
    return this.off + 18;
  }
  get tpa(): number {
    return get32(this.buf, this.off + 24);
  }
  set tpa(v: number) {
    set32(this.buf, this.off + 24, v);
  }
}

export interface ArpRecord {
  htype: number;
  ptype: number;
  hlen: number;
  plen: number;
  op: number;
  sha: Uint8Array;
  spa: number;
  tha: Uint8Array;
  tpa: number;
}

/** What emitArp accepts: htype/ptype/hlen/plen default to Ethernet/IPv4. */
export type ArpInit = Omit<ArpRecord, 'htype' | 'ptype' | 'hlen' | 'plen'> &
  Partial<Pick<ArpRecord, 'htype' | 'ptype' | 'hlen' | 'plen'>>;

/**
 * Parses an Ethernet/IPv4 ARP packet; undefined when too short or when hlen/plen are not 6/4.
 * Trailing bytes (Ethernet padding) are ignored. htype, ptype and op are kept as found.
 */
export function parseArp(bytes: Uint8Array): ArpRecord | undefined {
  if (bytes.length < ARP_ETH_IP_LEN || bytes[4] !== ETH_ALEN || bytes[5] !== 4) return undefined;
  return {
    htype: get16(bytes, 0),
    ptype: get16(bytes, 2),
    hlen: bytes[4],
    plen: bytes[5],
    op: get16(bytes, 6),
    sha: bytes.subarray(8, 14),
    spa: get32(bytes, 14),
    tha: bytes.subarray(18, 24),
    tpa: get32(bytes, 24),
  };
}

export function arpLength(_rec?: ArpInit): number {
  return ARP_ETH_IP_LEN;
}

/** Writes the 28-byte packet. hlen/plen are written as given but the layout is always 6/4. */
export function emitArp(rec: ArpInit, into?: Uint8Array): Uint8Array {
  const out = outBuffer(ARP_ETH_IP_LEN, into, 'emitArp');
  set16(out, 0, rec.htype ?? ARPHRD_ETHER);
  set16(out, 2, rec.ptype ?? ETH_P_IP);
  out[4] = rec.hlen ?? ETH_ALEN;
  out[5] = rec.plen ?? 4;
  set16(out, 6, rec.op);
  out.set(rec.sha.subarray(0, 6), 8);
  set32(out, 14, rec.spa);
  out.set(rec.tha.subarray(0, 6), 18);
  set32(out, 24, rec.tpa);
  return out;
}
