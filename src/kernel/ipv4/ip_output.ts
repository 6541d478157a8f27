// net/ipv4/ip_output.c: building locally generated datagrams, ip_local_out -> ip_output ->
// ip_finish_output2 -> the neighbour, plus the helpers of devinet.c the datapath needs
// (inet_confirm_addr, inet_addr_onlink), IP ids and the IP MIB counters. Routes come from
// route.ts (ipRouteOutput / ipRouteInput); a packet's route is skb.dst.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { SkBuff } from '../core/skbuff.js';
import { ETH_HLEN, ETH_P_IP } from '../core/eth.js';
import { IFF_LOOPBACK, IFF_POINTOPOINT } from '../core/if.js';
import { kfreeSkbReason, neighOutput, neighTable, tracing, type Neighbour } from '../core/neighbour.js';
import { inDev } from './devinet.js';
import { inetAddrTypeTable } from './fib.js';
import { rtMtu, type Rtable } from './route.js';
import { RTN_BROADCAST, RT_TABLE_LOCAL, RTCF_BROADCAST, RTCF_MULTICAST } from './route_types.js';
import { formatIPv4, prefixMask } from '../../wire/inet.js';
import { EINVAL, EMSGSIZE } from '../errno.js';
import { nfHook4, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from './ip_input.js';
import { icmpSend, icmpNet } from './icmp.js';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED } from '../../wire/icmp.js';

export type { Rtable } from './route.js';

export const AF_INET = 2;
export const IPPROTO_ICMP = 1;

/** Is `x` (an skb's dst) a route? */
export function isRtable(x: unknown): x is Rtable {
  return typeof x === 'object' && x !== null && 'isInput' in x && 'fl' in x;
}

/** ipv4_is_* helpers */
export const isMulticast = (a: number) => (a >>> 28) === 0xe;
export const isLbcast = (a: number) => a === 0xffffffff;
export const isZeronet = (a: number) => (a >>> 24) === 0;
export const isLoopback = (a: number) => (a >>> 24) === 127;

function ifaMatch(addr: number, address: number, plen: number): boolean {
  return ((address ^ addr) & prefixMask(plen)) === 0;
}

/** inet_addr_onlink(): `a` (and `b`, when non-zero) are within one of the device's prefixes. */
export function inetAddrOnlink(dev: NetDevice, a: number, b: number): boolean {
  const i = inDev(dev);
  if (!i) return false;
  for (const ifa of i.addrs) {
    if (ifaMatch(a, ifa.address, ifa.prefixlen) && (!b || ifaMatch(b, ifa.address, ifa.prefixlen))) return true;
  }
  return false;
}

/** inet_confirm_addr(): is `local` (or, when 0, some address in dst's subnet) configured on
 *  `dev` (any device when undefined) with at most `scope`? Returns the address or 0. */
export function inetConfirmAddr(ns: Netns, dev: NetDevice | undefined, dst: number, local: number, scope: number): number {
  const devs: readonly NetDevice[] = dev ? [dev] : ns.devicesSorted();
  for (const d of devs) {
    const i = inDev(d);
    if (!i) continue;
    let addr = 0;
    let sameNet = false;
    for (const ifa of i.addrs) {
      const min = ifa.scope;
      if (!addr && (!local || ifa.local === local) && min <= scope) {
        addr = ifa.local;
        if (sameNet) break;
      }
      if (!sameNet) {
        sameNet = !dst || ifaMatch(dst, ifa.address, ifa.prefixlen);
        if (sameNet && addr) {
          if (local || !dst) break;
          if (ifaMatch(addr, ifa.address, ifa.prefixlen)) break;
          if (min <= scope) {
            addr = ifa.local;
            break;
          }
          sameNet = false;
        }
      }
    }
    if (addr && sameNet) return addr;
  }
  return 0;
}

/** inet_addr_type_dev_table(): what the local table says `addr` is (for `dev`). */
export function inetAddrTypeDevTable(ns: Netns, dev: NetDevice | undefined, addr: number): number {
  return inetAddrTypeTable(ns, addr, RT_TABLE_LOCAL, dev);
}

// ---------------------------------------------------------------------------------------
// Counters

/** The Ip: and IpExt: lines of /proc/net/snmp and /proc/net/netstat. */
export class IpMib {
  InReceives = 0; InHdrErrors = 0; InAddrErrors = 0; ForwDatagrams = 0; InUnknownProtos = 0;
  InDiscards = 0; InDelivers = 0; OutRequests = 0; OutDiscards = 0; OutNoRoutes = 0;
  ReasmTimeout = 0; ReasmReqds = 0; ReasmOKs = 0; ReasmFails = 0; FragOKs = 0; FragFails = 0;
  FragCreates = 0; OutTransmits = 0;
  // IpExt
  InNoRoutes = 0; InTruncatedPkts = 0; InMcastPkts = 0; OutMcastPkts = 0; InBcastPkts = 0;
  OutBcastPkts = 0; InOctets = 0; OutOctets = 0; InMcastOctets = 0; OutMcastOctets = 0;
  InBcastOctets = 0; OutBcastOctets = 0; InCsumErrors = 0; InNoECTPkts = 0; InECT1Pkts = 0;
  InECT0Pkts = 0; InCEPkts = 0; ReasmOverlaps = 0;
  // TcpExt/LINUX_MIB counters the IPv4 path bumps
  IPRPFilter = 0;
}

/** Per-namespace IPv4 state this file family keeps (net->ipv4 bits). */
export class Ipv4State {
  mib = new IpMib();
  /** ip_idents: per-bucket id counters and timestamps. */
  idents = new Uint16Array(2048);
  identStamp = new Float64Array(2048);
  identSeed: number;
  constructor(ns: Netns) {
    this.identSeed = ns.kernel.random.u32();
    for (let i = 0; i < this.idents.length; i++) this.idents[i] = (this.identSeed * (i + 1) * 2654435761) >>> 16;
  }
}

export function ipv4State(ns: Netns): Ipv4State {
  let s = ns.proto.ipv4State as Ipv4State | undefined;
  if (!s) ns.proto.ipv4State = s = new Ipv4State(ns);
  return s;
}

export function ipMib(ns: Netns): IpMib {
  return ipv4State(ns).mib;
}

/** __ip_select_ident(): ids from hashed per-destination counters that jump by a random
 *  amount each jiffy, as ip_idents_reserve() does. */
export function ipSelectIdent(ns: Netns, daddr: number, saddr: number, proto: number): number {
  const st = ipv4State(ns);
  const h = (Math.imul(daddr ^ Math.imul(saddr, 0x9e3779b1) ^ (proto << 16) ^ st.identSeed, 0x85ebca6b) >>> 21) & 2047;
  const now = Math.floor(ns.kernel.clock.now());
  const old = st.identStamp[h]!;
  let delta = 0;
  if (old !== now) {
    st.identStamp[h] = now;
    const span = old ? now - old : 1;
    delta = span > 1 ? (Math.imul(now ^ h, 0x27d4eb2d) >>> 0) % span : 0;
  }
  const id = (st.idents[h]! + delta + 1) & 0xffff;
  st.idents[h] = id;
  return id;
}

// ---------------------------------------------------------------------------------------
// Path MTU exceptions (fib_nh_exception's fnhe_pmtu, __ip_rt_update_pmtu()). Kept here
// until route.ts carries route exceptions itself: learned from ICMP "fragmentation needed"
// by the sockets the error concerns, applied to locally generated datagrams, expiring after
// net.ipv4.route.mtu_expires (600 s); never below min_pmtu (552).

interface PmtuException {
  mtu: number;
  expires: number;
  locked: boolean;
}

function pmtuTable(ns: Netns): Map<number, PmtuException> {
  let m = ns.proto.ipv4Pmtu as Map<number, PmtuException> | undefined;
  if (!m) ns.proto.ipv4Pmtu = m = new Map();
  return m;
}

/** The learned path MTU towards `daddr`, if one is in force. */
export function pmtuFor(ns: Netns, daddr: number): number | undefined {
  const m = ns.proto.ipv4Pmtu as Map<number, PmtuException> | undefined;
  const e = m?.get(daddr);
  if (!e) return undefined;
  if (ns.kernel.clock.now() >= e.expires) {
    m!.delete(daddr);
    return undefined;
  }
  return e.mtu;
}

/** __ip_rt_update_pmtu(): `mtu` from an ICMP frag-needed about a datagram to `daddr`. */
export function ipRtUpdatePmtu(ns: Netns, rt: Rtable, daddr: number, mtu: number): void {
  if (!mtu) return;
  const cur = Math.min(rtMtu(rt), pmtuFor(ns, daddr) ?? Infinity);
  if (cur < mtu) return;
  let locked = false;
  if (mtu < 552) {
    locked = true;
    mtu = Math.min(cur, 552);
  }
  pmtuTable(ns).set(daddr, { mtu, expires: ns.kernel.clock.now() + 600000, locked });
}

/** dst_mtu() for a locally generated datagram to `daddr`: route or device MTU, or the
 *  learned path MTU when smaller. */
export function localMtu(ns: Netns, rt: Rtable, daddr: number): number {
  const m = rtMtu(rt);
  const p = ns.proto.ipv4Pmtu ? pmtuFor(ns, daddr) : undefined;
  return p !== undefined && p < m ? p : m;
}

// ---------------------------------------------------------------------------------------
// Sending

export interface IpSendParams {
  saddr: number;
  daddr: number;
  proto: number;
  tos?: number;
  ttl?: number;
  /** IP_PMTUDISC_* of the sender: 0 DONT, 1 WANT (default), 2 DO. */
  pmtudisc?: number;
  mark?: number;
  /** The IP ID a connected socket numbers its DF datagrams with (inet_id). */
  id?: number;
}

// Packet buffers are carved out of 256 KiB slabs: a typed-array view is far cheaper than a
// fresh ArrayBuffer per packet. A slab lives as long as any packet still points into it.
const SLAB = 256 * 1024;
let slab = new ArrayBuffer(SLAB);
let slabOff = 0;

/** A zeroed buffer of `len` bytes. */
export function allocBytes(len: number): Uint8Array {
  if (len > 4096) return new Uint8Array(len);
  const need = (len + 7) & ~7;
  if (slabOff + need > SLAB) {
    slab = new ArrayBuffer(SLAB);
    slabOff = 0;
  }
  const b = new Uint8Array(slab, slabOff, len);
  slabOff += need;
  return b;
}

/** Allocates an skb for a datagram of `payloadLen` bytes with room for the link header;
 *  skb.data is at the IP header, the payload starts 20 bytes later. */
export function ipAllocSkb(payloadLen: number): SkBuff {
  const skb = new SkBuff(allocBytes(ETH_HLEN + 20 + payloadLen));
  skb.off = ETH_HLEN;
  skb.networkOffset = ETH_HLEN;
  skb.transportOffset = ETH_HLEN + 20;
  skb.protocol = ETH_P_IP;
  return skb;
}

/** ip_build_and_send_pkt()/__ip_make_skb(): writes the IP header in front of the payload
 *  already in the skb and sends it through ip_local_out(). Returns 0 or a positive errno. */
export function ipSendSkb(ns: Netns, rt: Rtable, skb: SkBuff, p: IpSendParams): number {
  const b = skb.buf;
  const o = skb.off;
  const len = skb.len;
  if (len > 0xffff) return EMSGSIZE;
  const pmtu = p.pmtudisc ?? (icmpNet(ns).sysctl.ip_no_pmtu_disc ? 0 : 1);
  const df = pmtu === 2 || (pmtu === 1 && len <= localMtu(ns, rt, p.daddr));
  b[o] = 0x45;
  b[o + 1] = p.tos ?? 0;
  b[o + 2] = len >> 8;
  b[o + 3] = len & 0xff;
  // ip_select_ident_segs(): a DF datagram of a socket that may not fragment it locally
  // (IP_PMTUDISC_DO and stricter: !ignore_df) carries ID 0.
  const id = df && p.id !== undefined ? p.id : df && pmtu >= 2 ? 0 : ipSelectIdent(ns, p.daddr, p.saddr, p.proto);
  b[o + 4] = id >> 8;
  b[o + 5] = id & 0xff;
  b[o + 6] = df ? 0x40 : 0;
  b[o + 7] = 0;
  b[o + 8] = p.ttl ?? icmpNet(ns).sysctl.ip_default_ttl;
  b[o + 9] = p.proto;
  b[o + 10] = 0;
  b[o + 11] = 0;
  writeAddr(b, o + 12, p.saddr);
  writeAddr(b, o + 16, p.daddr);
  ipSendCheck(b, o);
  skb.dst = rt;
  skb.mark = p.mark ?? 0;
  skb.protocol = ETH_P_IP;
  skb.networkOffset = o;
  return ipLocalOut(ns, skb);
}

export function writeAddr(b: Uint8Array, o: number, a: number): void {
  b[o] = a >>> 24;
  b[o + 1] = (a >>> 16) & 0xff;
  b[o + 2] = (a >>> 8) & 0xff;
  b[o + 3] = a & 0xff;
}

export function readAddr(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** ip_send_check(): the header checksum (20-byte or longer headers). */
export function ipSendCheck(b: Uint8Array, o: number): void {
  const hl = (b[o]! & 0x0f) * 4;
  b[o + 10] = 0;
  b[o + 11] = 0;
  let s = 0;
  for (let i = 0; i < hl; i += 2) s += (b[o + i]! << 8) | b[o + i + 1]!;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  s = ~s & 0xffff;
  b[o + 10] = s >> 8;
  b[o + 11] = s & 0xff;
}

/** What a trace shows of a route: its type (RTN_*), table, prefix and gateway. */
export function routeFacts(rt: Rtable): Record<string, number | string> {
  const f: Record<string, number | string> = { rtType: rt.type };
  if (rt.table !== undefined) f.table = rt.table;
  if (rt.fi) f.prefix = `${formatIPv4(rt.prefix)}/${rt.prefixlen}`;
  if (rt.gw) f.via = formatIPv4(rt.gw);
  return f;
}

/** ip_local_out(): LOCAL_OUT, then dst_output(). */
export function ipLocalOut(ns: Netns, skb: SkBuff): number {
  const rt = skb.dst as Rtable;
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip_local_out', ns, dev: rt.dev, skb, ...routeFacts(rt) }); }
  if (!nfHook4(ns, NF_INET_LOCAL_OUT, skb, undefined, rt.dev)) return EPERM_NF;
  return dstOutput(ns, skb);
}

const EPERM_NF = 1;

/** dst_output(): ip_output() (ip_mc_output for broadcast/multicast routes). */
export function dstOutput(ns: Netns, skb: SkBuff): number {
  const rt = skb.dst as Rtable;
  if (rt.flags & (RTCF_BROADCAST | RTCF_MULTICAST)) return ipMcOutput(ns, skb, rt);
  return ipOutput(ns, skb, rt);
}

/** ip_output() */
export function ipOutput(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const dev = rt.dev;
  const mib = ipMib(ns);
  mib.OutRequests++;
  mib.OutOctets += skb.len;
  // POST_ROUTING's indev is the device the packet came in on: a forwarded packet's, none for
  // a local one.
  const indev = rt.isInput ? skb.dev : undefined;
  skb.dev = dev;
  skb.protocol = ETH_P_IP;
  if (!nfHook4(ns, NF_INET_POST_ROUTING, skb, indev, dev)) return 0;
  return ipFinishOutput(ns, skb, rt);
}

/** ip_mc_output(): broadcast and multicast datagrams. */
function ipMcOutput(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const mib = ipMib(ns);
  mib.OutRequests++;
  mib.OutOctets += skb.len;
  if (rt.type === RTN_BROADCAST) {
    mib.OutBcastPkts++;
    mib.OutBcastOctets += skb.len;
  } else {
    mib.OutMcastPkts++;
    mib.OutMcastOctets += skb.len;
  }
  skb.dev = rt.dev;
  skb.protocol = ETH_P_IP;
  if (!nfHook4(ns, NF_INET_POST_ROUTING, skb, undefined, rt.dev)) return 0;
  return ipFinishOutput(ns, skb, rt);
}

/** ip_finish_output(): no fragmentation yet — a datagram larger than the MTU with DF set is
 *  refused (ICMP frag needed for forwarded ones, EMSGSIZE locally); one without DF goes out
 *  whole (Linux would fragment it). */
function ipFinishOutput(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const mtu = rt.isInput ? rtMtu(rt) : localMtu(ns, rt, readAddr(skb.buf, skb.off + 16));
  if (skb.len > mtu) {
    const df = (skb.buf[skb.off + 6]! & 0x40) !== 0;
    if (df) {
      ipMib(ns).FragFails++;
      if (rt.isInput || skb.iif) icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
      kfreeSkbReason(ns, skb, 'PKT_TOO_BIG', rt.dev);
      return EMSGSIZE;
    }
  }
  return ipFinishOutput2(ns, skb, rt);
}

/** ip_finish_output2(): find (or create) the neighbour of the next hop and hand it over. */
export function ipFinishOutput2(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const dev = rt.dev;
  ipMib(ns).OutTransmits++;
  const daddr = readAddr(skb.buf, skb.off + 16);
  const nexthop = rt.gw || daddr;
  const n = ipNeighGw4(dev, nexthop);
  if (!n) {
    kfreeSkbReason(ns, skb, 'NEIGH_CREATEFAIL', dev);
    return EINVAL;
  }
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip_finish_output2', ns, dev, skb, nexthop }); }
  neighOutput(n, skb);
  return 0;
}

/** ip_neigh_gw4(): loopback and point-to-point devices use the key 0.0.0.0. */
export function ipNeighGw4(dev: NetDevice, nexthop: number): Neighbour<number> | undefined {
  const key = dev.flags & (IFF_LOOPBACK | IFF_POINTOPOINT) ? 0 : nexthop;
  const tbl = neighTable<number>(dev.netns, AF_INET);
  if (!tbl) return undefined;
  const n = tbl.lookup(key, dev);
  if (n) return n;
  try {
    return tbl.create(key, dev);
  } catch {
    return undefined;
  }
}
