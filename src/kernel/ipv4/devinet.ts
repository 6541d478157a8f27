// net/ipv4/devinet.c: the IPv4 addresses of a device (struct in_device / in_ifaddr),
// primary/secondary ordering and promotion, per-device configuration, and the routes
// fib_add_ifaddr()/fib_del_ifaddr() keep for every address.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { IFF_LOOPBACK, IFF_UP } from '../core/if.js';
import { prefixMask } from '../../wire/inet.js';
import { fibMagic, fibSyncDownDev, fibSyncUp, fibInetaddrDown } from './fib.js';
import { RTN_LOCAL, RTN_BROADCAST, RTN_UNICAST, RT_SCOPE_HOST, RT_SCOPE_UNIVERSE } from './route_types.js';
import { EADDRNOTAVAIL, EEXIST, EINVAL, ENODEV, KernelError } from '../errno.js';
import { registerPernet } from '../kernel.js';
import { arpIfdown } from './arp.js';
import { ipv4DevconfCopyState } from '../sysctl.js';

export const IFA_F_SECONDARY = 0x01, IFA_F_NODAD = 0x02, IFA_F_OPTIMISTIC = 0x04,
  IFA_F_DADFAILED = 0x08, IFA_F_HOMEADDRESS = 0x10, IFA_F_DEPRECATED = 0x20,
  IFA_F_TENTATIVE = 0x40, IFA_F_PERMANENT = 0x80, IFA_F_MANAGETEMPADDR = 0x100,
  IFA_F_NOPREFIXROUTE = 0x200, IFA_F_MCAUTOJOIN = 0x400, IFA_F_STABLE_PRIVACY = 0x800;

export const INFINITY_LIFE_TIME = 0xffffffff;

export interface InIfaddr {
  dev: NetDevice;
  local: number;
  /** IFA_ADDRESS: the peer for point-to-point addresses, else equal to local. */
  address: number;
  prefixlen: number;
  broadcast: number;
  label: string;
  scope: number;
  flags: number;
  validLft: number;
  preferredLft: number;
  /** World time (ms) the lifetimes were set, for counting down. */
  tstamp: number;
  cstamp: number;
  rtPriority: number;
  proto: number;
}

/** The ipv4 devconf entries, in the order /proc/sys/net/ipv4/conf/X lists them. */
export const IPV4_DEVCONF_DEFAULTS: Record<string, number> = {
  accept_local: 0, accept_redirects: 1, accept_source_route: 1, arp_accept: 0, arp_announce: 0,
  arp_evict_nocarrier: 1, arp_filter: 0, arp_ignore: 0, arp_notify: 0, bc_forwarding: 0,
  bootp_relay: 0, disable_policy: 0, disable_xfrm: 0, drop_gratuitous_arp: 0,
  drop_unicast_in_l2_multicast: 0, force_igmp_version: 0, forwarding: 0,
  igmpv2_unsolicited_report_interval: 10000, igmpv3_unsolicited_report_interval: 1000,
  ignore_routes_with_linkdown: 0, log_martians: 0, mc_forwarding: 0, medium_id: 0,
  promote_secondaries: 0, proxy_arp: 0, proxy_arp_pvlan: 0, route_localnet: 0, rp_filter: 0,
  secure_redirects: 1, send_redirects: 1, shared_media: 1, src_valid_mark: 0, tag: 0,
};

export class InDevice {
  /** Primaries first (ordered by scope), then secondaries, as in_dev->ifa_list. */
  addrs: InIfaddr[] = [];
  conf: Record<string, number>;
  constructor(readonly dev: NetDevice, defaults: Record<string, number>) {
    this.conf = { ...defaults };
  }
}

export interface Ipv4Net {
  /** net.ipv4.conf.all and .default */
  all: Record<string, number>;
  dflt: Record<string, number>;
}

export function ipv4Net(ns: Netns): Ipv4Net {
  return ns.proto.ipv4 as Ipv4Net;
}

registerPernet((ns) => {
  // ipv4_devconf vs ipv4_devconf_dflt: only the default enables accept_source_route.
  ns.proto.ipv4 = { all: { ...IPV4_DEVCONF_DEFAULTS, accept_source_route: 0 }, dflt: { ...IPV4_DEVCONF_DEFAULTS } } satisfies Ipv4Net;
});

export function inDev(dev: NetDevice): InDevice | undefined {
  return dev.ip4 as InDevice | undefined;
}

/** IN_DEV_CONF_GET-style read of a devconf value combining "all" where Linux does (IN_DEV_ORCONF / MAXCONF). */
export function devconf(dev: NetDevice, key: string): number {
  const ind = inDev(dev);
  const v = ind ? ind.conf[key] ?? 0 : 0;
  const all = ipv4Net(dev.netns).all[key] ?? 0;
  switch (key) {
    case 'rp_filter': case 'arp_announce': case 'arp_ignore': return Math.max(v, all);
    case 'accept_local': case 'route_localnet': case 'proxy_arp': case 'log_martians':
    case 'arp_filter': case 'src_valid_mark': case 'shared_media': case 'promote_secondaries':
    case 'ignore_routes_with_linkdown': case 'drop_gratuitous_arp': case 'arp_accept':
      return v || all ? 1 : 0;
    default: return v;
  }
}

function inetMatch(ifa: InIfaddr, addr: number): boolean {
  const m = prefixMask(ifa.prefixlen);
  return ((ifa.address ^ addr) & m) === 0;
}

/** inet_insert_ifa() */
export function inetInsertIfa(ifa: InIfaddr): void {
  const ind = inDev(ifa.dev);
  if (!ind) throw new KernelError(ENODEV);
  if (ifa.local === 0) throw new KernelError(EINVAL);
  ifa.flags &= ~IFA_F_SECONDARY;
  let lastPrimary = 0;
  for (let i = 0; i < ind.addrs.length; i++) {
    const a = ind.addrs[i]!;
    if (!(a.flags & IFA_F_SECONDARY) && ifa.scope <= a.scope) lastPrimary = i + 1;
    if (a.prefixlen === ifa.prefixlen && inetMatch(a, ifa.address)) {
      if (a.local === ifa.local) throw new KernelError(EEXIST);
      if (a.scope !== ifa.scope) throw new KernelError(EINVAL);
      ifa.flags |= IFA_F_SECONDARY;
    }
  }
  if (ifa.flags & IFA_F_SECONDARY) ind.addrs.push(ifa);
  else ind.addrs.splice(lastPrimary, 0, ifa);
  ifa.dev.gen++;
  fibAddIfaddr(ifa);
}

/** __inet_del_ifa(): deleting a primary removes its secondaries, or promotes the first of
 *  them when net.ipv4.conf.*.promote_secondaries is set. */
export function inetDelIfa(ifa: InIfaddr): void {
  const ind = inDev(ifa.dev)!;
  const i = ind.addrs.indexOf(ifa);
  if (i < 0) throw new KernelError(EADDRNOTAVAIL);
  const dev = ifa.dev;
  if (!(ifa.flags & IFA_F_SECONDARY)) {
    const promote = devconf(dev, 'promote_secondaries') !== 0;
    const subs = ind.addrs.filter((a) => a !== ifa && (a.flags & IFA_F_SECONDARY) && a.prefixlen === ifa.prefixlen && inetMatch(a, ifa.address));
    if (!promote) {
      for (const s of subs) {
        ind.addrs.splice(ind.addrs.indexOf(s), 1);
        fibDelIfaddr(s, ifa);
        fibInetaddrDown(dev, s.local);
      }
      ind.addrs.splice(ind.addrs.indexOf(ifa), 1);
      fibDelIfaddr(ifa, undefined);
    } else {
      // Every secondary of the subnet changes its primary: their routes go silently while
      // all addresses are still listed, and come back with the new prefsrc.
      const p = subs[0];
      for (const sec of subs) fibDelIfaddr(sec, ifa);
      ind.addrs.splice(ind.addrs.indexOf(ifa), 1);
      fibDelIfaddr(ifa, undefined);
      if (p) {
        // The promoted address moves to where primaries go and becomes primary.
        ind.addrs.splice(ind.addrs.indexOf(p), 1);
        p.flags &= ~IFA_F_SECONDARY;
        let at = 0;
        for (let j = 0; j < ind.addrs.length; j++) {
          const a = ind.addrs[j]!;
          if (!(a.flags & IFA_F_SECONDARY) && p.scope <= a.scope) at = j + 1;
        }
        ind.addrs.splice(at, 0, p);
        for (const sec of subs) fibAddIfaddr(sec);
      }
    }
  } else {
    ind.addrs.splice(i, 1);
    fibDelIfaddr(ifa, undefined);
  }
  // fib_inetaddr_event(NETDEV_DOWN): routes preferring the gone address go with it, and a
  // device without IPv4 addresses loses its ARP entries (fib_disable_ip()).
  fibInetaddrDown(dev, ifa.local);
  if (ind.addrs.length === 0) arpIfdown(dev);
  for (const l of inetaddrDownListeners) l(dev, ifa.local);
  dev.gen++;
}

/** The inetaddr notifier chain's NETDEV_DOWN (register_inetaddr_notifier()): an address left
 *  `dev` (MASQUERADE forgets the connections that used it). */
export const inetaddrDownListeners: ((dev: NetDevice, addr: number) => void)[] = [];

/** The primary address whose subnet covers `ifa` (inet_ifa_byprefix()). */
function primaryFor(ifa: InIfaddr): InIfaddr | undefined {
  const ind = inDev(ifa.dev);
  return ind?.addrs.find((a) => !(a.flags & IFA_F_SECONDARY) && a.prefixlen === ifa.prefixlen && inetMatch(a, ifa.address));
}

/** fib_add_ifaddr() */
export function fibAddIfaddr(ifa: InIfaddr): void {
  const dev = ifa.dev;
  const ns = dev.netns;
  let prim = ifa;
  if (ifa.flags & IFA_F_SECONDARY) {
    const p = primaryFor(ifa);
    if (!p) return;
    prim = p;
  }
  fibMagic(ns, true, RTN_LOCAL, ifa.local, 32, dev, prim.local);
  if (!(dev.flags & IFF_UP)) return;
  if (ifa.broadcast && ifa.broadcast !== 0xffffffff) fibMagic(ns, true, RTN_BROADCAST, ifa.broadcast, 32, dev, prim.local);
  const mask = prefixMask(ifa.prefixlen);
  const prefix = (ifa.address & mask) >>> 0;
  if (prefix !== 0 && !(ifa.flags & IFA_F_SECONDARY) && (prefix !== ifa.local || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE)) {
      fibMagic(ns, true, dev.flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen, dev, prim.local, ifa.rtPriority);
    }
    if (ifa.prefixlen < 31) fibMagic(ns, true, RTN_BROADCAST, (prefix | ~mask) >>> 0, 32, dev, prim.local);
  }
}

/** fib_del_ifaddr(): removes this address's routes unless another address still needs them. */
export function fibDelIfaddr(ifa: InIfaddr, iprim: InIfaddr | undefined): void {
  const dev = ifa.dev;
  const ns = dev.netns;
  const mask = prefixMask(ifa.prefixlen);
  const prefix = (ifa.address & mask) >>> 0;
  const prim = ifa.flags & IFA_F_SECONDARY ? iprim ?? primaryFor(ifa) : ifa;
  const src = prim ? prim.local : ifa.local;
  if (!(ifa.flags & IFA_F_SECONDARY)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE) && prefix !== 0 && (prefix !== ifa.local || ifa.prefixlen < 32)) {
      fibMagic(ns, false, dev.flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen, dev, src, ifa.rtPriority);
    }
  }
  const others = (inDev(dev)?.addrs ?? []).filter((a) => a !== ifa);
  const brdUsed = (addr: number) => others.some((a) => a.broadcast === addr ||
    (a.prefixlen < 31 && !(a.flags & IFA_F_SECONDARY) && ((a.address | ~prefixMask(a.prefixlen)) >>> 0) === addr));
  if (ifa.broadcast && ifa.broadcast !== 0xffffffff && !brdUsed(ifa.broadcast)) fibMagic(ns, false, RTN_BROADCAST, ifa.broadcast, 32, dev, src);
  if (!(ifa.flags & IFA_F_SECONDARY) && ifa.prefixlen < 31 && prefix !== 0) {
    const b = (prefix | ~mask) >>> 0;
    if (!brdUsed(b)) fibMagic(ns, false, RTN_BROADCAST, b, 32, dev, src);
  }
  if (!others.some((a) => a.local === ifa.local)) fibMagic(ns, false, RTN_LOCAL, ifa.local, 32, dev, src);
}

/** inetdev_event() + fib_netdev_event() */
registerNetdeviceNotifier((event, dev) => {
  switch (event) {
    case 'REGISTER': {
      const net = ipv4Net(dev.netns);
      const ind = new InDevice(dev, net.dflt);
      // inetdev_init(): the memcpy of devconf_dflt carries its "explicitly set" bitmap along.
      ipv4DevconfCopyState(net.dflt, ind.conf);
      // devinet_init_net()/inetdev_init(): loopback never goes through policy or xfrm.
      if (dev.flags & IFF_LOOPBACK) ind.conf.disable_policy = ind.conf.disable_xfrm = 1;
      dev.ip4 = ind;
      break;
    }
    case 'UP': {
      const ind = inDev(dev)!;
      if (dev.flags & IFF_LOOPBACK && !ind.addrs.some((a) => a.local === 0x7f000001)) {
        // inetdev_event(NETDEV_UP) gives lo 127.0.0.1/8 scope host.
        inetInsertIfa(newIfa(dev, { local: 0x7f000001, prefixlen: 8, scope: RT_SCOPE_HOST, label: dev.name, flags: IFA_F_PERMANENT }));
      }
      fibSyncUp(dev);
      for (const a of ind.addrs) fibAddIfaddr(a);
      break;
    }
    case 'DOWN':
      fibSyncDownDev(dev, false);
      break;
    case 'CHANGE':
      break;
    case 'UNREGISTER': {
      fibSyncDownDev(dev, true);
      const ind = inDev(dev);
      if (ind) {
        for (const a of [...ind.addrs].reverse()) fibDelIfaddr(a, undefined);
        ind.addrs = [];
      }
      dev.ip4 = undefined;
      break;
    }
    case 'CHANGENAME': {
      // Labels follow the device name (devinet_sysctl + inetdev_changename()).
      const ind = inDev(dev);
      if (ind) for (const a of ind.addrs) {
        const colon = a.label.indexOf(':');
        a.label = colon >= 0 ? dev.name + a.label.slice(colon) : dev.name;
      }
      break;
    }
    default:
  }
});

export function newIfa(dev: NetDevice, o: Partial<InIfaddr> & { local: number; prefixlen: number }): InIfaddr {
  const now = dev.netns.kernel.clock.now();
  return {
    dev, address: o.local, broadcast: 0, label: dev.name, scope: RT_SCOPE_UNIVERSE, flags: IFA_F_PERMANENT,
    validLft: INFINITY_LIFE_TIME, preferredLft: INFINITY_LIFE_TIME, tstamp: now, cstamp: now, rtPriority: 0, proto: 0,
    ...o,
  };
}
