// libpcap 1.10 (pcap-linux.c, pcap.c, savefile.c) as tcpdump uses it: live captures over a
// packet socket of the emulated kernel (the "any" device through a cooked SOCK_DGRAM socket,
// whose packets get a LINUX_SLL or LINUX_SLL2 header), savefiles, link-type names, and the
// filter attached to the socket, so that the kernel counts what it accepts.
import type { Netns } from '../../../kernel/net_namespace.js';
import type { NetDevice } from '../../../kernel/core/netdevice.js';
import { PacketSocket, SOCK_DGRAM, SOCK_RAW, type PacketMsg } from '../../../kernel/packet/af_packet.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK, IFF_LOOPBACK, IFF_RUNNING, IFF_UP } from '../../../kernel/core/if.js';
import { PACKET_OUTGOING } from '../../../kernel/core/skbuff.js';
import { runFilter, type Pred } from './gencode.js';
import { inDev } from '../../../kernel/ipv4/devinet.js';

export const DLT_EN10MB = 1, DLT_RAW = 12, DLT_LINUX_SLL = 113, DLT_LINUX_SLL2 = 276;
export const MAXIMUM_SNAPLEN = 262144;

/** pcap_datalink_val_to_name() / _to_description() */
const DLTS: [number, string, string][] = [
  [DLT_EN10MB, 'EN10MB', 'Ethernet'],
  [DLT_RAW, 'RAW', 'Raw IP'],
  [DLT_LINUX_SLL, 'LINUX_SLL', 'Linux cooked v1'],
  [DLT_LINUX_SLL2, 'LINUX_SLL2', 'Linux cooked v2'],
  [0, 'NULL', 'BSD loopback'],
  [101, 'RAW', 'Raw IP'],
  [228, 'IPV4', 'Raw IPv4'],
  [229, 'IPV6', 'Raw IPv6'],
  [10, 'FDDI', 'FDDI'],
  [105, 'IEEE802_11', '802.11'],
  [143, 'DOCSIS', 'DOCSIS'],
];

export function dltName(dlt: number): string | undefined {
  return DLTS.find((d) => d[0] === dlt)?.[1];
}

export function dltDescription(dlt: number): string | undefined {
  return DLTS.find((d) => d[0] === dlt)?.[2];
}

/** pcap_datalink_name_to_val() (case-insensitive) */
export function dltByName(name: string): number | undefined {
  return DLTS.find((d) => d[1].toLowerCase() === name.toLowerCase())?.[0];
}

/** LINKTYPE_* of a savefile to the DLT_* it stands for. */
export function linktypeToDlt(lt: number): number {
  return lt === 101 ? DLT_RAW : lt;
}

export function dltToLinktype(dlt: number): number {
  return dlt === DLT_RAW ? 101 : dlt;
}

/** One packet as pcap hands it to the callback. */
export interface PcapPkt {
  data: Uint8Array;
  wirelen: number;
  /** World clock (ms) */
  tstamp: number;
  pkttype: number;
  ifindex: number;
}

export class PcapError extends Error {}

/** The DLTs a device offers (pcap_list_datalinks()). */
export function deviceDlts(dev: NetDevice | undefined): number[] {
  if (!dev) return [DLT_LINUX_SLL, DLT_LINUX_SLL2];
  if (dev.type === ARPHRD_ETHER) return [DLT_EN10MB, 143];
  if (dev.type === ARPHRD_LOOPBACK) return [DLT_EN10MB];
  return [DLT_RAW];
}

/** A live capture (pcap_t on Linux). */
export class LiveCapture {
  readonly sock: PacketSocket;
  readonly dlt: number;
  private filter: Pred | undefined;
  private readonly loIfindex: number;
  /** -Q: 'in', 'out' or 'inout'. */
  direction = 'inout';

  /** pcap_create() + pcap_activate(); `dlt` as -y chose it (undefined: the device's own). */
  constructor(readonly ns: Netns, readonly device: string, readonly snaplen: number, dlt: number | undefined, promisc = true) {
    const any = device === 'any';
    const dev = any ? undefined : ns.devByName(device);
    if (!any) {
      if (!dev) throw new PcapError(`${device}: No such device exists\n(No such device exists)`);
      if (!dev.isUp) throw new PcapError(`${device}: That device is not up`);
    }
    const offered = deviceDlts(dev);
    if (dlt !== undefined && !offered.includes(dlt)) {
      throw new PcapError(`${dltName(dlt) ?? dlt} is not one of the DLTs supported by this device`);
    }
    this.dlt = dlt ?? offered[0]!;
    this.loIfindex = ns.devByName('lo')?.ifindex ?? -1;
    this.sock = new PacketSocket(ns, any ? SOCK_DGRAM : SOCK_RAW);
    this.sock.snaplen = snaplen;
    this.sock.filter = (m) => (this.accepts(m) ? snaplen : 0);
    this.sock.bind(dev ? dev.ifindex : 0);
    if (dev && promisc) this.sock.addPromisc();
  }

  /** pcap_setfilter(): attached to the socket (SO_ATTACH_FILTER). */
  setFilter(f: Pred | undefined): void {
    this.filter = f;
  }

  private frame(m: PacketMsg): { data: Uint8Array; wirelen: number } {
    if (this.sock.type === SOCK_RAW) return { data: m.data, wirelen: m.len };
    const sll2 = this.dlt === DLT_LINUX_SLL2;
    const hl = sll2 ? 20 : 16;
    const out = new Uint8Array(hl + m.data.length);
    const ll = m.ll;
    const halen = Math.min(ll.addr.length, 8);
    if (sll2) {
      out[0] = ll.protocol >> 8;
      out[1] = ll.protocol & 0xff;
      new DataView(out.buffer).setUint32(4, ll.ifindex);
      out[8] = ll.hatype >> 8;
      out[9] = ll.hatype & 0xff;
      out[10] = ll.pkttype;
      out[11] = halen;
      out.set(ll.addr.subarray(0, halen), 12);
    } else {
      out[1] = ll.pkttype;
      out[2] = ll.hatype >> 8;
      out[3] = ll.hatype & 0xff;
      out[5] = halen;
      out.set(ll.addr.subarray(0, halen), 6);
      out[14] = ll.protocol >> 8;
      out[15] = ll.protocol & 0xff;
    }
    out.set(m.data, hl);
    return { data: out, wirelen: m.len + hl };
  }

  private accepts(m: PacketMsg): boolean {
    if (!this.filter) return true;
    const f = this.frame(m);
    return runFilter(this.filter, { data: f.data, wirelen: f.wirelen, pkttype: m.ll.pkttype, ifindex: m.ll.ifindex });
  }

  /** The next packet libpcap delivers, or undefined when none is waiting. Outgoing packets on
   *  the loopback device are skipped: they come back in as incoming ones. */
  next(): PcapPkt | undefined {
    for (;;) {
      const m = this.sock.recv();
      if (!m) return undefined;
      const out = m.ll.pkttype === PACKET_OUTGOING;
      if (out && m.ll.ifindex === this.loIfindex) continue;
      if ((this.direction === 'in' && out) || (this.direction === 'out' && !out)) continue;
      const f = this.frame(m);
      return { data: f.data.subarray(0, this.snaplen), wirelen: f.wirelen, tstamp: m.tstamp, pkttype: m.ll.pkttype, ifindex: m.ll.ifindex };
    }
  }

  /** pcap_stats() */
  stats(): { recv: number; drop: number } {
    const s = this.sock.getStats();
    return { recv: s.packets, drop: s.drops };
  }

  close(): void {
    this.sock.close();
  }
}

/** pcap_lookupnet(): the device's first IPv4 address's network and mask (0, 0 without). */
export function lookupnet(dev: NetDevice | undefined): { net: number; mask: number } {
  // SIOCGIFADDR / SIOCGIFNETMASK: the primary address
  const ifa = dev ? inDev(dev)?.addrs[0] : undefined;
  if (!ifa) return { net: 0, mask: 0 };
  const mask = ifa.prefixlen === 0 ? 0 : (0xffffffff << (32 - ifa.prefixlen)) >>> 0;
  return { net: (ifa.local & mask) >>> 0, mask };
}

/** One entry of pcap_findalldevs(). */
export interface PcapIf {
  name: string;
  description?: string;
  up: boolean;
  running: boolean;
  loopback: boolean;
  wireless: boolean;
  /** Connected / Disconnected; undefined when unknown or not applicable. */
  connected?: boolean;
}

/** The pseudo-devices Debian's libpcap 1.10.3 adds after the network interfaces. */
const PSEUDO: PcapIf[] = [
  { name: 'any', description: 'Pseudo-device that captures on all interfaces', up: true, running: true, loopback: false, wireless: false },
  { name: 'bluetooth-monitor', description: 'Bluetooth Linux Monitor', up: false, running: false, loopback: false, wireless: true },
  { name: 'nflog', description: 'Linux netfilter log (NFLOG) interface', up: false, running: false, loopback: false, wireless: false },
  { name: 'nfqueue', description: 'Linux netfilter queue (NFQUEUE) interface', up: false, running: false, loopback: false, wireless: false },
  { name: 'dbus-system', description: 'D-Bus system bus', up: false, running: false, loopback: false, wireless: false },
  { name: 'dbus-session', description: 'D-Bus session bus', up: false, running: false, loopback: false, wireless: false },
];

/** pcap_findalldevs(): the namespace's interfaces (in ifindex order) and the pseudo-devices,
 *  sorted by get_figure_of_merit() (up and running first, disconnected and loopback later),
 *  equal ones in the order they were found. tcpdump captures on the first without -i. */
export function findalldevs(ns: Netns): PcapIf[] {
  const devs: PcapIf[] = ns.devices().map((d) => {
    const f = d.getFlags();
    const loopback = (f & IFF_LOOPBACK) !== 0;
    return {
      name: d.name, up: (f & IFF_UP) !== 0, running: (f & IFF_RUNNING) !== 0, loopback, wireless: false,
      connected: loopback ? undefined : d.carrier && (f & IFF_UP) !== 0,
    };
  });
  const merit = (d: PcapIf): number => (d.running ? 0 : 0x80000000) + (d.up ? 0 : 0x40000000) +
    (d.connected === false ? 0x20000000 : 0) + (d.loopback ? 0x10000000 : 0);
  const all = [...devs, ...PSEUDO];
  return all.map((d, i) => ({ d, i, m: merit(d) })).sort((a, b) => a.m - b.m || a.i - b.i).map((x) => x.d);
}

/** tcpdump -D's line for one entry (without its number). */
export function pcapIfLine(d: PcapIf): string {
  const flags = [d.up && 'Up', d.running && 'Running', d.wireless && 'Wireless', d.loopback && 'Loopback'].filter(Boolean);
  const s = d.name + (d.description ? ` (${d.description})` : '');
  const parts = [flags.length ? flags.join(', ') : 'none'];
  if (d.connected !== undefined) parts.push(d.connected ? 'Connected' : 'Disconnected');
  return `${s} [${parts.join(', ')}]`;
}
