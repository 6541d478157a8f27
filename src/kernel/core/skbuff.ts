// struct sk_buff: real wire bytes plus the metadata the stack attaches to them.
// `data` always starts at the current layer's header (skb->data); `macOffset` and
// `networkOffset` remember where the link and network headers began within `buf`.
import type { NetDevice } from './netdevice.js';

export const PACKET_HOST = 0, PACKET_BROADCAST = 1, PACKET_MULTICAST = 2,
  PACKET_OTHERHOST = 3, PACKET_OUTGOING = 4, PACKET_LOOPBACK = 5;

let nextTraceId = 1;

export class SkBuff {
  /** The whole frame as received or built, link header included when there is one. */
  buf: Uint8Array;
  /** Offset of skb->data within buf. */
  off = 0;
  macOffset = -1;
  networkOffset = -1;
  transportOffset = -1;
  dev: NetDevice | undefined;
  /** ifindex of the device the packet arrived on (skb->skb_iif). */
  iif = 0;
  protocol = 0;
  pktType = PACKET_HOST;
  mark = 0;
  priority = 0;
  /** Set by the route lookup (skb_dst). Typed loosely to keep core free of ipv4. */
  dst: unknown;
  /** skb->_nfct: the connection (struct nf_conn) and how the packet relates to it
   *  (enum ip_conntrack_info). Typed loosely to keep core free of netfilter. */
  nfct: unknown;
  ctinfo = 0;
  /** skb->nf_trace: set by -j TRACE (xt_TRACE.ts); the nf_tables walk then reports every rule
   *  the packet meets to the trace listeners (nf_tables_trace.ts). */
  nfTrace = false;
  /** skb->nf_bridge (struct nf_bridge_info): br_netfilter's notes on a bridged packet.
   *  Typed loosely to keep core free of the bridge. */
  nfBridge: unknown;
  readonly traceId: number;

  constructor(buf: Uint8Array, traceId?: number) {
    this.buf = buf;
    this.traceId = traceId ?? nextTraceId++;
  }

  get data(): Uint8Array {
    return this.off === 0 ? this.buf : this.buf.subarray(this.off);
  }

  get len(): number {
    return this.buf.length - this.off;
  }

  /** skb_pull(): drops n bytes from the front of data. */
  pull(n: number): void {
    this.off += n;
  }

  /** skb_push(): prepends a header of n bytes, returning a view to fill. */
  push(n: number): Uint8Array {
    this.pushRoom(n);
    return this.buf.subarray(this.off, this.off + n);
  }

  /** skb_push() for callers that write the header into `buf` at `off` themselves (no view
   *  is made). */
  pushRoom(n: number): void {
    if (this.off >= n) {
      this.off -= n;
    } else {
      const nb = new Uint8Array(this.len + n);
      nb.set(this.data, n);
      this.shiftOffsets(n - this.off);
      this.buf = nb;
      this.off = 0;
    }
  }

  /** skb_clone()/skb_copy(): an independent copy of bytes and metadata. */
  copy(): SkBuff {
    const c = new SkBuff(this.buf.slice(), this.traceId);
    c.off = this.off;
    c.macOffset = this.macOffset;
    c.networkOffset = this.networkOffset;
    c.transportOffset = this.transportOffset;
    c.dev = this.dev;
    c.iif = this.iif;
    c.protocol = this.protocol;
    c.pktType = this.pktType;
    c.mark = this.mark;
    c.priority = this.priority;
    c.nfct = this.nfct;
    c.ctinfo = this.ctinfo;
    c.nfTrace = this.nfTrace;
    c.nfBridge = this.nfBridge;
    return c;
  }

  private shiftOffsets(by: number): void {
    if (this.macOffset >= 0) this.macOffset += by;
    if (this.networkOffset >= 0) this.networkOffset += by;
    if (this.transportOffset >= 0) this.transportOffset += by;
  }
}
