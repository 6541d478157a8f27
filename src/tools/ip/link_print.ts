// print_linkinfo() and print_linkinfo_brief() from iproute2's ip/ipaddress.c: the link
// part of `ip link show` and `ip addr show`, as text or JSON.
import type { NetDevice } from '../../kernel/core/netdevice.js';
import type { Netns } from '../../kernel/net_namespace.js';
import type { Kernel } from '../../kernel/kernel.js';
import { linkNetnsid } from '../../kernel/core/rtnetlink.js';
import {
  IFF_UP, IFF_RUNNING, IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP,
  IFF_ALLMULTI, IFF_PROMISC, IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA,
  IFF_PORTSEL, IFF_NOTRAILERS, IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO, ARPHRD_ETHER, ARPHRD_LOOPBACK,
  ARPHRD_NONE, ARPHRD_VOID,
} from '../../kernel/core/if.js';
import { formatMac } from '../../kernel/core/eth.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, type Printer, type Color } from '../lib/json_print.js';
import { AF_PACKET, type IpOptions } from './context.js';

/** Kind-specific detail printers (iplink_*.c print_opt), registered by each kind's tool code. */
export const kindPrinters = new Map<string, (p: Printer, dev: NetDevice) => void>();
export const slavePrinters = new Map<string, (p: Printer, dev: NetDevice) => void>();

const FLAG_NAMES: [number, string][] = [
  [IFF_LOOPBACK, 'LOOPBACK'], [IFF_BROADCAST, 'BROADCAST'], [IFF_POINTOPOINT, 'POINTOPOINT'],
  [IFF_MULTICAST, 'MULTICAST'], [IFF_NOARP, 'NOARP'], [IFF_ALLMULTI, 'ALLMULTI'], [IFF_PROMISC, 'PROMISC'],
  [IFF_MASTER, 'MASTER'], [IFF_SLAVE, 'SLAVE'], [IFF_DEBUG, 'DEBUG'], [IFF_DYNAMIC, 'DYNAMIC'],
  [IFF_AUTOMEDIA, 'AUTOMEDIA'], [IFF_PORTSEL, 'PORTSEL'], [IFF_NOTRAILERS, 'NOTRAILERS'], [IFF_UP, 'UP'],
  [IFF_LOWER_UP, 'LOWER_UP'], [IFF_DORMANT, 'DORMANT'], [IFF_ECHO, 'ECHO'],
];

/** ll_type_n2a() */
export function llTypeName(type: number): string {
  switch (type) {
    case ARPHRD_ETHER: return 'ether';
    case ARPHRD_LOOPBACK: return 'loopback';
    case ARPHRD_NONE: return 'none';
    case ARPHRD_VOID: return 'void';
    default: return `[${type}]`;
  }
}

/** print_link_flags() */
export function printLinkFlags(p: Printer, flags: number, mdown: boolean): void {
  p.openArray(PRINT_ANY, 'flags');
  p.text('<');
  if (flags & IFF_UP && !(flags & IFF_RUNNING)) p.string(PRINT_ANY, null, flags ? '%s,' : '%s', 'NO-CARRIER');
  flags &= ~IFF_RUNNING;
  for (const [bit, name] of FLAG_NAMES) {
    if (flags & bit) {
      flags &= ~bit;
      p.string(PRINT_ANY, null, flags ? '%s,' : '%s', name);
    }
  }
  if (flags) p.number(PRINT_ANY, null, '%x', flags);
  if (mdown) p.string(PRINT_ANY, null, ',%s', 'M-DOWN');
  p.closeArray(PRINT_ANY);
  p.text('> ');
}

function operColor(state: string): Color {
  return state === 'UP' ? 'up' : state === 'DOWN' ? 'down' : 'none';
}

/** The name of the iflink device and whether it is down (for "@peer" and M-DOWN). */
function linkInfo(dev: NetDevice): { iflink: number; netnsid: number; linkName?: string; mdown: boolean } | undefined {
  const iflink = dev.iflink();
  if (iflink === dev.ifindex && !dev.linkNetns()) return undefined;
  const netnsid = linkNetnsid(dev);
  if (netnsid >= 0) return { iflink, netnsid, mdown: false };
  const l = dev.netns.devByIndex(iflink);
  return { iflink, netnsid, linkName: l?.name ?? `if${iflink}`, mdown: l ? !l.isUp : false };
}

/** print_name_and_link(): "name@peer" (or "@ifN" across namespaces, "@NONE"); in JSON the
 *  link goes in its own key, before "ifname". Returns whether the link device is down. */
function printNameAndLink(p: Printer, dev: NetDevice, fmt: string): boolean {
  const li = linkInfo(dev);
  let name = dev.name;
  let mdown = false;
  if (li) {
    let link: string | undefined;
    if (li.iflink === 0) {
      if (p.json) p.null(PRINT_JSON, 'link', '');
      else link = 'NONE';
    } else if (li.netnsid >= 0) {
      if (p.json) p.number(PRINT_JSON, 'link_index', '', li.iflink);
      else link = `if${li.iflink}`;
    } else {
      if (p.json) p.string(PRINT_JSON, 'link', '', li.linkName!);
      else link = li.linkName;
      mdown = li.mdown;
    }
    if (link) name = `${name}@${link}`;
  }
  p.string(PRINT_ANY, 'ifname', fmt, name, 'ifname');
  return mdown;
}

/** get_name_from_nsid(): the `ip netns` name whose namespace has this id here. */
export function nameFromNsid(kernel: Kernel, here: Netns, id: number): string | undefined {
  for (const [name, ns] of kernel.namedNetns) if (here.idFor(ns, false) === id) return name;
  return undefined;
}

export interface LinkPrintOptions {
  opts: IpOptions;
  /** true for `ip link` (shows "mode", alias and stats); false for `ip addr`. */
  doLink: boolean;
  kernel: Kernel;
}

/** print_linkinfo(): everything up to (not including) the addresses and final newline. */
export function printLinkinfo(p: Printer, dev: NetDevice, o: LinkPrintOptions): void {
  const { opts } = o;
  const sl = opts.oneline ? '\\' : '\n';
  const flags = dev.getFlags();
  p.number(PRINT_ANY, 'ifindex', '%d: ', dev.ifindex);
  const mdown = printNameAndLink(p, dev, '%s: ');
  printLinkFlags(p, flags, mdown);
  p.number(PRINT_ANY, 'mtu', 'mtu %u ', dev.mtu);
  p.string(PRINT_ANY, 'qdisc', 'qdisc %s ', dev.qdisc);
  if (dev.master) p.string(PRINT_ANY, 'master', 'master %s ', dev.master.name);
  const state = dev.operstate;
  if (p.json) p.string(PRINT_JSON, 'operstate', '', state);
  else {
    p.text('state ');
    p.string(PRINT_FP, null, '%s ', state, operColor(state));
  }
  if (o.doLink) p.string(PRINT_ANY, 'linkmode', 'mode %s ', dev.dormant ? 'DORMANT' : 'DEFAULT');
  p.string(PRINT_ANY, 'group', 'group %s ', dev.group === 0 ? 'default' : String(dev.group));
  if (dev.txQueueLen) p.number(PRINT_ANY, 'txqlen', 'qlen %d', dev.txQueueLen);
  if (!opts.family || opts.family === AF_PACKET || opts.details) {
    p.text(sl);
    p.string(PRINT_ANY, 'link_type', '    link/%s ', llTypeName(dev.type));
    p.string(PRINT_ANY, 'address', '%s', formatMac(dev.addr), 'mac');
    if (flags & IFF_POINTOPOINT) {
      p.text(' peer ');
      p.bool(PRINT_JSON, 'link_pointtopoint', '', true);
    } else p.text(' brd ');
    p.string(PRINT_ANY, 'broadcast', '%s', formatMac(dev.broadcast), 'mac');
    if (dev.permAddr && formatMac(dev.permAddr) !== formatMac(dev.addr)) {
      p.string(PRINT_ANY, 'permaddr', ' permaddr %s', formatMac(dev.permAddr));
    }
  }
  const li = linkInfo(dev);
  if (li && li.netnsid >= 0) {
    if (p.json) p.number(PRINT_JSON, 'link_netnsid', '', li.netnsid);
    else {
      const name = nameFromNsid(o.kernel, dev.netns, li.netnsid);
      if (name) p.string(PRINT_FP, null, ' link-netns %s', name);
      else p.number(PRINT_FP, null, ' link-netnsid %d', li.netnsid);
    }
  }
  if (opts.details) {
    p.number(PRINT_ANY, 'promiscuity', ' promiscuity %u ', dev.promiscCount + (dev.flags & IFF_PROMISC ? 1 : 0));
    p.number(PRINT_ANY, 'allmulti', ' allmulti %u ', dev.allmultiCount + (dev.flags & IFF_ALLMULTI ? 1 : 0));
    p.number(PRINT_ANY, 'min_mtu', 'minmtu %u ', dev.minMtu);
    p.number(PRINT_ANY, 'max_mtu', 'maxmtu %u ', dev.maxMtu);
    if (dev.kind || dev.master) {
      p.openObject('linkinfo');
      if (dev.kind) {
        p.text(sl);
        p.string(PRINT_ANY, 'info_kind', '    %s ', dev.kind);
        const kp = kindPrinters.get(dev.kind);
        if (kp) {
          p.openObject('info_data');
          kp(p, dev);
          p.closeObject();
        }
      }
      if (dev.master) {
        const sk = dev.master.kind;
        p.text(sl);
        p.string(PRINT_ANY, 'info_slave_kind', '    %s_slave ', sk);
        const sp = slavePrinters.get(sk);
        if (sp) {
          p.openObject('info_slave_data');
          sp(p, dev);
          p.closeObject();
        }
      }
      p.closeObject();
    }
    if (o.doLink) p.string(PRINT_ANY, 'inet6_addr_gen_mode', 'addrgenmode %s ', 'eui64');
    p.number(PRINT_ANY, 'num_tx_queues', 'numtxqueues %u ', dev.numTxQueues);
    p.number(PRINT_ANY, 'num_rx_queues', 'numrxqueues %u ', dev.numRxQueues);
    p.number(PRINT_ANY, 'gso_max_size', 'gso_max_size %u ', dev.gsoMaxSize);
    p.number(PRINT_ANY, 'gso_max_segs', 'gso_max_segs %u ', dev.gsoMaxSegs);
    p.number(PRINT_ANY, 'tso_max_size', 'tso_max_size %u ', dev.tsoMaxSize);
    p.number(PRINT_ANY, 'tso_max_segs', 'tso_max_segs %u ', dev.tsoMaxSegs);
    p.number(PRINT_ANY, 'gro_max_size', 'gro_max_size %u ', dev.groMaxSize);
  }
  if ((o.doLink || opts.details) && dev.alias) {
    p.text(sl);
    p.string(PRINT_ANY, 'ifalias', '    alias %s', dev.alias);
  }
  if (o.doLink && opts.stats) {
    p.text(sl);
    printLinkStats(p, dev, opts);
  }
}

/** print_link_stats64() with size_columns() widths. */
function printLinkStats(p: Printer, dev: NetDevice, opts: IpOptions): void {
  const s = dev.stats;
  const sl = opts.oneline ? '\\' : '\n';
  if (p.json) {
    p.openObject('stats64');
    p.openObject('rx');
    p.number(PRINT_JSON, 'bytes', '', s.rx_bytes);
    p.number(PRINT_JSON, 'packets', '', s.rx_packets);
    p.number(PRINT_JSON, 'errors', '', s.rx_errors);
    p.number(PRINT_JSON, 'dropped', '', s.rx_dropped);
    p.number(PRINT_JSON, 'over_errors', '', s.rx_over_errors);
    p.number(PRINT_JSON, 'multicast', '', s.multicast);
    if (s.rx_compressed) p.number(PRINT_JSON, 'compressed', '', s.rx_compressed);
    if (opts.stats > 1) {
      p.number(PRINT_JSON, 'length_errors', '', s.rx_length_errors);
      p.number(PRINT_JSON, 'crc_errors', '', s.rx_crc_errors);
      p.number(PRINT_JSON, 'frame_errors', '', s.rx_frame_errors);
      p.number(PRINT_JSON, 'fifo_errors', '', s.rx_fifo_errors);
      p.number(PRINT_JSON, 'missed_errors', '', s.rx_missed_errors);
      if (s.rx_nohandler) p.number(PRINT_JSON, 'nohandler', '', s.rx_nohandler);
    }
    p.closeObject();
    p.openObject('tx');
    p.number(PRINT_JSON, 'bytes', '', s.tx_bytes);
    p.number(PRINT_JSON, 'packets', '', s.tx_packets);
    p.number(PRINT_JSON, 'errors', '', s.tx_errors);
    p.number(PRINT_JSON, 'dropped', '', s.tx_dropped);
    p.number(PRINT_JSON, 'carrier_errors', '', s.tx_carrier_errors);
    p.number(PRINT_JSON, 'collisions', '', s.collisions);
    if (s.tx_compressed) p.number(PRINT_JSON, 'compressed', '', s.tx_compressed);
    if (opts.stats > 1) {
      p.number(PRINT_JSON, 'aborted_errors', '', s.tx_aborted_errors);
      p.number(PRINT_JSON, 'fifo_errors', '', s.tx_fifo_errors);
      p.number(PRINT_JSON, 'window_errors', '', s.tx_window_errors);
      p.number(PRINT_JSON, 'heartbeat_errors', '', s.tx_heartbeat_errors);
      p.number(PRINT_JSON, 'carrier_changes', '', dev.carrierChanges);
    }
    p.closeObject();
    p.closeObject();
    return;
  }
  const cols = [10, 7, 6, 7, 7, 7, 10];
  const size = (...v: number[]) => v.forEach((x, i) => { cols[i] = Math.max(cols[i]!, String(x).length); });
  size(s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast, s.rx_compressed);
  size(s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions, s.tx_compressed);
  if (opts.stats > 1) {
    size(0, s.rx_length_errors, s.rx_crc_errors, s.rx_frame_errors, s.rx_fifo_errors, s.rx_over_errors, s.rx_nohandler);
    size(0, s.tx_aborted_errors, s.tx_fifo_errors, s.tx_window_errors, s.tx_heartbeat_errors, dev.carrierChanges);
  }
  const num = (w: number, v: number) => String(v).padStart(w) + ' ';
  const c = cols as [number, number, number, number, number, number, number];
  let t = `    RX: ${'bytes'.padStart(c[0] - 4)} ${'packets'.padStart(c[1])} ${'errors'.padStart(c[2])} ${'dropped'.padStart(c[3])} ${'missed'.padStart(c[4])} ${'mcast'.padStart(c[5])} ${(s.rx_compressed ? 'compressed' : '').padStart(c[6])}${sl}`;
  t += '    ' + num(c[0], s.rx_bytes) + num(c[1], s.rx_packets) + num(c[2], s.rx_errors) + num(c[3], s.rx_dropped) + num(c[4], s.rx_missed_errors) + num(c[5], s.multicast);
  if (s.rx_compressed) t += num(c[6], s.rx_compressed);
  if (opts.stats > 1) {
    t += sl + `    RX errors: ${'length'.padStart(c[1])} ${'crc'.padStart(c[2])} ${'frame'.padStart(c[3])} ${'fifo'.padStart(c[4])} ${'overrun'.padStart(c[5])}${s.rx_nohandler ? ' ' + 'nohandler'.padStart(c[6]) : ''}${sl}`;
    t += '    ' + ''.padStart(c[0]) + ' ' + num(c[1], s.rx_length_errors) + num(c[2], s.rx_crc_errors) + num(c[3], s.rx_frame_errors) + num(c[4], s.rx_fifo_errors) + num(c[5], s.rx_over_errors);
    if (s.rx_nohandler) t += num(c[6], s.rx_nohandler);
  }
  t += sl;
  t += `    TX: ${'bytes'.padStart(c[0] - 4)} ${'packets'.padStart(c[1])} ${'errors'.padStart(c[2])} ${'dropped'.padStart(c[3])} ${'carrier'.padStart(c[4])} ${'collsns'.padStart(c[5])} ${(s.tx_compressed ? 'compressed' : '').padStart(c[6])}${sl}`;
  t += '    ' + num(c[0], s.tx_bytes) + num(c[1], s.tx_packets) + num(c[2], s.tx_errors) + num(c[3], s.tx_dropped) + num(c[4], s.tx_carrier_errors) + num(c[5], s.collisions);
  if (s.tx_compressed) t += num(c[6], s.tx_compressed);
  if (opts.stats > 1) {
    t += sl + `    TX errors: ${'aborted'.padStart(c[1])} ${'fifo'.padStart(c[2])} ${'window'.padStart(c[3])} ${'heartbt'.padStart(c[4])} ${'transns'.padStart(c[5])}${sl}`;
    t += '    ' + ''.padStart(c[0]) + ' ' + num(c[1], s.tx_aborted_errors) + num(c[2], s.tx_fifo_errors) + num(c[3], s.tx_window_errors) + num(c[4], s.tx_heartbeat_errors) + num(c[5], dev.carrierChanges);
  }
  p.text(t);
}

/** print_linkinfo_brief(): "name@link  STATE  [mac <flags>]" (the part before addresses). */
export function printLinkinfoBrief(p: Printer, dev: NetDevice, opts: IpOptions): void {
  const mdown = printNameAndLink(p, dev, '%-16s ');
  const state = dev.operstate;
  p.string(PRINT_ANY, 'operstate', '%-14s ', state, operColor(state));
  if (opts.family === AF_PACKET) {
    p.string(PRINT_ANY, 'address', '%s ', formatMac(dev.addr), 'mac');
    printLinkFlags(p, dev.getFlags(), mdown);
    p.text('\n');
  }
}
