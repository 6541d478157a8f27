// net/ipv6/addrconf.c: IPv6 addresses of an interface (struct inet6_dev / inet6_ifaddr).
// On link up an ethernet device gets its EUI-64 link-local address, tentative until
// duplicate address detection (one NS after a random delay below 1 s, then retrans_time)
// completes; a device without carrier waits for it. lo gets ::1. Addresses added by
// `ip -6 addr add` follow the same rules (nodad skips DAD). Each usable address has its
// local route, each address its prefix route; link down removes every address (unless
// keep_addr_on_down). Also: lifetimes counting down on the clock, router solicitations,
// source address selection (RFC 6724 as ipv6_dev_get_saddr() does it), and the devconf
// side effects of disable_ipv6 and forwarding.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { TimerHandle } from '../clock.js';
import { registerNetdeviceNotifier, type NetdevEvent } from '../core/notifier.js';
import { IFF_LOOPBACK, IFF_NOARP, IFF_MULTICAST, ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_NONE } from '../core/if.js';
import { EACCES, EADDRNOTAVAIL, EEXIST, EINVAL, ENODEV, ENXIO, KernelError } from '../errno.js';
import {
  IFA_HOST, IFA_LINK, IPV6_ADDR_ANY, IPV6_ADDR_LOOPBACK, IPV6_ADDR_MULTICAST, IPV6_ADDR_LINKLOCAL,
  IPV6_ADDR_MAPPED, IPV6_ADDR_COMPATV4, IN6ADDR_LOOPBACK, IN6ADDR_LINKLOCAL_ALLNODES,
  IN6ADDR_INTERFACELOCAL_ALLNODES, IN6ADDR_LINKLOCAL_ALLROUTERS, IN6ADDR_INTERFACELOCAL_ALLROUTERS,
  IN6ADDR_SITELOCAL_ALLROUTERS, ipv6AddrType, ipv6AddrScope, ipv6AddrSrcScope, ipv6AddrEqual, ipv6AddrAny,
  ipv6AddrDiff, ipv6AddrLabel, ipv6AddrPrefix, ipv6PrefixEqual, rtScope, eui64FromMac, solicitedNodeAddr,
} from './addr.js';
import { ipv6Net, newDevconf, type Ipv6Devconf } from './devconf.js';
import {
  ip6Fib, addrconfPrefixRoute, addrconfDelPrefixRoute, addrconfAddMroute, addrconfAddLocalRoute,
  addrconfDelLocalRoute,
} from './addrconf_routes.js';
import {
  Ipv6McState, ipv6DevMcInc, ipv6DevMcDec, ipv6McUp, ipv6McDown, ipv6McDestroyDev, ipv6McDadComplete,
} from './mcast.js';
import { ndiscSendNs, ndiscSendNa, ndiscSendRs, ndTbl } from './ndisc.js';
import { neighIfdown, neighCarrierDown, neighChangeaddr } from '../core/neighbour.js';
import { ipv6Timer, randomJiffiesBelow, JIFFY_MS } from './timer.js';

// <uapi/linux/if_addr.h>
export const IFA_F_SECONDARY = 0x01, IFA_F_TEMPORARY = 0x01, IFA_F_NODAD = 0x02,
  IFA_F_OPTIMISTIC = 0x04, IFA_F_DADFAILED = 0x08, IFA_F_HOMEADDRESS = 0x10,
  IFA_F_DEPRECATED = 0x20, IFA_F_TENTATIVE = 0x40, IFA_F_PERMANENT = 0x80,
  IFA_F_MANAGETEMPADDR = 0x100, IFA_F_NOPREFIXROUTE = 0x200, IFA_F_MCAUTOJOIN = 0x400,
  IFA_F_STABLE_PRIVACY = 0x800;
/** IFA_PROTO values (ifa_proto). */
export const IFAPROT_UNSPEC = 0, IFAPROT_KERNEL_LO = 1, IFAPROT_KERNEL_RA = 2, IFAPROT_KERNEL_LL = 3;
export const INFINITY_LIFE_TIME = 0xffffffff;
/** idev->if_flags */
export const IF_RA_OTHERCONF = 0x80, IF_RA_MANAGED = 0x40, IF_RA_RCVD = 0x20, IF_RS_SENT = 0x10,
  IF_READY = 0x80000000;
/** addr_gen_mode */
export const IN6_ADDR_GEN_MODE_EUI64 = 0, IN6_ADDR_GEN_MODE_NONE = 1,
  IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2, IN6_ADDR_GEN_MODE_RANDOM = 3;
export const IPV6_MIN_MTU = 1280;

export type Inet6IfaState = 'PREDAD' | 'DAD' | 'POSTDAD' | 'ERRDAD' | 'DEAD';

/** struct inet6_ifaddr */
export interface Inet6Ifaddr {
  idev: Inet6Dev;
  addr: Uint8Array;
  /** IFA_ADDRESS of a point-to-point configuration (ip addr add A peer P). */
  peer: Uint8Array | undefined;
  prefixlen: number;
  flags: number;
  /** ifa->scope: IFA_HOST / IFA_LINK / IFA_SITE / 0 */
  scope: number;
  proto: number;
  /** Seconds; INFINITY_LIFE_TIME for forever. Counted from tstamp. */
  validLft: number;
  preferredLft: number;
  /** World time (ms) of creation and of the last lifetime change. */
  cstamp: number;
  tstamp: number;
  /** IFA_RT_PRIORITY: the metric of the prefix route (0: 256). */
  rtPriority: number;
  state: Inet6IfaState;
  dadProbes: number;
  dadNonce: Uint8Array | undefined;
  dadTimer: TimerHandle | undefined;
  lftTimer: TimerHandle | undefined;
  /** The local route is in the FIB (ifa->rt inserted). */
  rtInserted: boolean;
  /** The solicited-node group has been joined (addrconf_join_solict at DAD begin). */
  solictJoined: boolean;
  /** The subnet-router anycast address joined for it while forwarding. */
  anycastJoined: boolean;
}

export interface Ipv6Anycast {
  addr: Uint8Array;
  users: number;
}

/** struct inet6_dev */
export class Inet6Dev {
  /** idev->addr_list: by scope (global first), newest first within a scope. */
  addrs: Inet6Ifaddr[] = [];
  cnf: Ipv6Devconf;
  ifFlags = 0;
  dead = false;
  mc = new Ipv6McState();
  /** The subnet-router anycast addresses (idev->ac_list). */
  anycast: Ipv6Anycast[] = [];
  rsTimer: TimerHandle | undefined;
  rsProbes = 0;
  rsInterval = 0;
  /** World time (ms) of the last change (idev->tstamp). */
  tstamp: number;
  /** Set between NETDEV_UP and NETDEV_DOWN (our notifier ordering guard). */
  upSeen = false;
  /** The random interface identifier of addr_gen_mode 3, once made. */
  randomIid: Uint8Array | undefined;
  stableSecret: string | undefined;
  /** The disable_ipv6 / forwarding values whose side effects have run (a sysctl layer may
   *  store into cnf first and tell us afterwards; see ipv6DevconfApply()). */
  applied = { disable_ipv6: 0, forwarding: 0 };

  constructor(readonly dev: NetDevice, dflt: Ipv6Devconf) {
    this.cnf = newDevconf(dflt);
    this.tstamp = dev.netns.kernel.clock.now();
    this.applied.disable_ipv6 = this.cnf.disable_ipv6 ?? 0;
    this.applied.forwarding = this.cnf.forwarding ?? 0;
  }
}

export function in6DevGet(dev: NetDevice): Inet6Dev | undefined {
  const i = dev.ip6 as Inet6Dev | undefined;
  return i && !i.dead ? i : undefined;
}

function now(ns: Netns): number {
  return ns.kernel.clock.now();
}

// ---------------------------------------------------------------------------------------
// inet6_dev life cycle

/** ipv6_add_dev() */
function ipv6AddDev(dev: NetDevice): Inet6Dev | undefined {
  if (dev.mtu < IPV6_MIN_MTU) return undefined;
  const net = ipv6Net(dev.netns);
  const idev = new Inet6Dev(dev, net.dflt);
  idev.cnf.mtu = dev.mtu;
  idev.stableSecret = net.stableSecret.dflt;
  if (dev.flags & (IFF_NOARP | IFF_LOOPBACK)) idev.cnf.accept_dad = -1;
  if (dev.flags & IFF_LOOPBACK || dev.type === ARPHRD_NONE) idev.cnf.use_tempaddr = -1;
  if (dev.isUp && addrconfLinkReady(dev)) idev.ifFlags |= IF_READY;
  dev.ip6 = idev;
  ipv6DevMcInc(idev, IN6ADDR_INTERFACELOCAL_ALLNODES);
  ipv6DevMcInc(idev, IN6ADDR_LINKLOCAL_ALLNODES);
  if (idev.cnf.forwarding && dev.flags & IFF_MULTICAST) ipv6DevMcInc(idev, IN6ADDR_LINKLOCAL_ALLROUTERS);
  return idev;
}

/** ipv6_find_idev(): the device's inet6_dev (made when missing), its groups announced. */
function ipv6FindIdev(dev: NetDevice): Inet6Dev | undefined {
  let idev = in6DevGet(dev);
  if (!idev) {
    idev = ipv6AddDev(dev);
    if (!idev) return undefined;
  }
  if (dev.isUp) ipv6McUp(idev);
  return idev;
}

/** addrconf_link_ready(): running with carrier (operstate UP or UNKNOWN) and a qdisc. */
export function addrconfLinkReady(dev: NetDevice): boolean {
  const op = dev.operstate;
  return dev.isUp && (op === 'UP' || op === 'UNKNOWN') && dev.qdisc !== 'noop';
}

// ---------------------------------------------------------------------------------------
// Adding and removing addresses

export interface Ifa6Config {
  addr: Uint8Array;
  prefixlen: number;
  peer?: Uint8Array;
  flags: number;
  validLft: number;
  preferredLft: number;
  scope: number;
  proto: number;
  rtPriority: number;
}

/** ipv6_link_dev_addr(): global before link-local, newest first within a scope. */
function ipv6LinkDevAddr(idev: Inet6Dev, ifp: Inet6Ifaddr): void {
  const s = ipv6AddrSrcScope(ifp.addr);
  let i = 0;
  for (; i < idev.addrs.length; i++) if (s >= ipv6AddrSrcScope(idev.addrs[i]!.addr)) break;
  idev.addrs.splice(i, 0, ifp);
}

/** ipv6_add_addr(): validates and links a new address (tentative unless nodad). */
function ipv6AddAddr(idev: Inet6Dev, cfg: Ifa6Config): Inet6Ifaddr {
  const t = ipv6AddrType(cfg.addr);
  if (t === IPV6_ADDR_ANY) throw new KernelError(EADDRNOTAVAIL, 'ipv6: Invalid address');
  if (t & IPV6_ADDR_MULTICAST && !(cfg.flags & IFA_F_MCAUTOJOIN)) {
    throw new KernelError(EADDRNOTAVAIL, 'ipv6: Cannot assign multicast address without "IFA_F_MCAUTOJOIN" flag');
  }
  if (!(idev.dev.flags & IFF_LOOPBACK) && t & IPV6_ADDR_LOOPBACK) {
    throw new KernelError(EADDRNOTAVAIL, 'ipv6: Cannot assign loopback address on this device');
  }
  if (idev.dead) throw new KernelError(ENODEV, 'ipv6: device is going away');
  if (idev.cnf.disable_ipv6) throw new KernelError(EACCES, 'ipv6: IPv6 is disabled on this device');
  if (idev.addrs.some((a) => ipv6AddrEqual(a.addr, cfg.addr))) {
    throw new KernelError(EEXIST, 'ipv6: address already assigned');
  }
  const ts = now(idev.dev.netns);
  const ifp: Inet6Ifaddr = {
    idev, addr: cfg.addr.slice(), peer: cfg.peer && !ipv6AddrAny(cfg.peer) ? cfg.peer.slice() : undefined,
    prefixlen: cfg.prefixlen, flags: cfg.flags, scope: cfg.scope, proto: cfg.proto,
    validLft: cfg.validLft, preferredLft: cfg.preferredLft, cstamp: ts, tstamp: ts,
    rtPriority: cfg.rtPriority, state: 'PREDAD', dadProbes: 0, dadNonce: undefined,
    dadTimer: undefined, lftTimer: undefined, rtInserted: false, solictJoined: false, anycastJoined: false,
  };
  if (!(cfg.flags & IFA_F_NODAD)) ifp.flags |= IFA_F_TENTATIVE;
  ipv6LinkDevAddr(idev, ifp);
  idev.dev.gen++;
  return ifp;
}

/** addrconf_prefix_route() for an address, honouring its lifetime (RTF_EXPIRES). */
function ifaPrefixRoute(ifp: Inet6Ifaddr, pfx: Uint8Array = ifp.addr, plen = ifp.prefixlen): void {
  const dev = ifp.idev.dev;
  const expires = ifp.flags & IFA_F_PERMANENT || ifp.validLft === INFINITY_LIFE_TIME
    ? undefined : ifp.tstamp + ifp.validLft * 1000;
  addrconfPrefixRoute(dev, pfx, plen, ifp.rtPriority, expires);
}

/** Inserts the local route of a usable address (ip6_ins_rt(ifp->rt)). */
function ifaInsertLocal(ifp: Inet6Ifaddr): void {
  const dev = ifp.idev.dev;
  if (ifp.rtInserted || !dev.isUp) return;
  addrconfAddLocalRoute(dev, ifp.addr);
  ifp.rtInserted = true;
}

function ifaRemoveLocal(ifp: Inet6Ifaddr): void {
  if (!ifp.rtInserted) return;
  addrconfDelLocalRoute(ifp.idev.dev, ifp.addr);
  ifp.rtInserted = false;
}

/** The inet6addr notifier chain's NETDEV_DOWN (register_inet6addr_notifier()): an address
 *  left `dev` (IPv6 MASQUERADE forgets the connections that used it). */
export const inet6addrDownListeners: ((dev: NetDevice, addr: Uint8Array) => void)[] = [];

/** __ipv6_ifa_notify(RTM_NEWADDR / RTM_DELADDR): the routes and groups of a usable address. */
function ipv6IfaNotify(event: 'NEWADDR' | 'DELADDR', ifp: Inet6Ifaddr): void {
  const idev = ifp.idev;
  const dev = idev.dev;
  if (event === 'NEWADDR') {
    ifaInsertLocal(ifp);
    if (idev.cnf.forwarding) addrconfJoinAnycast(ifp);
    if (ifp.peer) addrconfPrefixRoute(dev, ifp.peer, 128, ifp.rtPriority);
  } else {
    if (idev.cnf.forwarding) addrconfLeaveAnycast(ifp);
    addrconfLeaveSolict(ifp);
    if (ifp.peer) addrconfDelPrefixRoute(dev, ifp.peer, 128, ifp.rtPriority);
    ifaRemoveLocal(ifp);
    for (const l of inet6addrDownListeners) l(dev, ifp.addr);
  }
  dev.gen++;
}

function addrconfJoinSolict(ifp: Inet6Ifaddr): void {
  if (ifp.solictJoined) return;
  ifp.solictJoined = true;
  if (ifp.idev.dev.flags & (IFF_NOARP | IFF_LOOPBACK)) return;
  ipv6DevMcInc(ifp.idev, solicitedNodeAddr(ifp.addr));
}

function addrconfLeaveSolict(ifp: Inet6Ifaddr): void {
  if (!ifp.solictJoined) return;
  ifp.solictJoined = false;
  if (ifp.idev.dev.flags & (IFF_NOARP | IFF_LOOPBACK)) return;
  ipv6DevMcDec(ifp.idev, solicitedNodeAddr(ifp.addr));
}

/** addrconf_join_anycast(): the subnet-router anycast address of the address's prefix. */
function addrconfJoinAnycast(ifp: Inet6Ifaddr): void {
  if (ifp.anycastJoined || ifp.flags & IFA_F_TENTATIVE) return;
  const a = ipv6AddrPrefix(ifp.addr, ifp.prefixlen);
  if (ipv6AddrAny(a)) return;
  ifp.anycastJoined = true;
  ipv6DevAcInc(ifp.idev, a);
}

function addrconfLeaveAnycast(ifp: Inet6Ifaddr): void {
  if (!ifp.anycastJoined) return;
  ifp.anycastJoined = false;
  ipv6DevAcDec(ifp.idev, ipv6AddrPrefix(ifp.addr, ifp.prefixlen));
}

/** __ipv6_dev_ac_inc(): anycast route "anycast P:: dev X table local" + solicited group. */
function ipv6DevAcInc(idev: Inet6Dev, addr: Uint8Array): void {
  const have = idev.anycast.find((a) => ipv6AddrEqual(a.addr, addr));
  if (have) {
    have.users++;
    return;
  }
  idev.anycast.unshift({ addr: addr.slice(), users: 1 });
  addrconfAddLocalRoute(idev.dev, addr, true);
  ipv6DevMcInc(idev, solicitedNodeAddr(addr));
}

function ipv6DevAcDec(idev: Inet6Dev, addr: Uint8Array): void {
  const i = idev.anycast.findIndex((a) => ipv6AddrEqual(a.addr, addr));
  if (i < 0) return;
  const a = idev.anycast[i]!;
  if (--a.users > 0) return;
  idev.anycast.splice(i, 1);
  addrconfDelLocalRoute(idev.dev, addr, true);
  ipv6DevMcDec(idev, solicitedNodeAddr(addr));
}

/** ipv6_del_addr() */
function ipv6DelAddr(ifp: Inet6Ifaddr): void {
  const idev = ifp.idev;
  if (ifp.state === 'DEAD') return;
  ifp.state = 'DEAD';
  cancelIfaTimers(ifp);
  const i = idev.addrs.indexOf(ifp);
  if (i >= 0) idev.addrs.splice(i, 1);
  // check_cleanup_prefix_route() / cleanup_prefix_route()
  if (ifp.flags & IFA_F_PERMANENT && !(ifp.flags & IFA_F_NOPREFIXROUTE)) {
    const others = idev.addrs.filter((a) => a.prefixlen === ifp.prefixlen &&
      ipv6PrefixEqual(a.addr, ifp.addr, ifp.prefixlen) && !(a.flags & IFA_F_NOPREFIXROUTE));
    if (!others.some((a) => a.flags & IFA_F_PERMANENT)) {
      if (others.length === 0) {
        addrconfDelPrefixRoute(idev.dev, ifp.addr, ifp.prefixlen, ifp.rtPriority);
      } else {
        // The route lives on with the longest remaining lifetime.
        const exp = Math.max(...others.map((a) => a.tstamp + a.validLft * 1000));
        addrconfPrefixRoute(idev.dev, ifp.addr, ifp.prefixlen, ifp.rtPriority, exp);
      }
    }
  }
  ipv6IfaNotify('DELADDR', ifp);
  idev.dev.gen++;
}

function cancelIfaTimers(ifp: Inet6Ifaddr): void {
  ifp.dadTimer?.cancel();
  ifp.dadTimer = undefined;
  ifp.lftTimer?.cancel();
  ifp.lftTimer = undefined;
}

// ---------------------------------------------------------------------------------------
// Lifetimes (addrconf_verify)

/** Schedules the next lifetime event of a non-permanent address: deprecation when the
 *  preferred lifetime runs out, deletion when the valid one does. */
function addrconfVerifyIfa(ifp: Inet6Ifaddr): void {
  ifp.lftTimer?.cancel();
  ifp.lftTimer = undefined;
  if (ifp.state === 'DEAD') return;
  if (ifp.flags & IFA_F_PERMANENT && ifp.preferredLft === INFINITY_LIFE_TIME) return;
  const ns = ifp.idev.dev.netns;
  const t = now(ns);
  const age = t - ifp.tstamp;
  let next = Infinity;
  if (ifp.validLft !== INFINITY_LIFE_TIME) {
    if (age >= ifp.validLft * 1000) {
      ipv6DelAddr(ifp);
      return;
    }
    next = ifp.tstamp + ifp.validLft * 1000;
  }
  if (ifp.preferredLft !== INFINITY_LIFE_TIME) {
    if (age >= ifp.preferredLft * 1000) {
      if (!(ifp.flags & IFA_F_DEPRECATED)) {
        ifp.flags |= IFA_F_DEPRECATED;
        ifp.idev.dev.gen++;
      }
    } else {
      next = Math.min(next, ifp.tstamp + ifp.preferredLft * 1000);
    }
  }
  if (next !== Infinity) {
    ifp.lftTimer = ns.kernel.clock.setTimeout(next - t, () => {
      ifp.lftTimer = undefined;
      addrconfVerifyIfa(ifp);
    });
  }
}

// ---------------------------------------------------------------------------------------
// Duplicate address detection

/** addrconf_dad_start() + addrconf_dad_begin() (the work item runs at once here). */
function addrconfDadStart(ifp: Inet6Ifaddr): void {
  if (ifp.state === 'DEAD') return;
  ifp.state = 'DAD';
  addrconfDadBegin(ifp);
}

/** addrconf_dad_begin() */
function addrconfDadBegin(ifp: Inet6Ifaddr): void {
  const idev = ifp.idev;
  const dev = idev.dev;
  const net = ipv6Net(dev.netns);
  addrconfJoinSolict(ifp);
  if (ifp.state === 'DEAD') return;
  if (dev.flags & (IFF_NOARP | IFF_LOOPBACK) || (net.all.accept_dad! < 1 && idev.cnf.accept_dad! < 1) ||
    !(ifp.flags & IFA_F_TENTATIVE) || ifp.flags & IFA_F_NODAD) {
    const sendNa = !!(ifp.flags & IFA_F_TENTATIVE) && !(ifp.flags & IFA_F_OPTIMISTIC);
    ifp.flags &= ~(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED);
    addrconfDadCompleted(ifp, sendNa);
    return;
  }
  if (!(idev.ifFlags & IF_READY)) {
    // Not ready: a permanent address stays tentative until the link is; others go.
    addrconfDadStop(ifp, false);
    return;
  }
  if (ifp.flags & IFA_F_OPTIMISTIC) ifaInsertLocal(ifp);
  addrconfDadKick(ifp);
}

/** addrconf_dad_kick(): the first probe after a random delay below rtr_solicit_delay. */
function addrconfDadKick(ifp: Inet6Ifaddr): void {
  const idev = ifp.idev;
  const k = idev.dev.netns.kernel;
  const delayMs = (idev.cnf.router_solicitation_delay ?? 1) * 1000;
  const rand = ifp.flags & IFA_F_OPTIMISTIC ? 0 : randomJiffiesBelow(idev.dev.netns, Math.max(delayMs, JIFFY_MS));
  let nonce: Uint8Array | undefined;
  if (idev.cnf.enhanced_dad || ipv6Net(idev.dev.netns).all.enhanced_dad) {
    do nonce = k.random.bytes(6); while (nonce.every((b) => b === 0));
  }
  ifp.dadNonce = nonce;
  ifp.dadProbes = idev.cnf.dad_transmits ?? 1;
  addrconfModDadWork(ifp, rand);
}

function addrconfModDadWork(ifp: Inet6Ifaddr, delay: number): void {
  ifp.dadTimer?.cancel();
  ifp.dadTimer = ipv6Timer(ifp.idev.dev.netns, delay, () => {
    ifp.dadTimer = undefined;
    addrconfDadWork(ifp);
  });
}

/** addrconf_dad_work(): one probe per retrans_time; none left means the address is ours. */
function addrconfDadWork(ifp: Inet6Ifaddr): void {
  const idev = ifp.idev;
  if (ifp.state === 'ERRDAD') {
    ifp.state = 'POSTDAD';
    const net = ipv6Net(idev.dev.netns);
    let disable = false;
    if ((net.all.accept_dad! > 1 || idev.cnf.accept_dad! > 1) && !idev.cnf.disable_ipv6 &&
      !(ifp.flags & IFA_F_STABLE_PRIVACY) && idev.dev.type === ARPHRD_ETHER) {
      const ll = new Uint8Array(16);
      ll[0] = 0xfe; ll[1] = 0x80;
      ll.set(eui64FromMac(idev.dev.addr), 8);
      if (ipv6AddrEqual(ll, ifp.addr)) {
        // DAD failed for the MAC-based link-local address: IPv6 goes off on the device.
        idev.cnf.disable_ipv6 = 1;
        idev.applied.disable_ipv6 = 1;
        disable = true;
      }
    }
    addrconfDadStop(ifp, true);
    if (disable) addrconfIfdown(idev.dev, false);
    return;
  }
  if (ifp.state !== 'DAD') return;
  if (idev.dead || !(idev.ifFlags & IF_READY)) return;
  if (ifp.dadProbes === 0) {
    ifp.flags &= ~(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED);
    ifp.state = 'POSTDAD';
    addrconfDadCompleted(ifp, true);
    return;
  }
  ifp.dadProbes--;
  const retrans = ndTbl(idev.dev.netns).parmsFor(idev.dev).get('retrans_time_ms');
  addrconfModDadWork(ifp, Math.max(retrans, 10));
  ndiscSendNs(idev.dev, ifp.addr, solicitedNodeAddr(ifp.addr), new Uint8Array(16), ifp.dadNonce);
}

/** addrconf_dad_stop() */
function addrconfDadStop(ifp: Inet6Ifaddr, failed: boolean): void {
  if (ifp.flags & IFA_F_PERMANENT) {
    ifp.dadTimer?.cancel();
    ifp.dadTimer = undefined;
    ifp.flags |= IFA_F_TENTATIVE;
    if (failed) ifp.flags |= IFA_F_DADFAILED;
    ifp.idev.dev.gen++;
  } else if (failed) {
    ipv6DelAddr(ifp);
  }
  // (Linux deletes a non-permanent address whose DAD cannot start; the kernel we compare
  // against keeps it tentative until the link is ready, and so do we.)
}

/** addrconf_dad_failure(): someone else has the address (NS for it during our DAD, or an NA). */
export function addrconfDadFailure(ifp: Inet6Ifaddr, _srcMac: Uint8Array | undefined): void {
  if (ifp.state !== 'DAD') return; // addrconf_dad_end()
  ifp.state = 'ERRDAD';
  addrconfModDadWork(ifp, 0);
}

/** addrconf_dad_completed() */
function addrconfDadCompleted(ifp: Inet6Ifaddr, sendNa: boolean): void {
  const idev = ifp.idev;
  const dev = idev.dev;
  ifp.dadTimer?.cancel();
  ifp.dadTimer = undefined;
  ifp.dadNonce = undefined;
  if (ifp.state !== 'DEAD') ifp.state = 'POSTDAD';
  ipv6IfaNotify('NEWADDR', ifp);
  const sendMld = ifp.scope === IFA_LINK && ipv6LonelyLladdr(ifp);
  const sendRs = sendMld && ipv6AcceptRa(idev) && idev.cnf.router_solicitations !== 0 &&
    !(dev.flags & IFF_LOOPBACK);
  if (sendMld) ipv6McDadComplete(idev);
  if (sendNa && (idev.cnf.ndisc_notify || ipv6Net(dev.netns).all.ndisc_notify)) {
    ndiscSendNa(dev, IN6ADDR_LINKLOCAL_ALLNODES, ifp.addr, !!idev.cnf.forwarding, false, true, true);
  }
  if (sendRs) {
    const ll = ipv6GetLladdr(dev, IFA_F_TENTATIVE);
    if (ll) ndiscSendRs(dev, ll);
    idev.rsInterval = backoffInit(dev.netns, (idev.cnf.router_solicitation_interval ?? 4) * 1000);
    idev.rsProbes = 1;
    idev.ifFlags |= IF_RS_SENT;
    addrconfModRsTimer(idev, idev.rsInterval);
  }
}

/** ipv6_lonely_lladdr(): is this the only usable link-local address of the device? */
function ipv6LonelyLladdr(ifp: Inet6Ifaddr): boolean {
  for (const a of ifp.idev.addrs) {
    if (a === ifp) continue;
    if (a.scope === IFA_LINK && !(a.flags & (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC))) return false;
  }
  return true;
}

/** ipv6_accept_ra() */
function ipv6AcceptRa(idev: Inet6Dev): boolean {
  return idev.cnf.forwarding ? idev.cnf.accept_ra === 2 : !!idev.cnf.accept_ra;
}

/** rfc3315_s14_backoff_init(): the interval times 0.9 .. 1.1 */
function backoffInit(ns: Netns, irt: number): number {
  const j = irt / JIFFY_MS;
  return Math.floor((900000 + (ns.kernel.random.u32() % 200001)) * j / 1000000) * JIFFY_MS;
}

/** rfc3315_s14_backoff_update(): times 1.9 .. 2.1, capped at the maximum (times 0.9 .. 1.1). */
function backoffUpdate(ns: Netns, rt: number, mrt: number): number {
  const rj = rt / JIFFY_MS, mj = mrt / JIFFY_MS;
  let t = Math.floor((1900000 + (ns.kernel.random.u32() % 200001)) * rj / 1000000);
  if (t > mj) t = Math.floor((900000 + (ns.kernel.random.u32() % 200001)) * mj / 1000000);
  return t * JIFFY_MS;
}

function addrconfModRsTimer(idev: Inet6Dev, when: number): void {
  idev.rsTimer?.cancel();
  idev.rsTimer = ipv6Timer(idev.dev.netns, when, () => {
    idev.rsTimer = undefined;
    addrconfRsTimer(idev);
  });
}

/** addrconf_rs_timer(): keep soliciting (router_solicitations -1: forever, backing off). */
function addrconfRsTimer(idev: Inet6Dev): void {
  const dev = idev.dev;
  if (idev.dead || !(idev.ifFlags & IF_READY)) return;
  if (!ipv6AcceptRa(idev)) return;
  if (idev.ifFlags & IF_RA_RCVD) return;
  const max = idev.cnf.router_solicitations ?? -1;
  if (idev.rsProbes++ < max || max < 0) {
    const ll = ipv6GetLladdr(dev, IFA_F_TENTATIVE);
    if (!ll) return;
    ndiscSendRs(dev, ll);
    idev.rsInterval = backoffUpdate(dev.netns, idev.rsInterval, (idev.cnf.router_solicitation_max_interval ?? 3600) * 1000);
    addrconfModRsTimer(idev, idev.rsProbes === max ? (idev.cnf.router_solicitation_delay ?? 1) * 1000 : idev.rsInterval);
  }
}

/** addrconf_dad_run(): start DAD on addresses that waited for the link. */
function addrconfDadRun(idev: Inet6Dev, restart: boolean): void {
  for (const ifp of [...idev.addrs]) {
    if ((ifp.flags & IFA_F_TENTATIVE && ifp.state === 'DAD') || restart) {
      if (restart) ifp.state = 'DAD';
      addrconfDadKick(ifp);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Link-local and loopback configuration

/** addrconf_add_dev(): the inet6_dev and the ff00::/8 multicast route. */
function addrconfAddDev(dev: NetDevice): Inet6Dev | undefined {
  const idev = ipv6FindIdev(dev);
  if (!idev || idev.cnf.disable_ipv6) return undefined;
  if (!(dev.flags & IFF_LOOPBACK)) addrconfAddMroute(dev);
  return idev;
}

/** addrconf_add_linklocal() */
function addrconfAddLinklocal(idev: Inet6Dev, addr: Uint8Array, flags: number): void {
  const net = ipv6Net(idev.dev.netns);
  let f = flags | IFA_F_PERMANENT;
  if ((net.all.optimistic_dad || idev.cnf.optimistic_dad) && !net.all.forwarding) f |= IFA_F_OPTIMISTIC;
  let ifp: Inet6Ifaddr;
  try {
    ifp = ipv6AddAddr(idev, {
      addr, prefixlen: 64, flags: f, validLft: INFINITY_LIFE_TIME, preferredLft: INFINITY_LIFE_TIME,
      scope: IFA_LINK, proto: IFAPROT_KERNEL_LL, rtPriority: 0,
    });
  } catch {
    return;
  }
  addrconfPrefixRoute(idev.dev, ifp.addr, ifp.prefixlen, 0);
  addrconfDadStart(ifp);
}

/** The interface identifier for addr_gen_mode, or undefined when none can be made. */
function ipv6GenerateIid(idev: Inet6Dev): { iid: Uint8Array; flags: number } | undefined {
  const dev = idev.dev;
  switch (idev.cnf.addr_gen_mode) {
    case IN6_ADDR_GEN_MODE_EUI64:
      if (dev.type !== ARPHRD_ETHER || dev.addr.length !== 6) return undefined;
      return { iid: eui64FromMac(dev.addr), flags: 0 };
    case IN6_ADDR_GEN_MODE_RANDOM:
      if (!idev.randomIid) idev.randomIid = dev.netns.kernel.random.bytes(8);
      return { iid: stableIid(idev, bytesToHex(idev.randomIid)), flags: IFA_F_STABLE_PRIVACY };
    case IN6_ADDR_GEN_MODE_STABLE_PRIVACY: {
      const secret = idev.stableSecret ?? ipv6Net(dev.netns).stableSecret.dflt;
      if (!secret) return undefined;
      return { iid: stableIid(idev, secret), flags: IFA_F_STABLE_PRIVACY };
    }
    default:
      return undefined;
  }
}

/** An RFC 7217 style identifier from a secret and the device (not Linux's SHA-1 bytes). */
function stableIid(idev: Inet6Dev, secret: string): Uint8Array {
  const s = `${secret}|${bytesToHex(idev.dev.addr)}|fe80::/64|0`;
  const out = new Uint8Array(8);
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ s.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  for (let i = 0; i < 4; i++) {
    out[i] = (h1 >>> (24 - 8 * i)) & 0xff;
    out[i + 4] = (h2 >>> (24 - 8 * i)) & 0xff;
  }
  out[0]! &= ~0x02;
  return out;
}

function bytesToHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** addrconf_addr_gen(): the link-local address of an ethernet-like device. */
function addrconfAddrGen(idev: Inet6Dev): void {
  const g = ipv6GenerateIid(idev);
  if (!g) return;
  const addr = new Uint8Array(16);
  addr[0] = 0xfe;
  addr[1] = 0x80;
  addr.set(g.iid, 8);
  addrconfAddLinklocal(idev, addr, g.flags);
}

/** addrconf_dev_config() */
function addrconfDevConfig(dev: NetDevice): void {
  if (dev.type !== ARPHRD_ETHER && dev.type !== ARPHRD_NONE) {
    const idev = in6DevGet(dev);
    if (idev && dev.isUp && dev.flags & IFF_MULTICAST) ipv6McUp(idev);
    return;
  }
  const idev = addrconfAddDev(dev);
  if (!idev) return;
  if (dev.type === ARPHRD_NONE && idev.cnf.addr_gen_mode === IN6_ADDR_GEN_MODE_EUI64) {
    idev.cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_RANDOM;
  }
  addrconfAddrGen(idev);
}

/** init_loopback() + add_addr(): ::1/128 scope host, no prefix route. */
function initLoopback(dev: NetDevice): void {
  const idev = ipv6FindIdev(dev);
  if (!idev || idev.cnf.disable_ipv6) return;
  let ifp: Inet6Ifaddr;
  try {
    ifp = ipv6AddAddr(idev, {
      addr: IN6ADDR_LOOPBACK, prefixlen: 128, flags: IFA_F_PERMANENT, validLft: INFINITY_LIFE_TIME,
      preferredLft: INFINITY_LIFE_TIME, scope: IFA_HOST, proto: IFAPROT_KERNEL_LO, rtPriority: 0,
    });
  } catch {
    return;
  }
  ifp.flags &= ~IFA_F_TENTATIVE;
  ifp.state = 'POSTDAD';
  ipv6IfaNotify('NEWADDR', ifp);
}

/** addrconf_permanent_addr() / fixup_permanent_addr(): on NETDEV_UP, permanent addresses
 *  (added while down, or kept) get their prefix route back, their local route if usable,
 *  and DAD if they were waiting for it. */
function addrconfPermanentAddr(dev: NetDevice): void {
  const idev = in6DevGet(dev);
  if (!idev) return;
  for (const ifp of [...idev.addrs]) {
    if (!(ifp.flags & IFA_F_PERMANENT)) continue;
    if (!(ifp.flags & IFA_F_NOPREFIXROUTE)) ifaPrefixRoute(ifp);
    if (!(ifp.flags & IFA_F_TENTATIVE)) ipv6IfaNotify('NEWADDR', ifp);
    if (ifp.state === 'PREDAD') addrconfDadStart(ifp);
  }
}

// ---------------------------------------------------------------------------------------
// Device events (addrconf_notify)

/** addrconf_ifdown(): down (or unregister) removes the device's addresses and routes. */
export function addrconfIfdown(dev: NetDevice, unregister: boolean): void {
  const fib = ip6Fib();
  fib.syncDown(dev, unregister ? 'UNREGISTER' : 'DOWN');
  const idev = dev.ip6 as Inet6Dev | undefined;
  neighIfdown(ndTbl(dev.netns), dev);
  if (!idev || idev.dead) return;
  if (unregister) {
    idev.dead = true;
    dev.ip6 = undefined;
  }
  let keepAddr = false;
  if (!unregister && !idev.cnf.disable_ipv6) {
    const k = ipv6Net(dev.netns).all.keep_addr_on_down || idev.cnf.keep_addr_on_down;
    keepAddr = (k ?? 0) > 0;
  }
  idev.rsTimer?.cancel();
  idev.rsTimer = undefined;
  const wasReady = (idev.ifFlags & IF_READY) !== 0;
  if (!unregister) idev.ifFlags &= ~(IF_RS_SENT | IF_RA_RCVD | IF_READY);
  for (const ifa of [...idev.addrs]) {
    cancelIfaTimers(ifa);
    const t = ipv6AddrType(ifa.addr);
    const isLocal = (t & (IPV6_ADDR_LOOPBACK | IPV6_ADDR_LINKLOCAL)) !== 0;
    const keep = keepAddr && (ifa.flags & IFA_F_PERMANENT) !== 0 && !isLocal;
    if (keep) {
      ifa.state = 'PREDAD';
      if (!(ifa.flags & IFA_F_NODAD)) ifa.flags |= IFA_F_TENTATIVE;
      ifaRemoveLocal(ifa);
      if (idev.cnf.forwarding) addrconfLeaveAnycast(ifa);
      addrconfLeaveSolict(ifa);
      continue;
    }
    const state = ifa.state;
    ifa.state = 'DEAD';
    if (state !== 'DEAD') ipv6IfaNotify('DELADDR', ifa);
    const i = idev.addrs.indexOf(ifa);
    if (i >= 0) idev.addrs.splice(i, 1);
  }
  for (const a of idev.anycast) addrconfDelLocalRoute(dev, a.addr, true);
  idev.anycast = [];
  if (unregister) ipv6McDestroyDev(idev);
  else if (wasReady) ipv6McDown(idev);
  idev.upSeen = unregister ? false : idev.upSeen;
  idev.tstamp = now(dev.netns);
  dev.gen++;
}

/** NETDEV_UP / NETDEV_CHANGE: the link may have become ready (admin up with carrier). */
function addrconfLinkEvent(dev: NetDevice, event: 'UP' | 'CHANGE'): void {
  let idev = in6DevGet(dev);
  if (idev && idev.cnf.disable_ipv6) return;
  let runPending = false;
  if (event === 'UP') {
    addrconfPermanentAddr(dev);
    if (!addrconfLinkReady(dev)) return;
    if (!idev && dev.mtu >= IPV6_MIN_MTU) idev = ipv6AddDev(dev);
    if (idev) {
      idev.ifFlags |= IF_READY;
      runPending = true;
    }
  } else {
    if (!addrconfLinkReady(dev)) {
      ip6Fib().syncDown(dev, 'CHANGE');
      return;
    }
    if (idev) {
      if (idev.ifFlags & IF_READY) {
        // Already configured: announce the groups again (we may have moved).
        ipv6McUp(idev);
        ip6Fib().syncUp(dev);
        return;
      }
      idev.ifFlags |= IF_READY;
    }
    runPending = true;
  }
  if (dev.type === ARPHRD_LOOPBACK || dev.flags & IFF_LOOPBACK) initLoopback(dev);
  else addrconfDevConfig(dev);
  idev = in6DevGet(dev);
  if (idev) {
    if (runPending) addrconfDadRun(idev, false);
    ip6Fib().syncUp(dev);
    if (idev.cnf.mtu !== dev.mtu && dev.mtu >= IPV6_MIN_MTU) idev.cnf.mtu = dev.mtu;
    idev.tstamp = now(dev.netns);
    if (dev.mtu < IPV6_MIN_MTU) addrconfIfdown(dev, !(dev.flags & IFF_LOOPBACK));
  }
}

/** addrconf_notify() + ndisc_netdev_event() */
export function addrconfNotify(event: NetdevEvent, dev: NetDevice): void {
  switch (event) {
    case 'REGISTER': {
      const idev = in6DevGet(dev);
      if (!idev && dev.mtu >= IPV6_MIN_MTU) ipv6AddDev(dev);
      break;
    }
    case 'CHANGEMTU': {
      if (dev.mtu < IPV6_MIN_MTU) {
        addrconfIfdown(dev, !(dev.flags & IFF_LOOPBACK));
        break;
      }
      const idev = in6DevGet(dev);
      if (idev) {
        idev.cnf.mtu = dev.mtu;
        break;
      }
      const nidev = ipv6AddDev(dev);
      if (!nidev || !(nidev.ifFlags & IF_READY) || !dev.isUp) break;
      nidev.upSeen = true;
      nidev.ifFlags &= ~IF_READY;
      addrconfLinkEvent(dev, 'UP');
      break;
    }
    case 'UP': {
      const idev = in6DevGet(dev);
      if (idev) idev.upSeen = true;
      addrconfLinkEvent(dev, 'UP');
      const after = in6DevGet(dev);
      if (after) after.upSeen = true;
      break;
    }
    case 'CHANGE': {
      const idev = in6DevGet(dev);
      // Our devices raise carrier before NETDEV_UP; Linux's linkwatch reports it after.
      if (dev.isUp && (!idev || idev.upSeen)) addrconfLinkEvent(dev, 'CHANGE');
      if (!dev.carrier) {
        const evict = (idev?.cnf.ndisc_evict_nocarrier ?? 1) && ipv6Net(dev.netns).all.ndisc_evict_nocarrier;
        if (evict) neighCarrierDown(ndTbl(dev.netns), dev);
      }
      break;
    }
    case 'DOWN':
      addrconfIfdown(dev, false);
      {
        const idev = dev.ip6 as Inet6Dev | undefined;
        if (idev) idev.upSeen = false;
      }
      break;
    case 'UNREGISTER':
      addrconfIfdown(dev, true);
      break;
    case 'CHANGEADDR':
      neighChangeaddr(ndTbl(dev.netns), dev);
      break;
    default:
  }
}

registerNetdeviceNotifier(addrconfNotify);

// ---------------------------------------------------------------------------------------
// What `ip -6 addr` calls (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR)

export interface Inet6AddrRequest {
  addr: Uint8Array;
  prefixlen: number;
  /** IFA_F_* (only nodad, homeaddress, mngtmpaddr, noprefixroute, autojoin, optimistic count). */
  flags?: number;
  /** Seconds; INFINITY_LIFE_TIME (default) for forever. */
  validLft?: number;
  preferredLft?: number;
  /** Accepted and ignored: the kernel derives an IPv6 address's scope from the address. */
  scope?: number;
  peer?: Uint8Array;
  /** IFA_RT_PRIORITY: metric of the prefix route. */
  metric?: number;
  /** IFA_PROTO */
  proto?: number;
}

export interface Inet6AddrAddOptions {
  /** NLM_F_REPLACE (`ip addr change` / `replace`): modify an existing address. */
  replace?: boolean;
  /** NLM_F_EXCL: fail when the address exists even with replace. */
  excl?: boolean;
}

const USER_FLAGS = IFA_F_NODAD | IFA_F_HOMEADDRESS | IFA_F_MANAGETEMPADDR | IFA_F_NOPREFIXROUTE |
  IFA_F_MCAUTOJOIN | IFA_F_OPTIMISTIC;

/** inet6_rtm_newaddr(): adds an address, or with `replace` changes an existing one (a missing
 *  one is then created, as the kernel does). Throws KernelError with the kernel's extack. */
export function inet6AddrAdd(dev: NetDevice, req: Inet6AddrRequest, opts: Inet6AddrAddOptions = {}): void {
  if (req.prefixlen > 128 || req.prefixlen < 0) throw new KernelError(EINVAL, 'ipv6: Invalid prefix length');
  const validLft = req.validLft ?? INFINITY_LIFE_TIME;
  const preferredLft = req.preferredLft ?? INFINITY_LIFE_TIME;
  if (!validLft || preferredLft > validLft) throw new KernelError(EINVAL, 'ipv6: IPv6 address lifetime invalid');
  let flags = (req.flags ?? 0) & USER_FLAGS;
  if (flags & IFA_F_MANAGETEMPADDR && req.prefixlen !== 64) {
    throw new KernelError(EINVAL, 'ipv6: IPv6 address with mngtmpaddr flag must have prefix length 64');
  }
  if (flags & IFA_F_OPTIMISTIC) {
    const idev0 = in6DevGet(dev);
    const net = ipv6Net(dev.netns);
    if (!(net.all.optimistic_dad || idev0?.cnf.optimistic_dad) || net.all.forwarding) flags &= ~IFA_F_OPTIMISTIC;
  }
  const cfg: Ifa6Config = {
    addr: req.addr, prefixlen: req.prefixlen, peer: req.peer, flags, validLft, preferredLft,
    scope: ipv6AddrScope(req.addr), proto: req.proto ?? IFAPROT_UNSPEC, rtPriority: req.metric ?? 0,
  };
  const idev0 = in6DevGet(dev);
  const existing = idev0?.addrs.find((a) => ipv6AddrEqual(a.addr, req.addr));
  if (!existing) {
    inet6AddrAddNew(dev, cfg);
    return;
  }
  if (opts.excl || !opts.replace) throw new KernelError(EEXIST, 'ipv6: address already assigned');
  inet6AddrModify(existing, cfg);
}

/** inet6_addr_add() */
function inet6AddrAddNew(dev: NetDevice, cfg: Ifa6Config): void {
  let idev = in6DevGet(dev);
  if (!idev) {
    idev = ipv6FindIdev(dev);
    if (!idev) throw new KernelError(ENODEV, 'ipv6: No such device');
  }
  if (idev.cnf.disable_ipv6) throw new KernelError(EACCES, 'ipv6: IPv6 is disabled on this device');
  if (!(dev.flags & IFF_LOOPBACK) && dev.isUp) addrconfAddMroute(dev);
  if (cfg.validLft === INFINITY_LIFE_TIME) cfg.flags |= IFA_F_PERMANENT;
  if (cfg.preferredLft === 0) cfg.flags |= IFA_F_DEPRECATED;
  const ifp = ipv6AddAddr(idev, cfg);
  if (!(cfg.flags & IFA_F_NOPREFIXROUTE)) ifaPrefixRoute(ifp);
  addrconfDadStart(ifp);
  addrconfVerifyIfa(ifp);
}

/** inet6_addr_modify(): new flags and lifetimes; prefix route kept in step. */
function inet6AddrModify(ifp: Inet6Ifaddr, cfg: Ifa6Config): void {
  const idev = ifp.idev;
  const dev = idev.dev;
  if (cfg.flags & IFA_F_MANAGETEMPADDR && (ifp.flags & IFA_F_TEMPORARY || ifp.prefixlen !== 64)) {
    throw new KernelError(EINVAL);
  }
  if (!(ifp.flags & IFA_F_TENTATIVE) || ifp.flags & IFA_F_DADFAILED) cfg.flags &= ~IFA_F_OPTIMISTIC;
  let newPeer = false;
  if (cfg.peer && !(ifp.peer && ipv6AddrEqual(ifp.peer, cfg.peer))) {
    if (ifp.peer) addrconfDelPrefixRoute(dev, ifp.peer, 128, ifp.rtPriority);
    newPeer = true;
  }
  if (cfg.validLft === INFINITY_LIFE_TIME) cfg.flags |= IFA_F_PERMANENT;
  if (cfg.preferredLft === 0) cfg.flags |= IFA_F_DEPRECATED;
  const hadPrefixRoute = (ifp.flags & IFA_F_PERMANENT) !== 0 && !(ifp.flags & IFA_F_NOPREFIXROUTE);
  ifp.flags &= ~(IFA_F_DEPRECATED | IFA_F_PERMANENT | IFA_F_NODAD | IFA_F_HOMEADDRESS |
    IFA_F_MANAGETEMPADDR | IFA_F_NOPREFIXROUTE);
  ifp.flags |= cfg.flags;
  ifp.tstamp = now(dev.netns);
  ifp.validLft = cfg.validLft;
  ifp.preferredLft = cfg.preferredLft;
  ifp.proto = cfg.proto;
  if (cfg.rtPriority && cfg.rtPriority !== ifp.rtPriority) {
    if (hadPrefixRoute) addrconfDelPrefixRoute(dev, ifp.addr, ifp.prefixlen, ifp.rtPriority);
    ifp.rtPriority = cfg.rtPriority;
  }
  if (newPeer) ifp.peer = cfg.peer!.slice();
  if (!(cfg.flags & IFA_F_NOPREFIXROUTE)) {
    if (dev.isUp) ifaPrefixRoute(ifp);
    if (ifp.peer && !(ifp.flags & IFA_F_TENTATIVE)) addrconfPrefixRoute(dev, ifp.peer, 128, ifp.rtPriority);
  } else if (hadPrefixRoute) {
    const others = idev.addrs.filter((a) => a !== ifp && a.prefixlen === ifp.prefixlen &&
      ipv6PrefixEqual(a.addr, ifp.addr, ifp.prefixlen) && !(a.flags & IFA_F_NOPREFIXROUTE));
    if (!others.length) addrconfDelPrefixRoute(dev, ifp.addr, ifp.prefixlen, ifp.rtPriority);
  }
  dev.gen++;
  addrconfVerifyIfa(ifp);
}

export interface Inet6AddrDelRequest {
  addr: Uint8Array;
  prefixlen: number;
}

/** inet6_addr_del(): the address with this prefix length, or "address not found". */
export function inet6AddrDel(dev: NetDevice, req: Inet6AddrDelRequest): void {
  if (req.prefixlen > 128) throw new KernelError(EINVAL, 'ipv6: Invalid prefix length');
  const idev = in6DevGet(dev);
  if (!idev) throw new KernelError(ENXIO, 'ipv6: IPv6 is disabled on this device');
  const ifp = idev.addrs.find((a) => a.prefixlen === req.prefixlen && ipv6AddrEqual(a.addr, req.addr));
  if (!ifp) throw new KernelError(EADDRNOTAVAIL, 'ipv6: address not found');
  ipv6DelAddr(ifp);
}

/** One address as RTM_GETADDR reports it (inet6_fill_ifaddr()). */
export interface Inet6AddrInfo {
  ifindex: number;
  /** IFA_LOCAL (and IFA_ADDRESS when there is no peer). */
  address: Uint8Array;
  /** IFA_ADDRESS of a peer configuration. */
  peer?: Uint8Array;
  prefixlen: number;
  /** RT_SCOPE_* as ifa_scope carries it: 0 global, 200 site, 253 link, 254 host. */
  scope: number;
  /** IFA_F_* with the kernel's view: tentative, dadfailed, deprecated, permanent, nodad,
   *  noprefixroute, optimistic, stable-privacy ... (iproute2 prints "dynamic" when
   *  IFA_F_PERMANENT is clear). */
  flags: number;
  /** Remaining seconds, or INFINITY_LIFE_TIME. */
  validLft: number;
  preferredLft: number;
  /** IFA_PROTO (0 unset, 1 kernel_lo, 2 kernel_ra, 3 kernel_ll). */
  proto: number;
  /** IFA_RT_PRIORITY when set (0: none). */
  rtPriority: number;
  /** IFA_CACHEINFO cstamp/tstamp in hundredths of a second since boot. */
  cstamp: number;
  tstamp: number;
}

/** The device's IPv6 addresses in dump order (global before link, newest first). */
export function inet6Addrs(dev: NetDevice): Inet6AddrInfo[] {
  const idev = in6DevGet(dev);
  if (!idev) return [];
  const t = now(dev.netns);
  return idev.addrs.map((a) => {
    let valid = INFINITY_LIFE_TIME;
    let preferred = INFINITY_LIFE_TIME;
    if (!(a.flags & IFA_F_PERMANENT && a.preferredLft === INFINITY_LIFE_TIME)) {
      preferred = a.preferredLft;
      valid = a.validLft;
      if (preferred !== INFINITY_LIFE_TIME) {
        const tval = Math.floor((t - a.tstamp) / 1000);
        preferred = preferred > tval ? preferred - tval : 0;
        if (valid !== INFINITY_LIFE_TIME) valid = valid > tval ? valid - tval : 0;
      }
    }
    return {
      ifindex: dev.ifindex, address: a.addr.slice(), peer: a.peer?.slice(), prefixlen: a.prefixlen,
      scope: rtScope(a.scope), flags: a.flags, validLft: valid, preferredLft: preferred, proto: a.proto,
      rtPriority: a.rtPriority, cstamp: Math.floor(a.cstamp / 10), tstamp: Math.floor(a.tstamp / 10),
    };
  });
}

// ---------------------------------------------------------------------------------------
// Address lookups for the datapath

/** ipv6_get_ifaddr(): our address `addr` (on `dev` when strict or when it is link/host scope). */
export function ipv6GetIfaddr(ns: Netns, addr: Uint8Array, dev: NetDevice | undefined, strict: boolean): Inet6Ifaddr | undefined {
  for (const d of dev && strict ? [dev] : ns.devices()) {
    const idev = in6DevGet(d);
    if (!idev) continue;
    for (const a of idev.addrs) {
      if (!ipv6AddrEqual(a.addr, addr)) continue;
      if (!dev || d === dev || !(a.scope & (IFA_LINK | IFA_HOST) || strict)) return a;
    }
  }
  return undefined;
}

/** ipv6_chk_addr_and_flags(): is `addr` ours (on `dev` if given) without any banned flag? */
export function ipv6ChkAddr(ns: Netns, addr: Uint8Array, dev: NetDevice | undefined, bannedFlags: number): boolean {
  for (const d of ns.devices()) {
    const idev = in6DevGet(d);
    if (!idev) continue;
    for (const a of idev.addrs) {
      if (!ipv6AddrEqual(a.addr, addr) || a.flags & bannedFlags) continue;
      if (!dev || d === dev || !(a.scope & (IFA_LINK | IFA_HOST))) return true;
    }
  }
  return false;
}

/** ipv6_get_lladdr(): the first link-local address of `dev` without banned flags. */
export function ipv6GetLladdr(dev: NetDevice, bannedFlags: number): Uint8Array | undefined {
  const idev = in6DevGet(dev);
  if (!idev) return undefined;
  for (const a of idev.addrs) if (a.scope === IFA_LINK && !(a.flags & bannedFlags)) return a.addr;
  return undefined;
}

interface SaddrScore {
  ifa: Inet6Ifaddr;
  type: number;
  rules: (number | undefined)[];
}

/** ipv6_dev_get_saddr(): RFC 6724 source selection as Linux orders its rules — same address,
 *  appropriate scope, not deprecated, outgoing interface, matching label, longest matching
 *  prefix (capped at the address's prefix length); ties keep the earlier candidate (devices
 *  in ifindex order, each in address-list order). Only the outgoing device is searched for
 *  link-local and multicast destinations. */
export function ipv6DevGetSaddr(ns: Netns, dstDev: NetDevice | undefined, dst: Uint8Array, oif?: number): Uint8Array | undefined {
  const dstType = ipv6AddrType(dst);
  const dstScope = ipv6AddrSrcScope(dst);
  const dstLabel = ipv6AddrLabel(dst);
  const dstIfindex = oif ?? (dstDev ? dstDev.ifindex : 0);
  let devs: NetDevice[];
  if (dstDev && (dstType & IPV6_ADDR_MULTICAST || dstScope <= 2 || in6DevGet(dstDev)?.cnf.use_oif_addrs_only)) {
    devs = [dstDev];
  } else {
    devs = ns.devices();
  }
  let best: SaddrScore | undefined;
  const evalRule = (s: SaddrScore, i: number): number => {
    const cached = s.rules[i];
    if (cached !== undefined) return cached;
    let v = 0;
    switch (i) {
      case 0: v = ipv6AddrEqual(s.ifa.addr, dst) ? 1 : 0; break; // IPV6_SADDR_RULE_LOCAL
      case 1: { // IPV6_SADDR_RULE_SCOPE
        const sc = s.type >>> 16;
        v = sc >= dstScope ? -sc : sc - 128;
        break;
      }
      case 2: // IPV6_SADDR_RULE_PREFERRED
        v = s.type & (IPV6_ADDR_MAPPED | IPV6_ADDR_COMPATV4 | IPV6_ADDR_LOOPBACK) ||
          !(s.ifa.flags & (IFA_F_DEPRECATED | IFA_F_OPTIMISTIC)) ? 1 : 0;
        break;
      case 3: v = !dstIfindex || dstIfindex === s.ifa.idev.dev.ifindex ? 1 : 0; break; // RULE_OIF
      case 4: v = ipv6AddrLabel(s.ifa.addr) === dstLabel ? 1 : 0; break; // RULE_LABEL
      case 5: { // RULE_PREFIX
        const d = ipv6AddrDiff(s.ifa.addr, dst);
        v = d > s.ifa.prefixlen ? s.ifa.prefixlen : d;
        break;
      }
      case 6: v = s.ifa.flags & IFA_F_OPTIMISTIC ? 0 : 1; break; // RULE_NOT_OPTIMISTIC
    }
    s.rules[i] = v;
    return v;
  };
  for (const d of devs) {
    const idev = in6DevGet(d);
    if (!idev) continue;
    for (const ifa of idev.addrs) {
      if (ifa.flags & IFA_F_TENTATIVE && !(ifa.flags & IFA_F_OPTIMISTIC)) continue;
      const type = ipv6AddrType(ifa.addr);
      if (type === IPV6_ADDR_ANY || type & IPV6_ADDR_MULTICAST) continue;
      const cand: SaddrScore = { ifa, type, rules: [] };
      if (!best) {
        best = cand;
        continue;
      }
      for (let i = 0; i < 7; i++) {
        const a = evalRule(cand, i);
        const b = evalRule(best, i);
        if (a > b) {
          // RULE_SCOPE: a better candidate of too small a scope cannot win over one that fits.
          best = cand;
          break;
        }
        if (a < b) break;
      }
    }
  }
  return best?.ifa.addr.slice();
}

// ---------------------------------------------------------------------------------------
// devconf writes with side effects (net.ipv6.conf.*), for the sysctl tree

export type DevconfTarget = 'all' | 'default' | NetDevice;

/** Writes net.ipv6.conf.<target>.<key> = value with the kernel's side effects:
 *  disable_ipv6 (all also sets default and every device; a device going off loses its
 *  addresses, coming back runs addrconf as on link up), forwarding (all sets default and
 *  every device; joins/leaves the all-routers groups and subnet-router anycast addresses),
 *  mtu (bounded by the device), and plain stores for the rest. */
export function ipv6DevconfSet(ns: Netns, target: DevconfTarget, key: string, value: number): void {
  const net = ipv6Net(ns);
  if (target === 'all' || target === 'default') {
    const conf = target === 'all' ? net.all : net.dflt;
    conf[key] = value;
    if (target === 'all' && (key === 'disable_ipv6' || key === 'forwarding')) {
      net.dflt[key] = value;
      for (const d of ns.devices()) {
        const idev = in6DevGet(d);
        if (!idev) continue;
        idev.cnf[key] = value;
        ipv6DevconfApply(d);
      }
    }
    return;
  }
  const idev = in6DevGet(target);
  if (!idev) return;
  idev.cnf[key] = value;
  ipv6DevconfApply(target);
}

/** Runs the side effects of disable_ipv6 and forwarding values stored in the device's cnf
 *  that have not run yet (addrconf_disable_ipv6() / addrconf_fixup_forwarding()). The
 *  sysctl tree calls this after writing net.ipv6.conf.DEV.{disable_ipv6,forwarding}. */
export function ipv6DevconfApply(dev: NetDevice): void {
  const idev = in6DevGet(dev);
  if (!idev) return;
  const dis = idev.cnf.disable_ipv6 ?? 0;
  if (!dis !== !idev.applied.disable_ipv6) {
    idev.applied.disable_ipv6 = dis;
    devDisableChange(idev);
  }
  const fwd = idev.cnf.forwarding ?? 0;
  if (!fwd !== !idev.applied.forwarding) {
    idev.applied.forwarding = fwd;
    devForwardChange(idev);
  }
}

/** dev_disable_change() */
function devDisableChange(idev: Inet6Dev): void {
  const dev = idev.dev;
  if (idev.cnf.disable_ipv6) {
    addrconfIfdown(dev, false);
  } else if (dev.isUp) {
    idev.upSeen = true;
    addrconfLinkEvent(dev, 'UP');
  }
}

/** dev_forward_change() */
function devForwardChange(idev: Inet6Dev): void {
  const dev = idev.dev;
  if (dev.flags & IFF_MULTICAST) {
    const groups = [IN6ADDR_LINKLOCAL_ALLROUTERS, IN6ADDR_INTERFACELOCAL_ALLROUTERS, IN6ADDR_SITELOCAL_ALLROUTERS];
    for (const g of groups) {
      if (idev.cnf.forwarding) ipv6DevMcInc(idev, g);
      else ipv6DevMcDec(idev, g);
    }
  }
  for (const ifa of [...idev.addrs]) {
    if (ifa.flags & IFA_F_TENTATIVE) continue;
    if (idev.cnf.forwarding) addrconfJoinAnycast(ifa);
    else addrconfLeaveAnycast(ifa);
  }
}

/** The inet6_dev fields a sysctl/procfs layer shows per device, or undefined without one. */
export function ipv6Devconf(dev: NetDevice): Ipv6Devconf | undefined {
  return in6DevGet(dev)?.cnf;
}
