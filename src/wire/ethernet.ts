// Ethernet II frames (include/uapi/linux/if_ether.h): destination, source, ethertype, payload.
// No FCS: like a Linux packet socket, a frame here ends with its payload (and any padding).
import { bytesEqual, copyInto, get16, outBuffer, set16 } from './bytes.js';

export const ETH_ALEN = 6;
export const ETH_TLEN = 2;
export const ETH_HLEN = 14;
/** Minimum frame length without FCS; shorter frames are padded on real NICs (veth does not). */
export const ETH_ZLEN = 60;
export const ETH_DATA_LEN = 1500;
export const ETH_FRAME_LEN = 1514;

/** Ethertypes, as in if_ether.h. Values below ETH_P_802_3_MIN are 802.3 lengths. */
export const ETH_P_LOOP = 0x0060;
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_TEB = 0x6558;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_IPV6 = 0x86dd;
export const ETH_P_MPLS_UC = 0x8847;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_LLDP = 0x88cc;
export const ETH_P_802_3_MIN = 0x0600;
/** Pseudo-ethertypes used by packet sockets, never on the wire. */
export const ETH_P_ALL = 0x0003;

export const BROADCAST_MAC: Uint8Array = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** is_broadcast_ether_addr() for the 6 bytes at `off`. */
export function isBroadcastMac(mac: Uint8Array, off = 0): boolean {
  return (mac[off] & mac[off + 1] & mac[off + 2] & mac[off + 3] & mac[off + 4] & mac[off + 5]) === 0xff;
}

/** is_multicast_ether_addr() (the group bit; true for broadcast too). */
export function isMulticastMac(mac: Uint8Array, off = 0): boolean {
  return (mac[off] & 0x01) !== 0;
}

/** is_zero_ether_addr(). */
export function isZeroMac(mac: Uint8Array, off = 0): boolean {
  return (mac[off] | mac[off + 1] | mac[off + 2] | mac[off + 3] | mac[off + 4] | mac[off + 5]) === 0;
}

/** ether_addr_equal() of the 6 bytes at `aOff` and `bOff`. */
export function macEqual(a: Uint8Array, b: Uint8Array, aOff = 0, bOff = 0): boolean {
  return bytesEqual(a, aOff, b, bOff, ETH_ALEN);
}

/**
 * A MAC address as a number (48 bits, exact in a double): an allocation-free key for maps such
 * as a bridge FDB. macFromNumber() undoes it.
 */
export function macToNumber(mac: Uint8Array, off = 0): number {
  return ((mac[off] << 8) | mac[off + 1]) * 0x100000000 +
    (((mac[off + 2] << 24) | (mac[off + 3] << 16) | (mac[off + 4] << 8) | mac[off + 5]) >>> 0);
}

export function macFromNumber(n: number, into: Uint8Array = new Uint8Array(ETH_ALEN), off = 0): Uint8Array {
  const hi = Math.floor(n / 0x100000000);
  into[off] = hi >>> 8;
  into[off + 1] = hi;
  into[off + 2] = n >>> 24;
  into[off + 3] = n >>> 16;
  into[off + 4] = n >>> 8;
  into[off + 5] = n;
  return into;
}

/**
 * View over an Ethernet frame at `off` of `buf`. Getters and setters read and write the bytes;
 * nothing is cached. `wrap()` re-points the view so one object can serve many packets.
 */
export class EthernetFrame {
  static readonly HEADER_LEN = ETH_HLEN;

  /** True when `buf` holds a full Ethernet header at `off`. */
  static check(buf: Uint8Array, off = 0): boolean {
    return buf.length - off >= ETH_HLEN;
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  get isValid(): boolean {
    return this.buf.length - this.off >= ETH_HLEN;
  }

  /** The destination address: a 6-byte subarray of the frame (a live view, not a copy). */
  get dst(): Uint8Array {
    return this.buf.subarray(this.off, this.off + 6);
  }
  set dst(mac: Uint8Array) {
    this.buf.set(mac.subarray(0, 6), this.off);
  }
  get src(): Uint8Array {
    return this.buf.subarray(this.off + 6, this.off + 12);
  }
  set src(mac: Uint8Array) {
    this.buf.set(mac.subarray(0, 6), this.off + 6);
  }
  /** Offset in `buf` of the destination address (for allocation-free comparisons). */
  get dstOffset(): number {
    return this.off;
  }
  get srcOffset(): number {
    return this.off + 6;
  }
  get ethertype(): number {
    return get16(this.buf, this.off + 12);
  }
  set ethertype(v: number) {
    set16(this.buf, this.off + 12, v);
  }
  get dstIsBroadcast(): boolean {
    return isBroadcastMac(this.buf, this.off);
  }
  get dstIsMulticast(): boolean {
    return isMulticastMac(this.buf, this.off);
  }
  /** Offset in `buf` of the payload (the first byte after the ethertype). */
  get payloadOffset(): number {
    return this.off + ETH_HLEN;
  }
  /** Everything after the header, to the end of the buffer (padding included). */
  get payload(): Uint8Array {
    return this.buf.subarray(this.off + ETH_HLEN);
  }
}

export interface EthernetRecord {
  dst: Uint8Array;
  src: Uint8Array;
  ethertype: number;
  /** Everything after the header (parse: a subarray of the input, padding included). */
  payload: Uint8Array;
}

export function parseEthernet(bytes: Uint8Array): EthernetRecord | undefined {
  if (!EthernetFrame.check(bytes)) return undefined;
  return {
    dst: bytes.subarray(0, 6),
    src: bytes.subarray(6, 12),
    ethertype: get16(bytes, 12),
    payload: bytes.subarray(ETH_HLEN),
  };
}

export function ethernetLength(rec: EthernetRecord): number {
  return ETH_HLEN + rec.payload.length;
}

/** Writes header and payload (the payload is not copied if it already sits at offset 14 of `into`). */
export function emitEthernet(rec: EthernetRecord, into?: Uint8Array): Uint8Array {
  const out = outBuffer(ethernetLength(rec), into, 'emitEthernet');
  emitEthernetHeader(rec, out);
  copyInto(out, ETH_HLEN, rec.payload);
  return out;
}

/** Writes just the 14-byte header at `off` of `into` (eth_header()). */
export function emitEthernetHeader(
  h: { dst: Uint8Array; src: Uint8Array; ethertype: number }, into: Uint8Array, off = 0,
): void {
  if (into.length - off < ETH_HLEN) throw new RangeError('emitEthernetHeader: buffer too short');
  into.set(h.dst.subarray(0, 6), off);
  into.set(h.src.subarray(0, 6), off + 6);
  set16(into, off + 12, h.ethertype);
}
