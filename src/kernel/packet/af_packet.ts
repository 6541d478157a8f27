// net/packet/af_packet.c: packet sockets, what libpcap captures with. A socket bound to one
// device, or to every device of its namespace (ifindex 0, libpcap's "any"), is a ptype_all
// tap (core/dev.ts): it sees each frame a device transmits (dev_queue_xmit_nit(), as
// PACKET_OUTGOING) and receives, once per direction, stamped with the world's clock.
// SOCK_RAW sockets get the frame from its link-layer header, SOCK_DGRAM ("cooked") sockets
// from its network header with the link-layer facts in a sockaddr_ll.
import type { Netns } from '../net_namespace.js';
import type { Clock } from '../clock.js';
import type { NetDevice } from '../core/netdevice.js';
import { PACKET_LOOPBACK, PACKET_OUTGOING, type SkBuff } from '../core/skbuff.js';
import { devAddPackAll, devRemovePackAll, type PacketTap } from '../core/dev.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK } from '../core/if.js';
import { ENETDOWN, ENODEV, KernelError } from '../errno.js';

export const SOCK_RAW = 3, SOCK_DGRAM = 2;

/** struct sockaddr_ll, as recvfrom() fills it in. */
export interface SockaddrLl {
  ifindex: number;
  /** dev->type (ARPHRD_*) */
  hatype: number;
  /** PACKET_HOST, PACKET_BROADCAST, ..., PACKET_OUTGOING */
  pkttype: number;
  /** skb->protocol (an ethertype) */
  protocol: number;
  /** dev_parse_header(): the frame's source address (eth_header_parse()). */
  addr: Uint8Array;
}

/** One captured packet. */
export interface PacketMsg {
  /** From the link-layer header (SOCK_RAW) or the network header (SOCK_DGRAM); at most the
   *  socket's snaplen bytes. */
  data: Uint8Array;
  /** Length of the packet as it was (skb->len from the same header): tp_len. */
  len: number;
  ll: SockaddrLl;
  /** The world clock (ms) when the packet was seen (skb->tstamp). */
  tstamp: number;
}

/** The filter attached with SO_ATTACH_FILTER: how many bytes to keep (0: drop). */
export type SkFilter = (msg: PacketMsg) => number;

/** struct tpacket_stats: packets that passed the filter, and those dropped for lack of room. */
export interface TpacketStats {
  packets: number;
  drops: number;
}

/** The receive queue holds about this much (libpcap's default 2 MiB ring). */
const RCVBUF_BYTES = 2 * 1024 * 1024;

/** Link-layer header length of the device types this kernel has (dev->hard_header_len). */
function hardHeaderLen(dev: NetDevice): number {
  return dev.type === ARPHRD_ETHER || dev.type === ARPHRD_LOOPBACK ? 14 : 0;
}

const bound = new Set<PacketSocket>();

/** The wall-clock time (ms since the epoch) when each world's clock read 0: CLOCK_REALTIME is
 *  that offset plus the monotonic clock, for every socket of the world alike. */
const realtimeBase = new WeakMap<Clock, number>();

/** A packet's timestamp (world clock, ms) as the time of day, in ms since the epoch. */
export function tstampToRealtime(clock: Clock, tstamp: number): number {
  let base = realtimeBase.get(clock);
  if (base === undefined) {
    base = Date.now() - clock.now();
    realtimeBase.set(clock, base);
  }
  return base + tstamp;
}

export class PacketSocket {
  private tap: PacketTap | undefined;
  private queue: PacketMsg[] = [];
  private head = 0;
  private queuedBytes = 0;
  private stats: TpacketStats = { packets: 0, drops: 0 };
  /** Set when the bound device went away (packet_notifier(): NETDEV_UNREGISTER). */
  error = 0;
  /** Called when a packet is queued or an error is set (sk_data_ready()). */
  onReadable: (() => void) | undefined;
  filter: SkFilter | undefined;
  snaplen = 262144;

  constructor(readonly netns: Netns, readonly type: number) {}

  /** packet_do_bind(): ifindex 0 binds to every device of the namespace. */
  bind(ifindex: number): void {
    let dev: NetDevice | undefined;
    if (ifindex !== 0) {
      dev = this.netns.devByIndex(ifindex);
      if (!dev) throw new KernelError(ENODEV);
    }
    this.unhook();
    this.tap = { netns: this.netns, dev, func: (skb, d, outgoing) => this.rcv(skb, d, outgoing) };
    devAddPackAll(this.tap);
    bound.add(this);
  }

  /** The device the socket is bound to (undefined for all of them). */
  get dev(): NetDevice | undefined {
    return this.tap?.dev;
  }

  /** recvfrom(): the next packet, or undefined when none is queued. */
  recv(): PacketMsg | undefined {
    if (this.head >= this.queue.length) return undefined;
    const m = this.queue[this.head++]!;
    this.queuedBytes -= m.data.length;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return m;
  }

  /** getsockopt(PACKET_STATISTICS): the counters since the last call, which resets them. */
  getStats(): TpacketStats {
    const s = this.stats;
    this.stats = { packets: 0, drops: 0 };
    return s;
  }

  /** setsockopt(PACKET_ADD_MEMBERSHIP, PACKET_MR_PROMISC) on the bound device:
   *  dev_set_promiscuity(dev, 1), undone when the socket closes (packet_dev_mclist_delete()). */
  addPromisc(): void {
    const dev = this.tap?.dev;
    if (!dev || this.promiscDev) return;
    dev.promiscCount++;
    this.promiscDev = dev;
  }

  private promiscDev: NetDevice | undefined;

  close(): void {
    if (this.promiscDev) {
      this.promiscDev.promiscCount--;
      this.promiscDev = undefined;
    }
    this.unhook();
    this.queue = [];
    this.head = 0;
    this.onReadable = undefined;
  }

  private unhook(): void {
    if (!this.tap) return;
    devRemovePackAll(this.tap);
    this.tap = undefined;
    bound.delete(this);
  }

  /** packet_rcv() */
  private rcv(skb: SkBuff, dev: NetDevice, outgoing: boolean): void {
    // A looped-back copy (dev_loopback_xmit()) was seen when it was sent.
    if (!outgoing && skb.pktType === PACKET_LOOPBACK) return;
    const buf = skb.buf;
    // On transmit skb->data is at the link-layer header; on receive at the network header,
    // with the link-layer header before it at mac_header.
    const hh = hardHeaderLen(dev);
    const mac = outgoing ? skb.off : skb.macOffset >= 0 ? skb.macOffset : skb.off - hh;
    const net = outgoing ? skb.off + hh : skb.off;
    if (mac < 0 || net > buf.length) return;
    const start = this.type === SOCK_RAW ? mac : net;
    const len = buf.length - start;
    const ll: SockaddrLl = {
      ifindex: dev.ifindex,
      hatype: dev.type,
      pkttype: outgoing ? PACKET_OUTGOING : skb.pktType,
      protocol: hh === 14 ? (buf[mac + 12]! << 8) | buf[mac + 13]! : skb.protocol,
      addr: hh === 14 ? buf.slice(mac + 6, mac + 12) : new Uint8Array(0),
    };
    // The filter runs on the packet in place; only what it keeps is copied.
    const view: PacketMsg = { data: buf.subarray(start), len, ll, tstamp: dev.netns.kernel.clock.now() };
    let keep = this.snaplen;
    if (this.filter) keep = Math.min(keep, this.filter(view));
    if (keep <= 0) return;
    this.stats.packets++;
    const data = buf.slice(start, start + Math.min(keep, len));
    if (this.queuedBytes + data.length > RCVBUF_BYTES) {
      this.stats.drops++;
      return;
    }
    view.data = data;
    this.queue.push(view);
    this.queuedBytes += data.length;
    this.onReadable?.();
  }

  /** packet_notifier(): the bound device is going away. */
  devGone(dev: NetDevice): void {
    if (this.tap?.dev !== dev) return;
    if (this.promiscDev === dev) {
      dev.promiscCount--;
      this.promiscDev = undefined;
    }
    this.unhook();
    this.error = ENETDOWN;
    this.onReadable?.();
  }
}

registerNetdeviceNotifier((event, dev) => {
  if (event !== 'UNREGISTER' || bound.size === 0) return;
  for (const s of [...bound]) s.devGone(dev);
});
