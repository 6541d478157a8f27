// The header ICMPv4 and ICMPv6 share (struct icmphdr / struct icmp6hdr): type, code,
// checksum, and four bytes whose meaning depends on the type (echo id and sequence, MTU, ...).
import { get16, set16, get32, set32 } from './bytes.js';

/** View over an ICMP or ICMPv6 message at `off` of `buf`, `len` bytes long. */
export class IcmpHeaderView {
  constructor(public buf: Uint8Array, public off = 0, public len = buf.length - off) {}

  wrap(buf: Uint8Array, off = 0, len = buf.length - off): this {
    this.buf = buf;
    this.off = off;
    this.len = len;
    return this;
  }

  get type(): number {
    return this.buf[this.off]!;
  }
  set type(v: number) {
    this.buf[this.off] = v;
  }
  get code(): number {
    return this.buf[this.off + 1]!;
  }
  set code(v: number) {
    this.buf[this.off + 1] = v;
  }
  get checksum(): number {
    return get16(this.buf, this.off + 2);
  }
  set checksum(v: number) {
    set16(this.buf, this.off + 2, v);
  }
  /** Bytes 4..7 as a uint32 (icmphdr.un / icmp6_dataun). */
  get rest(): number {
    return get32(this.buf, this.off + 4);
  }
  set rest(v: number) {
    set32(this.buf, this.off + 4, v);
  }
  /** Echo identifier and sequence (un.echo). */
  get echoId(): number {
    return get16(this.buf, this.off + 4);
  }
  set echoId(v: number) {
    set16(this.buf, this.off + 4, v);
  }
  get echoSeq(): number {
    return get16(this.buf, this.off + 6);
  }
  set echoSeq(v: number) {
    set16(this.buf, this.off + 6, v);
  }
}
