// What net-tools (ifconfig, route, arp) get from the kernel and from libc: the interface
// ioctls (SIOCGIFFLAGS, SIOCSIFADDR, ... as net/core/dev_ioctl.c and devinet_ioctl()
// answer them), /proc/net files, and name resolution as it behaves in an isolated network
// namespace (/etc/hosts and /etc/networks, no DNS).
import { readFileSync } from 'node:fs';
import type { Process } from '../process.js';
import type { NetDevice } from '../../kernel/core/netdevice.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { rtnlSetlink } from '../../kernel/core/rtnetlink.js';
import {
  IFF_UP, IFF_BROADCAST, IFF_POINTOPOINT, IFF_DEBUG, IFF_NOTRAILERS, IFF_NOARP, IFF_PROMISC, IFF_ALLMULTI,
  IFF_MULTICAST, IFF_DYNAMIC, IFF_PORTSEL, IFF_AUTOMEDIA,
} from '../../kernel/core/if.js';
import { inDev, inetInsertIfa, inetDelIfa, newIfa, type InIfaddr } from '../../kernel/ipv4/devinet.js';
import { ipv4DevconfSetall, ipv4DevconfSet } from '../../kernel/fs/sysctl_ipv4.js';
import { EADDRNOTAVAIL, EINVAL, ENODEV, ENOENT, ENXIO, ESRCH, KernelError } from '../../kernel/errno.js';
import { arpTable } from '../../kernel/ipv4/arp.js';
import { ipRouteOutput } from '../../kernel/ipv4/route.js';
import { ipv4Net } from '../../kernel/ipv4/devinet.js';
import {
  neighUpdate, NUD_FAILED, NUD_NOARP, NUD_PERMANENT, NUD_STALE, NEIGH_UPDATE_F_ADMIN, NEIGH_UPDATE_F_OVERRIDE,
} from '../../kernel/core/neighbour.js';
import {
  RT_SCOPE_HOST, RT_SCOPE_NOWHERE, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE, RT_TABLE_MAIN, RTN_UNICAST, RTN_UNREACHABLE,
  RTPROT_BOOT, RTAX_ADVMSS, RTAX_WINDOW, RTAX_RTT,
} from '../../kernel/ipv4/route_types.js';
import { fibGetTable, fibNewTable, fibTableInsert, fibTableDelete, inetAddrTypeTable, type FibConfig } from '../../kernel/ipv4/fib.js';
import { prefixMask } from '../../wire/inet.js';

// ---------------------------------------------------------------------------------------
// Interface ioctls

/** The device an ifr_name names (an alias "eth0:1" names eth0), or ENODEV. */
export function devByIfrName(ns: Netns, name: string): NetDevice {
  const colon = name.indexOf(':');
  const dev = ns.devByName(colon >= 0 ? name.slice(0, colon) : name);
  if (!dev) throw new KernelError(ENODEV);
  return dev;
}

/** SIOCGIFCONF: every IPv4 address as (label, address), devices in order. */
export function siocgifconf(ns: Netns): { name: string; addr: number }[] {
  const out: { name: string; addr: number }[] = [];
  for (const dev of ns.devices()) for (const ifa of inDev(dev)?.addrs ?? []) out.push({ name: ifa.label, addr: ifa.local });
  return out;
}

/** SIOCGIFFLAGS: dev_get_flags() in a short. */
export function siocgifflags(ns: Netns, name: string): number {
  return devByIfrName(ns, name).getFlags() & 0xffff;
}

const CHANGEABLE = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA |
  IFF_PROMISC | IFF_ALLMULTI;

/** SIOCSIFFLAGS: dev_change_flags(), or on an alias label devinet_ioctl(): clearing IFF_UP
 *  deletes that address. */
export function siocsifflags(ns: Netns, name: string, flags: number): void {
  const dev = devByIfrName(ns, name);
  if (name.includes(':')) {
    const ifa = findIfa(dev, name);
    if (!ifa) throw new KernelError(EADDRNOTAVAIL);
    if (!(flags & IFF_UP)) inetDelIfa(ifa);
    return;
  }
  const on = (flags & CHANGEABLE) | (flags & IFF_UP);
  const off = (~flags & CHANGEABLE) | (~flags & IFF_UP);
  rtnlSetlink(dev, { flagsOn: on & ~(dev.flags & on), flagsOff: off & dev.flags });
}

function findIfa(dev: NetDevice, label: string): InIfaddr | undefined {
  return inDev(dev)?.addrs.find((a) => a.label === label);
}

export type IfaddrIoctl = 'addr' | 'broadaddr' | 'dstaddr' | 'netmask';

/** SIOCGIFADDR / SIOCGIFBRDADDR / SIOCGIFDSTADDR / SIOCGIFNETMASK for a label. */
export function siocgifaddr(ns: Netns, name: string, which: IfaddrIoctl): number {
  const dev = devByIfrName(ns, name);
  const ifa = findIfa(dev, name);
  if (!ifa) throw new KernelError(EADDRNOTAVAIL);
  switch (which) {
    case 'addr': return ifa.local;
    case 'broadaddr': return ifa.broadcast;
    case 'dstaddr': return ifa.address;
    case 'netmask': return prefixMask(ifa.prefixlen);
  }
}

/** inet_abc_len(): the classful prefix of an address, -1 for multicast. */
function inetAbcLen(a: number): number {
  if (a === 0 || a === 0xffffffff) return 0;
  if (!(a & 0x80000000)) return 8;
  if ((a & 0xc0000000) >>> 0 === 0x80000000) return 16;
  if ((a & 0xe0000000) >>> 0 === 0xc0000000) return 24;
  if ((a & 0xf0000000) >>> 0 === 0xf0000000) return 32;
  return -1;
}

/** inet_set_ifa(): an address set by ioctl marks the device's configuration as explicit. */
function inetSetIfa(dev: NetDevice, ifa: InIfaddr): void {
  ipv4DevconfSetall(dev);
  if ((ifa.local >>> 24) === 127) ifa.scope = RT_SCOPE_HOST;
  if (ifa.local === 0) return; // __inet_insert_ifa() drops an address of 0
  inetInsertIfa(ifa);
}

/** SIOCSIFADDR / SIOCSIFBRDADDR / SIOCSIFDSTADDR / SIOCSIFNETMASK: devinet_ioctl(). */
export function siocsifaddr(ns: Netns, name: string, which: IfaddrIoctl, v: number): void {
  const dev = devByIfrName(ns, name);
  const ind = inDev(dev);
  const ifa = ind ? findIfa(dev, name) : undefined;
  if (!ifa && which !== 'addr') throw new KernelError(EADDRNOTAVAIL);
  switch (which) {
    case 'addr': {
      if (inetAbcLen(v) < 0) throw new KernelError(EINVAL);
      let a: InIfaddr;
      if (!ifa) {
        if (!ind) throw new KernelError(ENODEV);
        a = newIfa(dev, { local: v, prefixlen: 32, label: name.includes(':') ? name : dev.name });
      } else {
        if (ifa.local === v) return;
        inetDelIfa(ifa);
        a = ifa;
        a.broadcast = 0;
        a.scope = 0;
      }
      a.local = a.address = v;
      if (!(dev.flags & IFF_POINTOPOINT)) {
        a.prefixlen = inetAbcLen(v);
        if (dev.flags & IFF_BROADCAST && a.prefixlen < 31) a.broadcast = (v | ~prefixMask(a.prefixlen)) >>> 0;
      } else {
        a.prefixlen = 32;
      }
      inetSetIfa(dev, a);
      return;
    }
    case 'broadaddr':
      if (ifa!.broadcast !== v) {
        inetDelIfa(ifa!);
        ifa!.broadcast = v;
        inetInsertIfa(ifa!);
      }
      return;
    case 'dstaddr':
      if (ifa!.address === v) return;
      if (inetAbcLen(v) < 0) throw new KernelError(EINVAL);
      inetDelIfa(ifa!);
      ifa!.address = v;
      inetInsertIfa(ifa!);
      return;
    case 'netmask': {
      // bad_mask()
      const inv = ~v >>> 0;
      if ((inv & (inv + 1)) !== 0) throw new KernelError(EINVAL);
      const oldMask = prefixMask(ifa!.prefixlen);
      if (oldMask === v) return;
      inetDelIfa(ifa!);
      ifa!.prefixlen = 32 - Math.log2(inv + 1);
      if (dev.flags & IFF_BROADCAST && ifa!.prefixlen < 31 && ifa!.broadcast === ((ifa!.local | ~oldMask) >>> 0)) {
        ifa!.broadcast = (ifa!.local | ~v) >>> 0;
      }
      inetInsertIfa(ifa!);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Name resolution

/** inet_aton(): a, a.b, a.b.c or a.b.c.d, each part decimal, octal (0...) or hex (0x...). */
export function inetAton(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length > 2 ? parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = parseInt(p, 10);
    else return undefined;
    vals.push(v);
  }
  const last = vals.pop()!;
  if (vals.some((v) => v > 255)) return undefined;
  const rest = 4 - vals.length;
  if (last >= 2 ** (8 * rest)) return undefined;
  let out = 0;
  for (const v of vals) out = out * 256 + v;
  return (out * 2 ** (8 * rest) + last) >>> 0;
}

function readLines(path: string): string[][] {
  try {
    return readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).filter((f) => f[0]);
  } catch {
    return [];
  }
}

/** inet_network(): "127.0.0.0" or "127" (a network number, right-aligned). */
function inetNetwork(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length > 4 || parts.some((x) => !/^\d+$/.test(x) || Number(x) > 255)) return undefined;
  return parts.reduce((v, x) => v * 256 + Number(x), 0) >>> 0;
}

/** getnetbyname() from /etc/networks. */
function getnetbyname(name: string): number | undefined {
  for (const f of readLines('/etc/networks')) {
    if (f[0] === name || f.slice(2).includes(name)) {
      const n = inetNetwork(f[1] ?? '');
      if (n !== undefined) return n;
    }
  }
  return undefined;
}

/** gethostbyname() from /etc/hosts. */
function gethostbyname(name: string): number | undefined {
  for (const f of readLines('/etc/hosts')) {
    if (f.slice(1).includes(name)) {
      const a = inetAton(f[0]!);
      if (a !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(f[0]!)) return a;
    }
  }
  return undefined;
}

export type Resolved = { addr: number; net: boolean } | { error: string };

/** INET_resolve(): what ifconfig, route and arp accept where an address is expected. The
 *  namespace has no DNS server, so names that are not in /etc/hosts fail as they do there. */
export function inetResolve(name: string): Resolved {
  if (name === 'default') return { addr: 0, net: true };
  const a = inetAton(name);
  if (a !== undefined) return { addr: a, net: false };
  const n = getnetbyname(name);
  if (n !== undefined) return { addr: n, net: true };
  const h = gethostbyname(name);
  if (h !== undefined) return { addr: h, net: false };
  // glibc refuses names that are not valid host names before asking DNS (HOST_NOT_FOUND);
  // others go to a resolver that cannot be reached (TRY_AGAIN).
  const valid = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$/.test(name) || /^[A-Za-z0-9_]\.?$/.test(name);
  return { error: valid && !name.startsWith('-') ? 'Host name lookup failure' : 'Unknown host' };
}

/** Reverse lookups (gethostbyaddr / getnetbyaddr) from /etc/hosts and /etc/networks. */
export function inetRresolve(addr: number, host: boolean): string | undefined {
  if (host) {
    for (const f of readLines('/etc/hosts')) if (/^\d+\.\d+\.\d+\.\d+$/.test(f[0]!) && inetAton(f[0]!) === addr && f[1]) return f[1];
    return undefined;
  }
  for (const f of readLines('/etc/networks')) if (inetNetwork(f[1] ?? '') === addr) return f[0];
  return undefined;
}

export function ntoa(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Reads a /proc file of the process's namespace as the tool would (undefined on error). */
export function readProc(p: Process, path: string, read: (k: Process['kernel'], ns: Netns, path: string) => string): string | undefined {
  try {
    return read(p.kernel, p.netns, path);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// The lists print_hwlist() / print_aflist() write to stderr in the usage texts.

export const HWLIST_ALL = `    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) 
    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) 
    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) 
    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) 
    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) 
    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) ec (Econet) x25 (generic X.25) 
    eui64 (Generic EUI-64) 
`;

export const AFLIST_ALL = `    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) 
    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) 
    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) 
    ash (Ash) x25 (CCITT X.25) 
`;

export const AFLIST_ROUTE = `    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;

export const HWLIST_ARP = `    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) 
    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) 
`;

export const NET_TOOLS_VERSION = 'net-tools 2.10';
export const NET_TOOLS_FEATURES_AF = 'AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH';

// ---------------------------------------------------------------------------------------
// SIOCADDRT / SIOCDELRT: ip_rt_ioctl() and rtentry_to_fib_config()

export const RTF_UP = 0x0001, RTF_GATEWAY = 0x0002, RTF_HOST = 0x0004, RTF_REINSTATE = 0x0008,
  RTF_DYNAMIC = 0x0010, RTF_MODIFIED = 0x0020, RTF_MSS = 0x0040, RTF_WINDOW = 0x0080, RTF_IRTT = 0x0100,
  RTF_REJECT = 0x0200;

/** struct rtentry as route(8) fills it (addresses as uint32, undefined when unset). */
export interface RtEntry {
  dst: number;
  genmask: number | undefined;
  gateway: number | undefined;
  flags: number;
  metric: number;
  dev: string | undefined;
  mss: number;
  window: number;
  irtt: number;
}

export function ipRtIoctl(ns: Netns, cmd: 'add' | 'del', rt: RtEntry): void {
  let plen = 32;
  const addr = rt.dst;
  if (!(rt.flags & RTF_HOST)) {
    const mask = rt.genmask ?? 0;
    const inv = ~mask >>> 0;
    if ((inv & (inv + 1)) !== 0 || (addr & inv) !== 0) throw new KernelError(EINVAL); // bad_mask()
    plen = 32 - Math.log2(inv + 1);
  }
  const cfg: FibConfig = {
    dst: addr, dstLen: plen, tos: 0, table: 0, protocol: cmd === 'add' ? RTPROT_BOOT : 0, scope: RT_SCOPE_NOWHERE,
    type: RTN_UNICAST, flags: 0, oif: 0, gw: 0, priority: rt.metric ? rt.metric - 1 : 0, prefsrc: 0, flow: 0,
    nlflags: { create: cmd === 'add', excl: false, replace: false, append: false },
  };
  if (rt.flags & RTF_REJECT) {
    cfg.scope = RT_SCOPE_HOST;
    cfg.type = RTN_UNREACHABLE;
    cfg.table = RT_TABLE_MAIN;
  } else {
    if (rt.dev !== undefined) {
      const devname = rt.dev.slice(0, 15);
      const colon = devname.indexOf(':');
      const dev = ns.devByName(colon >= 0 ? devname.slice(0, colon) : devname);
      if (!dev) throw new KernelError(ENODEV);
      cfg.oif = dev.ifindex;
      if (colon >= 0) {
        const ifa = inDev(dev)?.addrs.find((a) => a.label === devname);
        if (!ifa) throw new KernelError(ENODEV);
        cfg.prefsrc = ifa.local;
      }
    }
    if (rt.gateway) {
      cfg.gw = rt.gateway;
      if (rt.flags & RTF_GATEWAY && inetAddrTypeTable(ns, rt.gateway, RT_TABLE_MAIN) === RTN_UNICAST) cfg.scope = RT_SCOPE_UNIVERSE;
    }
    cfg.table = RT_TABLE_MAIN;
    if (cmd === 'add') {
      if (rt.flags & RTF_GATEWAY && !cfg.gw) throw new KernelError(EINVAL);
      if (cfg.scope === RT_SCOPE_NOWHERE) cfg.scope = RT_SCOPE_LINK;
      if (rt.flags & (RTF_MSS | RTF_WINDOW | RTF_IRTT)) {
        const mx = new Map<number, number | string>();
        if (rt.flags & RTF_MSS) mx.set(RTAX_ADVMSS, rt.mss - 40);
        if (rt.flags & RTF_WINDOW) mx.set(RTAX_WINDOW, rt.window);
        if (rt.flags & RTF_IRTT) mx.set(RTAX_RTT, rt.irtt << 3);
        cfg.metrics = mx;
      }
    }
  }
  if (cmd === 'del') {
    const tb = fibGetTable(ns, cfg.table);
    if (!tb) throw new KernelError(ESRCH);
    fibTableDelete(tb, cfg);
  } else {
    fibTableInsert(ns, fibNewTable(ns, cfg.table), cfg);
  }
}

// ---------------------------------------------------------------------------------------
// SIOCSARP / SIOCDARP: arp_ioctl() with arp_req_set() and arp_req_delete()

export const ATF_COM = 0x02, ATF_PERM = 0x04, ATF_PUBL = 0x08, ATF_USETRAILERS = 0x10, ATF_NETMASK = 0x20,
  ATF_DONTPUB = 0x40, ATF_MAGIC = 0x80;

/** struct arpreq as arp(8) fills it. */
export interface ArpReq {
  /** arp_pa (AF_INET) */
  pa: number;
  /** arp_ha: sa_family (an ARPHRD_* type, 0 when unset) and the 14 bytes of sa_data */
  haFamily: number;
  ha: Uint8Array;
  flags: number;
  /** arp_netmask (only meaningful with ATF_NETMASK) */
  netmask: number;
  /** arp_dev ('' for none) */
  dev: string;
}

/** SIOCGIFHWADDR: the device's type and address. */
export function siocgifhwaddr(ns: Netns, name: string): { family: number; data: Uint8Array } {
  const dev = devByIfrName(ns, name);
  const data = new Uint8Array(14);
  data.set(dev.addr.subarray(0, 14));
  return { family: dev.type, data };
}

/** arp_req_dev(): the named device (arp_req_dev_by_name()), none for a public entry, or the
 *  device of the on-link route to the address. */
function arpReqDev(ns: Netns, r: ArpReq): NetDevice | undefined {
  if (r.dev) {
    const dev = ns.devByName(r.dev);
    if (!dev) throw new KernelError(ENODEV);
    // "Mmmm... It is wrong... ARPHRD_NETROM == 0"
    if (!r.haFamily) r.haFamily = dev.type;
    if (r.flags & ATF_COM && r.haFamily !== dev.type) throw new KernelError(EINVAL);
    return dev;
  }
  if (r.flags & ATF_PUBL) return undefined;
  const rt = ipRouteOutput(ns, { dst: r.pa, onlink: true });
  if (typeof rt === 'number') throw new KernelError(rt);
  return rt.dev;
}

/** arp_req_set_proxy(): proxy_arp on the device, or on "all" without one. */
function arpReqSetProxy(ns: Netns, dev: NetDevice | undefined, on: number): void {
  if (!dev) {
    ipv4Net(ns).all.proxy_arp = on;
    return;
  }
  if (!inDev(dev)) throw new KernelError(ENXIO);
  ipv4DevconfSet(dev, 'proxy_arp', on);
}

/** dev_getbyhwaddr() */
function devGetByHwaddr(ns: Netns, type: number, ha: Uint8Array): NetDevice | undefined {
  return ns.devices().find((d) => d.type === type && d.addr.every((b, i) => ha[i] === b));
}

/** arp_ioctl(SIOCSARP / SIOCDARP). Throws the KernelError the ioctl fails with. */
export function arpIoctl(ns: Netns, cmd: 'SIOCSARP' | 'SIOCDARP', req: ArpReq): void {
  const r: ArpReq = { ...req };
  if (!(r.flags & ATF_PUBL) && r.flags & (ATF_NETMASK | ATF_DONTPUB)) throw new KernelError(EINVAL);
  if (!(r.flags & ATF_NETMASK)) r.netmask = 0xffffffff;
  else if (r.netmask && r.netmask >>> 0 !== 0xffffffff) throw new KernelError(EINVAL);
  let dev = arpReqDev(ns, r);
  const tbl = arpTable(ns);
  if (cmd === 'SIOCSARP') {
    if (r.flags & ATF_PUBL) {
      // arp_req_set_public()
      if (!dev && r.flags & ATF_COM) {
        dev = devGetByHwaddr(ns, r.haFamily, r.ha);
        if (!dev) throw new KernelError(ENODEV);
      }
      if (r.netmask) {
        // pneigh_create()
        if (!tbl.pneighLookup(r.pa, dev)) tbl.proxies.push({ key: r.pa, dev, flags: 0, protocol: 0 });
        return;
      }
      arpReqSetProxy(ns, dev, 1);
      return;
    }
    if (!dev) throw new KernelError(EINVAL);
    if (r.haFamily !== dev.type) throw new KernelError(EINVAL);
    // __neigh_lookup_errno()
    const n = tbl.lookup(r.pa, dev) ?? tbl.create(r.pa, dev);
    let state = NUD_STALE;
    if (r.flags & ATF_PERM) {
      r.flags |= ATF_COM;
      state = NUD_PERMANENT;
    }
    const err = neighUpdate(n, r.flags & ATF_COM ? r.ha.subarray(0, dev.addr.length) : undefined, state,
      NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
    if (err) throw new KernelError(-err);
    return;
  }
  // arp_req_delete()
  if (r.flags & ATF_PUBL) {
    // arp_req_delete_public()
    if (r.netmask) {
      // pneigh_delete()
      const i = tbl.proxies.findIndex((p) => p.key === r.pa && p.dev === dev);
      if (i < 0) throw new KernelError(ENOENT);
      tbl.proxies.splice(i, 1);
      return;
    }
    arpReqSetProxy(ns, dev, 0);
    return;
  }
  if (!dev) throw new KernelError(EINVAL);
  // arp_invalidate(dev, ip, true)
  const n = tbl.lookup(r.pa, dev);
  if (!n) throw new KernelError(ENXIO);
  let err = -ENXIO;
  if (n.nudState & ~NUD_NOARP) err = neighUpdate(n, undefined, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
  tbl.unlink(n);
  if (err) throw new KernelError(-err);
}
