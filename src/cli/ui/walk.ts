// Trace records grouped into packets for the packet walk: each packet's steps in order, the
// records that carry no packet (a neighbour entry changing, a NAT binding) kept with the packet
// whose step came just before in the same namespace, and the packets each one provoked — named
// by the record (`sent` of icmp_send, icmp_reply, nf_send_reset, tcp_v4_send_reset,
// tcp_v4_send_synack, and arp_solicit / ndisc_solicit for the packet waiting on the answer),
// or the packets a namespace began to send while this one was the last it handled (ARP and ND
// replies, the socket layer's ACKs and data, which do not say what set them off). Page and
// tests share it: no Node.
import type { TraceStep } from './protocol.js';

export interface WalkPacket {
  id: number;
  steps: TraceStep[];
  /** The packets it provoked, in the order they appeared. */
  next: number[];
  /** The packet that provoked it. */
  prev?: number;
}

export interface PacketIndexOptions {
  /** Packets kept (the oldest are forgotten first). */
  max?: number;
  /** How long after a packet's step (world ms) a new packet in its namespace counts as its
   *  consequence. */
  followMs?: number;
}

export class PacketIndex {
  private packets = new Map<number, WalkPacket>();
  /** The last packet each namespace handled, and when. */
  private lastByNs = new Map<string, { id: number; t: number }>();
  private lastRecord: TraceStep | undefined;
  private max: number;
  private followMs: number;

  constructor(o: PacketIndexOptions = {}) {
    this.max = o.max ?? 2000;
    this.followMs = o.followMs ?? 50;
  }

  get size(): number {
    return this.packets.size;
  }

  get(id: number): WalkPacket | undefined {
    return this.packets.get(id);
  }

  /** Every packet kept, oldest first. */
  all(): WalkPacket[] {
    return [...this.packets.values()];
  }

  clear(): void {
    this.packets.clear();
    this.lastByNs.clear();
    this.lastRecord = undefined;
  }

  add(records: readonly TraceStep[]): void {
    for (const r of records) this.addOne(r);
  }

  private link(from: number, to: number): void {
    if (from === to) return;
    const a = this.packets.get(from);
    if (a && !a.next.includes(to)) a.next.push(to);
    const b = this.packets.get(to);
    if (b && b.prev === undefined) b.prev = from;
  }

  private addOne(r: TraceStep): void {
    const prev = this.lastRecord;
    this.lastRecord = r;
    if (r.id === undefined) {
      // Part of what the packet just before was doing in this namespace.
      if (prev?.id !== undefined && prev.ns === r.ns) this.packets.get(prev.id)?.steps.push(r);
      return;
    }
    let p = this.packets.get(r.id);
    if (!p) {
      p = { id: r.id, steps: [], next: [] };
      this.packets.set(r.id, p);
      if (this.packets.size > this.max) this.packets.delete(this.packets.keys().next().value!);
      const before = this.lastByNs.get(r.ns);
      if (before && r.t - before.t <= this.followMs) this.link(before.id, r.id);
    }
    p.steps.push(r);
    this.lastByNs.set(r.ns, { id: r.id, t: r.t });
    if (typeof r.sent === 'number') {
      // The provoked packet may already have steps (icmp_send traces after sending).
      this.link(r.id, r.sent);
      const sent = this.packets.get(r.sent);
      if (sent) sent.prev = r.id;
      else this.pendingPrev.set(r.sent, r.id);
    }
    const pending = this.pendingPrev.get(r.id);
    if (pending !== undefined) {
      this.pendingPrev.delete(r.id);
      p.prev = pending;
    }
  }

  /** Provoked packets named before their first step, and who provoked them. */
  private pendingPrev = new Map<number, number>();
}

/** The packet as its walk names it: the first step that shows its addresses (a socket's skb is
 *  traced before its IP header is written, all zeros). */
export function packetTitle(p: WalkPacket): string {
  return p.steps.find((s) => s.pkt && !s.pkt.startsWith('0.0.0.0 > 0.0.0.0'))?.pkt ?? p.steps.find((s) => s.pkt)?.pkt ?? '';
}

/** Its drop step, when it was dropped. */
export function packetDrop(p: WalkPacket): TraceStep | undefined {
  return p.steps.find((s) => s.fn === 'kfree_skb');
}

/** A NAT rewrite's packet before and after (nf_nat_manip_pkt records the packet after). */
export function natRewrite(p: WalkPacket, i: number): { before: string; after: string } | undefined {
  const s = p.steps[i];
  if (s?.fn !== 'nf_nat_manip_pkt' || !s.pkt) return undefined;
  for (let j = i - 1; j >= 0; j--) {
    const b = p.steps[j]!.pkt;
    if (b) return { before: b, after: s.pkt };
  }
  return undefined;
}
