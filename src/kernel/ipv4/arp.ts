// net/ipv4/arp.c: the IPv4 neighbour table (arp_tbl) on top of kernel/core/neighbour.ts —
// the constructor (NOARP entries for loopback, NOARP devices, broadcast and multicast),
// arp_solicit() with arp_announce, arp_rcv()/arp_process() with arp_ignore, arp_filter,
// arp_accept and gratuitous ARP, proxy ARP, the device events that flush the table, and the
// /proc/net/arp listing.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { SkBuff, PACKET_HOST, PACKET_OTHERHOST, PACKET_LOOPBACK } from '../core/skbuff.js';
import { devAddPack, devQueueXmit } from '../core/dev.js';
import { ETH_HLEN, ETH_P_ARP, ETH_P_IP, BROADCAST_MAC } from '../core/eth.js';
import { IFF_LOOPBACK, IFF_NOARP, IFF_POINTOPOINT, ARPHRD_ETHER, ARPHRD_LOOPBACK } from '../core/if.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import {
  neighTableRegister, neighTable, neighEventNs, neighUpdate, neighChangeaddr, neighCarrierDown, neighIfdown,
  kfreeSkbReason, tracing, type NeighFamily, type Neighbour, type NeighTable,
  NUD_NOARP, NUD_VALID, NUD_PERMANENT, NUD_REACHABLE, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, NTF_PROXY,
} from '../core/neighbour.js';
import { inDev, devconf } from './devinet.js';
import { RTN_LOCAL, RTN_UNICAST, RTN_BROADCAST, RTN_MULTICAST, RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE } from './route_types.js';
import {
  AF_INET, inetAddrTypeDevTable, inetConfirmAddr, inetAddrOnlink, readAddr, writeAddr, isMulticast, isLoopback,
} from './ip_output.js';
import { inetSelectAddr, neighState, type Rtable } from './route.js';
import { fibLookup } from './fib_rules.js';
import { flowi4 } from './fib.js';
import { ipRouteInputNoref } from './ip_input.js';
import { icmpSend } from './icmp.js';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH } from '../../wire/icmp.js';
import { formatIPv4 } from '../../wire/inet.js';
import { registerNeighDump, type NeighEntry } from '../fs/proc_net.js';

export const ARPOP_REQUEST = 1, ARPOP_REPLY = 2;
const ARPHRD_IEEE802 = 6;

/** ARP hooks for arptables (NF_ARP_IN/OUT); accept everything when unset. */
export type ArpHook = (ns: Netns, hook: 'in' | 'out', skb: SkBuff, dev: NetDevice) => boolean;
let arpHook: ArpHook | undefined;
export function arpRegisterHook(h: ArpHook | undefined): void {
  arpHook = h;
}

/** Devices with a link header (dev->header_ops): ethernet-like ones. */
function hasHeaderOps(dev: NetDevice): boolean {
  return dev.type === ARPHRD_ETHER || dev.type === ARPHRD_LOOPBACK;
}

/** arp_mc_map() for ethernet: 01:00:5e + the low 23 bits of the group. */
function arpMcMap(addr: number, ha: Uint8Array): void {
  ha[0] = 0x01;
  ha[1] = 0x00;
  ha[2] = 0x5e;
  ha[3] = (addr >>> 16) & 0x7f;
  ha[4] = (addr >>> 8) & 0xff;
  ha[5] = addr & 0xff;
}

const arpFamily: NeighFamily<number> = {
  family: AF_INET,
  keyLen: 4,
  id: 'arp_tbl',
  keyBytes(k) {
    const b = new Uint8Array(4);
    writeAddr(b, 0, k);
    return b;
  },
  keyFromBytes(b) {
    return readAddr(b, 0);
  },
  formatKey: formatIPv4,

  /** arp_constructor() */
  construct(n) {
    const dev = n.dev;
    if (dev.flags & (IFF_LOOPBACK | IFF_POINTOPOINT)) n.key = 0;
    if (!inDev(dev)) return -22;
    n.type = inetAddrTypeDevTable(dev.netns, dev, n.key);
    if (!hasHeaderOps(dev)) {
      n.nudState = NUD_NOARP;
      return 0;
    }
    if (n.type === RTN_MULTICAST) {
      n.nudState = NUD_NOARP;
      arpMcMap(n.key, n.ha);
    } else if (dev.flags & (IFF_NOARP | IFF_LOOPBACK)) {
      n.nudState = NUD_NOARP;
      n.ha.set(dev.addr.subarray(0, n.ha.length));
    } else if (n.type === RTN_BROADCAST || dev.flags & IFF_POINTOPOINT) {
      n.nudState = NUD_NOARP;
      n.ha.set(dev.broadcast.subarray(0, n.ha.length));
    }
    return 0;
  },

  /** arp_solicit(): `skb` is the packet waiting on the answer (the newest queued; none
   *  when the entry is only being reconfirmed). The trace names it with the request it
   *  provoked. */
  solicit(n, skb) {
    const dev = n.dev;
    const ns = dev.netns;
    const target = n.key;
    if (!inDev(dev)) return;
    let saddr = 0;
    const skbSrc = skb ? readAddr(skb.buf, skb.networkOffset + 12) : 0;
    switch (devconf(dev, 'arp_announce')) {
      case 1:
        if (skb && inetAddrTypeDevTable(ns, dev, skbSrc) === RTN_LOCAL && inetAddrOnlink(dev, target, skbSrc)) saddr = skbSrc;
        break;
      case 2:
        break;
      default:
        if (skb && inetAddrTypeDevTable(ns, dev, skbSrc) === RTN_LOCAL) saddr = skbSrc;
    }
    if (!saddr) saddr = inetSelectAddr(dev, target, RT_SCOPE_LINK);
    let probes = n.probes - n.parms.get('ucast_solicit');
    let dstHw: Uint8Array | undefined;
    if (probes < 0) {
      dstHw = n.ha.slice();
    } else {
      probes -= n.parms.get('app_solicit');
      if (probes < 0) return; // neigh_app_ns(): a userspace daemon would be asked
    }
    // arp_send_dst()
    if (dev.flags & IFF_NOARP) return;
    const req = arpCreate(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dstHw, dev.addr, undefined);
    if (skb) { const tr = tracing(ns); if (tr) tr({ fn: 'arp_solicit', ns, dev, skb, tip: formatIPv4(target), sent: req.traceId }); }
    arpXmit(req);
  },

  /** arp_error_report() -> ipv4_link_failure() */
  errorReport(n, skb) {
    const ns = n.dev.netns;
    { const tr = tracing(ns); if (tr) tr({ fn: 'ipv4_link_failure', ns, dev: n.dev, skb }); }
    icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
    kfreeSkbReason(ns, skb, 'NEIGH_FAILED', n.dev);
  },
};

neighTableRegister(arpFamily);

/** The namespace's ARP table. */
export function arpTable(ns: Netns): NeighTable<number> {
  return neighTable<number>(ns, AF_INET)!;
}

/** arp_send(): arp_create() + arp_xmit(), an ARP packet on `dev`; nothing on a NOARP device. */
export function arpSend(type: number, ptype: number, destIp: number, dev: NetDevice, srcIp: number,
  destHw: Uint8Array | undefined, srcHw: Uint8Array | undefined, targetHw: Uint8Array | undefined): void {
  if (dev.flags & IFF_NOARP) return;
  arpXmit(arpCreate(type, ptype, destIp, dev, srcIp, destHw, srcHw, targetHw));
}

/** arp_create(): the ARP packet, link header included, not yet sent. */
function arpCreate(type: number, ptype: number, destIp: number, dev: NetDevice, srcIp: number,
  destHw: Uint8Array | undefined, srcHw: Uint8Array | undefined, targetHw: Uint8Array | undefined): SkBuff {
  const alen = dev.addr.length;
  const len = 8 + 2 * (alen + 4);
  const skb = new SkBuff(new Uint8Array(ETH_HLEN + len));
  const b = skb.buf;
  const sha = srcHw ?? dev.addr;
  b.set(destHw ?? dev.broadcast, 0);
  b.set(sha.subarray(0, alen), 6);
  b[12] = ptype >> 8;
  b[13] = ptype & 0xff;
  const a = ETH_HLEN;
  const hrd = dev.type === ARPHRD_LOOPBACK ? ARPHRD_ETHER : dev.type;
  b[a] = hrd >> 8;
  b[a + 1] = hrd & 0xff;
  b[a + 2] = ETH_P_IP >> 8;
  b[a + 3] = ETH_P_IP & 0xff;
  b[a + 4] = alen;
  b[a + 5] = 4;
  b[a + 6] = type >> 8;
  b[a + 7] = type & 0xff;
  let p = a + 8;
  b.set(sha.subarray(0, alen), p);
  p += alen;
  writeAddr(b, p, srcIp);
  p += 4;
  if (targetHw) b.set(targetHw.subarray(0, alen), p);
  p += alen;
  writeAddr(b, p, destIp);
  skb.dev = dev;
  skb.protocol = ETH_P_ARP;
  skb.macOffset = 0;
  skb.networkOffset = ETH_HLEN;
  return skb;
}

/** arp_xmit(): through arptables' OUTPUT to the device. */
function arpXmit(skb: SkBuff): void {
  const dev = skb.dev!;
  const ns = dev.netns;
  const b = skb.buf, a = skb.networkOffset, alen = b[a + 4]!;
  { const tr = tracing(ns); if (tr) tr({
    fn: 'arp_xmit', ns, dev, skb, op: ((b[a + 6]! << 8) | b[a + 7]!) === ARPOP_REQUEST ? 'request' : 'reply',
    sip: formatIPv4(readAddr(b, a + 8 + alen)), tip: formatIPv4(readAddr(b, a + 12 + 2 * alen)),
  }); }
  if (arpHook && !arpHook(ns, 'out', skb, dev)) return;
  devQueueXmit(skb);
}

/** arp_rcv(): skb.data is at the ARP header. */
function arpRcv(skb: SkBuff, dev: NetDevice): void {
  const ns = dev.netns;
  if (dev.flags & IFF_NOARP || skb.pktType === PACKET_OTHERHOST || skb.pktType === PACKET_LOOPBACK) {
    return;
  }
  const b = skb.buf;
  const o = skb.off;
  const alen = dev.addr.length;
  if (skb.len < 8 + 2 * (alen + 4)) {
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
    return;
  }
  if (b[o + 4] !== alen || b[o + 5] !== 4) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
    return;
  }
  if (arpHook && !arpHook(ns, 'in', skb, dev)) return;
  arpProcess(ns, skb, dev);
}

/** arp_ignore(): should a request for `tip` from `sip` be left unanswered? */
function arpIgnore(ns: Netns, dev: NetDevice, sip: number, tip: number): boolean {
  let scope: number;
  let onDev: NetDevice | undefined = dev;
  switch (devconf(dev, 'arp_ignore')) {
    case 0: return false;
    case 1:
      sip = 0;
      scope = RT_SCOPE_HOST;
      break;
    case 2:
      scope = RT_SCOPE_HOST;
      break;
    case 3:
      sip = 0;
      scope = RT_SCOPE_LINK;
      onDev = undefined;
      break;
    case 8: return true;
    default: return false;
  }
  return !inetConfirmAddr(ns, onDev, sip, tip, scope);
}

/** arp_filter(): answer only when the route back to the sender leaves through `dev`. */
function arpFilter(ns: Netns, sip: number, tip: number, dev: NetDevice): boolean {
  const res = fibLookup(ns, flowi4({ daddr: sip, saddr: tip }));
  if (typeof res === 'number') return true;
  return res.nh?.dev !== dev;
}

/** arp_accept() */
function arpAccept(ns: Netns, dev: NetDevice, sip: number): boolean {
  switch (devconf(dev, 'arp_accept')) {
    case 1: return true;
    case 2: return inetConfirmAddr(ns, dev, sip, 0, RT_SCOPE_UNIVERSE) !== 0;
    default: return false;
  }
}

/** arp_fwd_proxy() */
function arpFwdProxy(dev: NetDevice, rt: Rtable): boolean {
  if (rt.dev === dev) return false;
  if (!devconf(dev, 'proxy_arp')) return false;
  const imi = devconf(dev, 'medium_id');
  if (imi === 0) return true;
  if (imi === -1) return false;
  const omi = devconf(rt.dev, 'medium_id');
  return omi !== imi && omi !== -1;
}

/** arp_process() */
function arpProcess(ns: Netns, skb: SkBuff, dev: NetDevice): void {
  if (!inDev(dev)) return;
  const b = skb.buf;
  const o = skb.off;
  const hrd = (b[o]! << 8) | b[o + 1]!;
  const pro = (b[o + 2]! << 8) | b[o + 3]!;
  if ((hrd !== ARPHRD_ETHER && hrd !== ARPHRD_IEEE802) || pro !== ETH_P_IP) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
    return;
  }
  const op = (b[o + 6]! << 8) | b[o + 7]!;
  if (op !== ARPOP_REPLY && op !== ARPOP_REQUEST) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
    return;
  }
  const alen = dev.addr.length;
  let p = o + 8;
  const sha = b.slice(p, p + alen);
  p += alen;
  const sip = readAddr(b, p);
  p += 4;
  const tha = b.subarray(p, p + alen);
  p += alen;
  const tip = readAddr(b, p);
  { const tr = tracing(ns); if (tr) tr({ fn: 'arp_process', ns, dev, skb, op: op === ARPOP_REQUEST ? 'request' : 'reply', sip: formatIPv4(sip), tip: formatIPv4(tip) }); }
  if (isMulticast(tip) || (!devconf(dev, 'route_localnet') && isLoopback(tip))) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
    return;
  }
  if (sip === tip && devconf(dev, 'drop_gratuitous_arp')) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
    return;
  }
  const tbl = arpTable(ns);

  // IPv4 duplicate address detection probe (RFC 2131).
  if (sip === 0) {
    if (op === ARPOP_REQUEST && inetAddrTypeDevTable(ns, dev, tip) === RTN_LOCAL && !arpIgnore(ns, dev, sip, tip)) {
      arpSend(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev.addr, sha);
    }
    return;
  }

  if (op === ARPOP_REQUEST) {
    const rt = ipRouteInputNoref(ns, skb, tip, sip, 0, dev, ETH_P_ARP);
    if (typeof rt === 'object') {
      if (rt.type === RTN_LOCAL) {
        let dontSend = arpIgnore(ns, dev, sip, tip);
        if (!dontSend && devconf(dev, 'arp_filter')) dontSend = arpFilter(ns, sip, tip, dev);
        if (!dontSend) {
          const n = neighEventNs(tbl, sha, sip, dev);
          if (n) arpSend(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev.addr, sha);
        }
        return;
      } else if (devconf(dev, 'forwarding') && rt.input === 'forward') {
        if (rt.type === RTN_UNICAST && (arpFwdProxy(dev, rt) || (rt.dev !== dev && tbl.pneighLookup(tip, dev)))) {
          neighEventNs(tbl, sha, sip, dev);
          // proxy_delay applies to requests not addressed to us; replying at once is what
          // LOCALLY_ENQUEUED / PACKET_HOST requests get.
          arpSend(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev.addr, sha);
          return;
        }
      }
    }
  }

  // Update our ARP tables.
  let n: Neighbour<number> | undefined = tbl.lookup(sip, dev);
  let addrType = -1;
  let isGarp = false;
  const accept = arpAccept(ns, dev, sip);
  if (n || accept) {
    // arp_is_garp()
    isGarp = tip === sip;
    if (isGarp && op === ARPOP_REPLY) isGarp = bytesEq(tha, sha, alen);
    if (isGarp) {
      addrType = inetAddrTypeDevTable(ns, dev, sip);
      if (addrType !== RTN_UNICAST) isGarp = false;
    }
  }
  if (accept && !n && (isGarp || (op === ARPOP_REPLY &&
    (addrType === RTN_UNICAST || (addrType < 0 && inetAddrTypeDevTable(ns, dev, sip) === RTN_UNICAST))))) {
    n = tbl.lookupOrCreate(sip, dev, true);
  }
  if (n) {
    let state = NUD_REACHABLE;
    const override = tbl.now() > n.updated + n.parms.get('locktime') || isGarp;
    if (op !== ARPOP_REPLY || skb.pktType !== PACKET_HOST) state = NUD_STALE;
    neighUpdate(n, sha, state, override ? NEIGH_UPDATE_F_OVERRIDE : 0);
  }
}

function bytesEq(a: Uint8Array, b: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}

devAddPack(ETH_P_ARP, arpRcv);

// fib_detect_death() asks the neighbour state of default gateways.
neighState.lookup = (dev, addr) => neighTable<number>(dev.netns, AF_INET)?.lookup(addr, dev)?.nudState;

/** arp_ifdown(): fib_disable_ip() calls it when a device goes down or loses its last address. */
export function arpIfdown(dev: NetDevice): void {
  const t = neighTable<number>(dev.netns, AF_INET);
  if (t) neighIfdown(t, dev);
}

const noarpSeen = new WeakMap<NetDevice, number>();

/** inetdev_send_gratuitous_arp(): what devinet does on NETDEV_UP / NETDEV_CHANGEADDR when
 *  arp_notify is set — an ARP request for each of the device's addresses. */
function sendGratuitousArp(dev: NetDevice): void {
  const ind = inDev(dev);
  if (!ind || !dev.isUp) return;
  for (const ifa of ind.addrs) arpSend(ARPOP_REQUEST, ETH_P_ARP, ifa.local, dev, ifa.local, undefined, dev.addr, undefined);
}

/** arp_netdev_event() + the arp_ifdown() calls of fib_netdev_event(). */
registerNetdeviceNotifier((event, dev) => {
  const ns = dev.netns;
  const t = ns.proto[`neigh${AF_INET}`] as NeighTable<number> | undefined;
  switch (event) {
    case 'REGISTER':
      noarpSeen.set(dev, dev.flags & IFF_NOARP);
      break;
    case 'CHANGEADDR':
      if (t) neighChangeaddr(t, dev);
      if (devconf(dev, 'arp_notify')) sendGratuitousArp(dev);
      break;
    case 'UP':
      if (devconf(dev, 'arp_notify')) sendGratuitousArp(dev);
      break;
    case 'CHANGE': {
      const was = noarpSeen.get(dev) ?? 0;
      const now = dev.flags & IFF_NOARP;
      noarpSeen.set(dev, now);
      if (!t) break;
      if (was !== now) neighChangeaddr(t, dev);
      if (!dev.carrier && devconf(dev, 'arp_evict_nocarrier')) neighCarrierDown(t, dev);
      break;
    }
    case 'DOWN':
    case 'UNREGISTER':
      if (t) neighIfdown(t, dev);
      break;
    default:
  }
});

// ---------------------------------------------------------------------------------------
// /proc/net/arp (and the IPv6 table, for whoever lists it): the entries in dump order.

registerNeighDump((ns, family) => {
  const out: NeighEntry[] = [];
  const t = neighTable<unknown>(ns, family === 4 ? AF_INET : 10);
  if (!t) return out;
  for (const n of t.all) {
    out.push({
      key: family === 4 ? (n.key as number) : t.fam.keyBytes(n.key), dev: n.dev,
      lladdr: n.nudState & NUD_VALID ? n.ha : undefined, state: n.nudState,
    });
  }
  for (const p of t.proxies) out.push({ key: family === 4 ? (p.key as number) : t.fam.keyBytes(p.key), dev: p.dev, state: 0, proxy: true });
  return out;
});

void NTF_PROXY; void RT_SCOPE_LINK; void PACKET_HOST; void NUD_PERMANENT;
