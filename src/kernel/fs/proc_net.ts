// /proc/net: the seq_files of the network stack, per namespace. The files whose data
// belongs to other parts of the kernel (the neighbour table, IPv6 addresses) read it
// through the dump functions those parts register here; anything else can register a
// whole file with registerProcNet().
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { fibOf, type FibRoute } from '../ipv4/fib.js';
import { RT_TABLE_MAIN, RTN_BROADCAST, RTN_MULTICAST, RTN_UNREACHABLE, RTN_PROHIBIT } from '../ipv4/route_types.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { inDev } from '../ipv4/devinet.js';
import { customFile, dirNode, type SysNode } from './sysctl_core.js';

export type ProcNetShow = (ns: Netns) => string;

const files = new Map<string, ProcNetShow>();

/** Adds /proc/net/<name> (a "/" in the name makes subdirectories: "stat/arp_cache").
 *  Returns the function that removes it. */
export function registerProcNet(name: string, show: ProcNetShow): () => void {
  files.set(name, show);
  return () => { if (files.get(name) === show) files.delete(name); };
}

/** The files of a directory whose entries differ per namespace (/proc/net/ipt_hashlimit:
 *  one file per table the namespace's rules created). */
export type ProcNetDirList = (ns: Netns) => [string, () => string][];
const dynDirs = new Map<string, ProcNetDirList>();

/** Adds the directory /proc/net/<name> listing `list(ns)`. */
export function registerProcNetDir(name: string, list: ProcNetDirList): void {
  dynDirs.set(name, list);
}

/** The /proc/net directory as `ns` sees it. */
export function procNetDir(ns: Netns, prefix = ''): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    if (!prefix) {
      for (const [name, list] of dynDirs) {
        m.set(name, dirNode(() => new Map(list(ns).map(([f, show]) => [f, customFile(0o444, show, () => {})]))));
      }
    }
    for (const [name, show] of files) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) m.set(rest, customFile(0o444, () => show(ns), () => {}));
      else if (!m.has(rest.slice(0, slash))) m.set(rest.slice(0, slash), procNetDir(ns, prefix + rest.slice(0, slash + 1)));
    }
    return m;
  });
}

// ---------------------------------------------------------------------------------------
// /proc/net/dev: dev_seq_show()

const r = (v: unknown, w: number) => String(v).padStart(w);
const l = (v: unknown, w: number) => String(v).padEnd(w);
const hex = (v: number) => (v >>> 0).toString(16);

/** "%6s:%8llu %7llu %4llu ..." of dev_seq_printf_stats() */
function devLine(dev: NetDevice): string {
  const s = dev.stats;
  const cols: [number, number][] = [
    [s.rx_bytes, 8], [s.rx_packets, 7], [s.rx_errors, 4], [s.rx_dropped + s.rx_missed_errors, 4], [s.rx_fifo_errors, 4],
    [s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors, 5], [s.rx_compressed, 10], [s.multicast, 9],
    [s.tx_bytes, 8], [s.tx_packets, 7], [s.tx_errors, 4], [s.tx_dropped, 4], [s.tx_fifo_errors, 4], [s.collisions, 5],
    [s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors, 7], [s.tx_compressed, 10],
  ];
  return `${r(dev.name, 6)}:${cols.map(([v, w]) => r(v, w)).join(' ')}\n`;
}

registerProcNet('dev', (ns) =>
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
  ns.devicesInListOrder().map(devLine).join(''));

// ---------------------------------------------------------------------------------------
// /proc/net/route: fib_route_seq_show(), the main table in the net-tools format.

const RTF_UP = 0x0001, RTF_GATEWAY = 0x0002, RTF_HOST = 0x0004, RTF_REJECT = 0x0200;

/** The __be32 printed with %08X on a little-endian machine. */
function be32hex(v: number): string {
  const sw = (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
  return sw.toString(16).toUpperCase().padStart(8, '0');
}

/** fib_trie order: by key, and within a key the longer prefix first, aliases in order. */
export function trieOrder(routes: FibRoute[]): FibRoute[] {
  return routes.map((r, i) => ({ r, i })).sort((a, b) =>
    (a.r.dst - b.r.dst) || (b.r.plen - a.r.plen) || (a.i - b.i)).map((x) => x.r);
}

function routeLine(r: FibRoute): string {
  const mask = r.plen === 0 ? 0 : (0xffffffff << (32 - r.plen)) >>> 0;
  const nh = r.nhs[0];
  let flags = r.type === RTN_UNREACHABLE || r.type === RTN_PROHIBIT ? RTF_REJECT : 0;
  if (nh && nh.gw) flags |= RTF_GATEWAY;
  if (r.plen === 32) flags |= RTF_HOST;
  flags |= RTF_UP;
  const advmss = r.metrics.get('advmss') ?? 0;
  const line = [nh?.dev ? nh.dev.name : '*', be32hex(r.dst), be32hex(nh?.gw ?? 0), flags.toString(16).toUpperCase().padStart(4, '0'),
    0, 0, r.priority, be32hex(mask), advmss ? advmss + 40 : 0, r.metrics.get('window') ?? 0, (r.metrics.get('rtt') ?? 0) >>> 3].join('\t');
  return line.padEnd(127) + '\n';
}

/** Whether the namespace has FIB tables yet: Linux creates them with the first route (lo
 *  coming up makes some), and until then /proc/net/route is empty, header included. */
const fibCreated = new WeakMap<Netns, boolean>();
function fibExists(ns: Netns): boolean {
  if (fibCreated.get(ns)) return true;
  const any = [...fibOf(ns).tables.values()].some((t) => t.size > 0);
  if (any) fibCreated.set(ns, true);
  return any;
}
registerNetdeviceNotifier((event, dev) => {
  if (event === 'UP' && (dev.flags & IFF_LOOPBACK || (inDev(dev)?.addrs.length ?? 0) > 0)) fibCreated.set(dev.netns, true);
});

registerProcNet('route', (ns) => {
  if (!fibExists(ns)) return '';
  let out = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127) + '\n';
  const main = fibOf(ns).tables.get(RT_TABLE_MAIN);
  if (!main) return out;
  for (const r of trieOrder(main.routes())) {
    if (r.type === RTN_BROADCAST || r.type === RTN_MULTICAST || r.table !== RT_TABLE_MAIN) continue;
    out += routeLine(r);
  }
  return out;
});

// ---------------------------------------------------------------------------------------
// Neighbour tables: /proc/net/arp (arp_seq_show()).

export const NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04, NUD_DELAY = 0x08,
  NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80, NUD_NONE = 0x00;
const NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;
export const ATF_COM = 0x02, ATF_PERM = 0x04, ATF_PUBL = 0x08;

/** One entry of a neighbour table as the neighbour code reports it. */
export interface NeighEntry {
  /** IPv4 address as a uint32 (10.0.0.1 === 0x0a000001), or 16 bytes for IPv6. */
  key: number | Uint8Array;
  dev: NetDevice | undefined;
  /** The link-layer address known (n->ha); undefined or empty while unresolved. */
  lladdr?: Uint8Array;
  /** NUD_* state bits. */
  state: number;
  /** A proxy entry (pneigh, `ip neigh add proxy`). */
  proxy?: boolean;
}

export type NeighDump = (ns: Netns, family: 4 | 6) => NeighEntry[];
let neighDump: NeighDump | undefined;

/** The neighbour code registers how to list its tables (neigh_seq_start() order: hash
 *  buckets, then proxy entries). */
export function registerNeighDump(fn: NeighDump): void {
  neighDump = fn;
}

export function neighEntries(ns: Netns, family: 4 | 6): NeighEntry[] {
  return neighDump ? neighDump(ns, family) : [];
}

function macText(a: Uint8Array | undefined, len: number): string {
  const out: string[] = [];
  for (let i = 0; i < len; i++) out.push((a?.[i] ?? 0).toString(16).padStart(2, '0'));
  return out.join(':');
}

function ipv4Text(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

registerProcNet('arp', (ns) => {
  let out = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  const all = neighEntries(ns, 4).filter((e) => typeof e.key === 'number');
  for (const e of all.filter((x) => !x.proxy)) {
    // NEIGH_SEQ_SKIP_NOARP
    if ((e.state & ~NUD_NOARP) === 0) continue;
    const dev = e.dev;
    const hatype = dev ? dev.type : 1;
    let flags = e.state & NUD_VALID ? ATF_COM : 0;
    if (e.state & NUD_PERMANENT) flags |= ATF_PERM;
    const hw = macText(e.lladdr, dev ? dev.addr.length : 6);
    out += `${l(ipv4Text(e.key as number), 16)} 0x${l(hex(hatype), 10)}0x${l(hex(flags), 10)}${l(hw, 17)}     ${l('*', 8)} ${dev ? dev.name : '*'}\n`;
  }
  for (const e of all.filter((x) => x.proxy)) {
    const dev = e.dev;
    out += `${l(ipv4Text(e.key as number), 16)} 0x${l(hex(dev ? dev.type : 1), 10)}0x${l(hex(ATF_PUBL | ATF_PERM), 10)}` +
      `00:00:00:00:00:00     *        ${dev ? dev.name : '*'}\n`;
  }
  return out;
});

// ---------------------------------------------------------------------------------------
// /proc/net/if_inet6: if6_seq_show(), from the IPv6 address list.

export interface Inet6AddrEntry {
  addr: Uint8Array;
  dev: NetDevice;
  prefixlen: number;
  /** IFA_F_* flags (tentative 0x40, permanent 0x80, ...). */
  flags: number;
  /** IPV6_ADDR_SCOPE bits as ipv6_addr_scope() gives them; computed from addr when absent. */
  scope?: number;
}

export type Inet6AddrDump = (ns: Netns) => Inet6AddrEntry[];
let inet6Dump: Inet6AddrDump | undefined;

/** The IPv6 code registers how to list the namespace's addresses (inet6_addr_lst order). */
export function registerInet6AddrDump(fn: Inet6AddrDump): void {
  inet6Dump = fn;
}

export function inet6Addrs(ns: Netns): Inet6AddrEntry[] {
  return inet6Dump ? inet6Dump(ns) : [];
}

/** ipv6_addr_scope() */
export function ipv6AddrScope(a: Uint8Array): number {
  if (a[0] === 0xff) {
    const sc = a[1]! & 0x0f;
    return sc === 1 ? 0x10 : sc === 2 ? 0x20 : sc === 5 ? 0x40 : 0x00;
  }
  if (a[0] === 0xfe && (a[1]! & 0xc0) === 0x80) return 0x20;
  if (a[0] === 0xfe && (a[1]! & 0xc0) === 0xc0) return 0x40;
  if (a.every((b, i) => (i < 15 ? b === 0 : b === 1))) return 0x10;
  return 0x00;
}

registerProcNet('if_inet6', (ns) => inet6Addrs(ns).map((e) => {
  const hexa = [...e.addr].map((b) => b.toString(16).padStart(2, '0')).join('');
  const h2 = (v: number) => hex(v).padStart(2, '0');
  return `${hexa} ${h2(e.dev.ifindex)} ${h2(e.prefixlen)} ${h2(e.scope ?? ipv6AddrScope(e.addr))} ${h2(e.flags & 0xff)} ${r(e.dev.name, 8)}\n`;
}).join(''));
