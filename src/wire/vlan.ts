// 802.1Q / 802.1ad tags (include/linux/if_vlan.h). A tag is the 4 bytes that follow an ethertype
// of ETH_P_8021Q or ETH_P_8021AD: the TCI (priority, drop-eligible bit, VLAN id) and the
// encapsulated ethertype. Stacked tags (QinQ) are tags inside tags.
import { copyInto, get16, outBuffer, set16 } from './bytes.js';
import { ETH_P_8021AD, ETH_P_8021Q } from './ethernet.js';

export const VLAN_HLEN = 4;
/** Ethernet header plus one tag (struct vlan_ethhdr). */
export const VLAN_ETH_HLEN = 18;
export const VLAN_PRIO_MASK = 0xe000;
export const VLAN_PRIO_SHIFT = 13;
export const VLAN_CFI_MASK = 0x1000;
export const VLAN_VID_MASK = 0x0fff;
export const VLAN_N_VID = 4096;

/** eth_type_vlan(): does this ethertype announce a VLAN tag? */
export function isVlanEthertype(ethertype: number): boolean {
  return ethertype === ETH_P_8021Q || ethertype === ETH_P_8021AD;
}

/** View over one tag (TCI + encapsulated ethertype) at `off` of `buf`. */
export class VlanTag {
  static readonly HEADER_LEN = VLAN_HLEN;

  static check(buf: Uint8Array, off = 0): boolean {
    return buf.length - off >= VLAN_HLEN;
  }

  constructor(public buf: Uint8Array, public off = 0) {}

  wrap(buf: Uint8Array, off = 0): this {
    this.buf = buf;
    this.off = off;
    return this;
  }

  get isValid(): boolean {
    return this.buf.length - this.off >= VLAN_HLEN;
  }

  /** The whole 16-bit tag control information. */
  get tci(): number {
    return get16(this.buf, this.off);
  }
  set tci(v: number) {
    set16(this.buf, this.off, v);
  }
  /** Priority code point (0..7). */
  get pcp(): number {
    return this.buf[this.off] >>> 5;
  }
  set pcp(v: number) {
    this.buf[this.off] = (this.buf[this.off] & 0x1f) | ((v & 7) << 5);
  }
  /** Drop eligible indicator (formerly CFI). */
  get dei(): boolean {
    return (this.buf[this.off] & 0x10) !== 0;
  }
  set dei(v: boolean) {
    this.buf[this.off] = v ? this.buf[this.off] | 0x10 : this.buf[this.off] & ~0x10;
  }
  get vid(): number {
    return get16(this.buf, this.off) & VLAN_VID_MASK;
  }
  set vid(v: number) {
    set16(this.buf, this.off, (get16(this.buf, this.off) & ~VLAN_VID_MASK) | (v & VLAN_VID_MASK));
  }
  /** The ethertype of what the tag encapsulates (h_vlan_encapsulated_proto). */
  get ethertype(): number {
    return get16(this.buf, this.off + 2);
  }
  set ethertype(v: number) {
    set16(this.buf, this.off + 2, v);
  }
  get payloadOffset(): number {
    return this.off + VLAN_HLEN;
  }
  get payload(): Uint8Array {
    return this.buf.subarray(this.off + VLAN_HLEN);
  }
}

export interface VlanRecord {
  pcp: number;
  dei: boolean;
  vid: number;
  /** The encapsulated ethertype. */
  ethertype: number;
  payload: Uint8Array;
}

/** Parses a tag from the payload of an Ethernet frame whose ethertype is 802.1Q or 802.1ad. */
export function parseVlan(bytes: Uint8Array): VlanRecord | undefined {
  if (!VlanTag.check(bytes)) return undefined;
  const tci = get16(bytes, 0);
  return {
    pcp: tci >>> VLAN_PRIO_SHIFT,
    dei: (tci & VLAN_CFI_MASK) !== 0,
    vid: tci & VLAN_VID_MASK,
    ethertype: get16(bytes, 2),
    payload: bytes.subarray(VLAN_HLEN),
  };
}

export function vlanLength(rec: VlanRecord): number {
  return VLAN_HLEN + rec.payload.length;
}

export function vlanTci(rec: { pcp: number; dei: boolean; vid: number }): number {
  return ((rec.pcp & 7) << VLAN_PRIO_SHIFT) | (rec.dei ? VLAN_CFI_MASK : 0) | (rec.vid & VLAN_VID_MASK);
}

export function emitVlan(rec: VlanRecord, into?: Uint8Array): Uint8Array {
  const out = outBuffer(vlanLength(rec), into, 'emitVlan');
  set16(out, 0, vlanTci(rec));
  set16(out, 2, rec.ethertype);
  copyInto(out, VLAN_HLEN, rec.payload);
  return out;
}

/**
 * vlan_insert_tag(): a new frame with a tag (`tpid`, `tci`) inserted after the addresses of
 * `frame`; the frame's ethertype becomes the tag's encapsulated ethertype.
 */
export function vlanInsertTag(frame: Uint8Array, tpid: number, tci: number): Uint8Array {
  const out = new Uint8Array(frame.length + VLAN_HLEN);
  out.set(frame.subarray(0, 12), 0);
  set16(out, 12, tpid);
  set16(out, 14, tci);
  out.set(frame.subarray(12), 16);
  return out;
}

/**
 * The inverse (skb_vlan_pop() on the bytes): a new frame without the outer tag, or undefined
 * when `frame` is not tagged.
 */
export function vlanRemoveTag(frame: Uint8Array): Uint8Array | undefined {
  if (frame.length < VLAN_ETH_HLEN || !isVlanEthertype(get16(frame, 12))) return undefined;
  const out = new Uint8Array(frame.length - VLAN_HLEN);
  out.set(frame.subarray(0, 12), 0);
  out.set(frame.subarray(16), 12);
  return out;
}

/**
 * For the Ethernet frame at `off` of `buf`: the offset of its innermost ethertype field, past
 * any VLAN tags (off + 12 + 4 per tag), or -1 when the frame is truncated. The network header
 * starts 2 bytes later.
 */
export function innermostEthertypeOffset(buf: Uint8Array, off = 0): number {
  let p = off + 12;
  while (p + 2 <= buf.length && isVlanEthertype(get16(buf, p))) {
    p += VLAN_HLEN;
  }
  return p + 2 <= buf.length ? p : -1;
}
