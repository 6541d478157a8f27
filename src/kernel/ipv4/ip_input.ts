// net/ipv4/ip_input.c: ip_rcv() with the header checks and counters, the input route
// (route.ts's ipRouteInput(): local, broadcast, forward, error, or a martian drop incl.
// rp_filter), local delivery to raw sockets and to protocol handlers registered by number
// (inet_add_protocol()), and ip_error() (route.c) for packets routed to an error.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST, PACKET_OTHERHOST, PACKET_BROADCAST, PACKET_MULTICAST } from '../core/skbuff.js';
import { devAddPack } from '../core/dev.js';
import { ETH_P_IP } from '../core/eth.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { kfreeSkbReason, tracing } from '../core/neighbour.js';
import {
  NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
  NF_DROP, NF_ACCEPT, NF_STOLEN, NFPROTO_IPV4, nfHook,
} from '../core/netfilter.js';
import { inDev, devconf } from './devinet.js';
import { RTN_BROADCAST, RTN_MULTICAST, RTCF_LOCAL, RTCF_BROADCAST, RTCF_MULTICAST } from './route_types.js';
import { EINVAL, EXDEV, EHOSTUNREACH, ENETUNREACH, EACCES } from '../errno.js';
import { ipRouteInput, ipRouteInputKey, type Rtable } from './route.js';
import { ipMib, isRtable, readAddr, routeFacts } from './ip_output.js';
import { ipForward } from './ip_forward.js';
import { icmpSend, icmpPeerAllow, icmpRcv } from './icmp.js';
import { rawLocalDeliver } from './ping.js';
import {
  ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, ICMP_NET_UNREACH, ICMP_PKT_FILTERED, ICMP_PROT_UNREACH,
} from '../../wire/icmp.js';

// ---------------------------------------------------------------------------------------
// Netfilter hook points (NF_HOOK(NFPROTO_IPV4, ...))

export {
  NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
  NF_DROP, NF_ACCEPT, NF_STOLEN,
};

/** NF_HOOK(NFPROTO_IPV4, ...): true when the packet may continue. */
export function nfHook4(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined): boolean {
  return nfHook(NFPROTO_IPV4, ns, hook, skb, indev, outdev) === NF_ACCEPT;
}

// ---------------------------------------------------------------------------------------
// Protocol handlers (inet_protos[])

/** Handler for a locally delivered datagram; skb.data is at the transport header. Returns
 *  false when it found no one to take the packet (the caller then answers "port unreachable"
 *  itself — this is just a hint for the counters). */
export interface InetProtocol {
  handler(ns: Netns, skb: SkBuff): void;
  /** err_handler: an ICMP error quoting one of our datagrams (skb.data at the quoted IP header). */
  errHandler?(ns: Netns, skb: SkBuff, type: number, code: number, info: number): void;
}

const inetProtos: (InetProtocol | undefined)[] = [];

/** inet_add_protocol() */
export function inetAddProtocol(proto: number, p: InetProtocol): void {
  inetProtos[proto] = p;
}

export function inetProtocol(proto: number): InetProtocol | undefined {
  return inetProtos[proto];
}

// ---------------------------------------------------------------------------------------
// ip_rcv

/** ip_rcv() + ip_rcv_core(): skb.data is at the IP header. */
export function ipRcv(skb: SkBuff, dev: NetDevice): void {
  const ns = dev.netns;
  const mib = ipMib(ns);
  if (skb.pktType === PACKET_OTHERHOST) {
    kfreeSkbReason(ns, skb, 'OTHERHOST', dev);
    return;
  }
  const len0 = skb.len;
  mib.InReceives++;
  mib.InOctets += len0;
  const b = skb.buf;
  const o = skb.off;
  if (len0 < 20) return inhdrError(ns, skb, 'PKT_TOO_SMALL');
  const ihl = b[o]! & 0x0f;
  if (ihl < 5 || b[o]! >> 4 !== 4) return inhdrError(ns, skb, 'IP_INHDR');
  const ecn = b[o + 1]! & 3;
  if (ecn === 0) mib.InNoECTPkts++;
  else if (ecn === 1) mib.InECT1Pkts++;
  else if (ecn === 2) mib.InECT0Pkts++;
  else mib.InCEPkts++;
  const hl = ihl * 4;
  if (len0 < hl) return inhdrError(ns, skb, 'IP_INHDR');
  if (!(dev.flags & IFF_LOOPBACK) || !isRtable(skb.dst)) {
    let s = 0;
    for (let i = 0; i < hl; i += 2) s += (b[o + i]! << 8) | b[o + i + 1]!;
    while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
    if (s !== 0xffff) {
      mib.InCsumErrors++;
      return inhdrError(ns, skb, 'IP_CSUM');
    }
  }
  const tot = (b[o + 2]! << 8) | b[o + 3]!;
  if (len0 < tot) {
    mib.InTruncatedPkts++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
    return;
  }
  if (tot < hl) return inhdrError(ns, skb, 'IP_INHDR');
  // pskb_trim_rcsum(): drop link-layer padding.
  if (len0 > tot) skb.buf = b.subarray(0, o + tot);
  skb.networkOffset = o;
  skb.transportOffset = o + hl;
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip_rcv', ns, dev, skb }); }
  if (!nfHook4(ns, NF_INET_PRE_ROUTING, skb, dev, undefined)) return;
  ipRcvFinish(ns, skb, dev);
}

function inhdrError(ns: Netns, skb: SkBuff, reason: string): void {
  ipMib(ns).InHdrErrors++;
  kfreeSkbReason(ns, skb, reason);
}

/** ip_rcv_finish(): PRE_ROUTING's continuation. */
export function ipRcvFinish(ns: Netns, skb: SkBuff, dev: NetDevice): void {
  const b = skb.buf;
  const o = skb.off;
  let rt = isRtable(skb.dst) ? skb.dst : undefined;
  if (!rt) {
    const daddr = readAddr(b, o + 16);
    const saddr = readAddr(b, o + 12);
    const r = ipRouteInputKey(ns, dev, daddr, saddr, b[o + 1]!, skb.mark, b[o + 9]!, 0, 0);
    if (!('type' in r)) {
      if (r.errno === EXDEV) ipMib(ns).IPRPFilter++;
      { const tr = tracing(ns); if (tr) tr({ fn: 'ip_route_input_slow', ns, dev, skb, errno: r.errno }); }
      kfreeSkbReason(ns, skb, r.reason === 'NOT_SPECIFIED' ? 'IP_NOROUTE' : r.reason, dev);
      return;
    }
    rt = r;
    skb.dst = rt;
    { const tr = tracing(ns); if (tr) tr({ fn: 'ip_route_input_noref', ns, dev, skb, ...routeFacts(rt), out: rt.dev.name }); }
  }
  const mib = ipMib(ns);
  if (rt.type === RTN_BROADCAST) {
    mib.InBcastPkts++;
    mib.InBcastOctets += skb.len;
  } else if (rt.type === RTN_MULTICAST) {
    mib.InMcastPkts++;
    mib.InMcastOctets += skb.len;
  } else if (skb.pktType === PACKET_BROADCAST || skb.pktType === PACKET_MULTICAST) {
    // RFC 1122 3.3.6: unicast IP in a link-layer broadcast/multicast frame.
    if (devconf(dev, 'drop_unicast_in_l2_multicast')) {
      kfreeSkbReason(ns, skb, 'UNICAST_IN_L2_MULTICAST', dev);
      return;
    }
  }
  dstInput(ns, skb, rt);
}

/** dst_input(): ip_local_deliver / ip_forward / ip_error. Routes looked up for output and
 *  carried across loopback deliver locally when they are RTCF_LOCAL. */
export function dstInput(ns: Netns, skb: SkBuff, rt: Rtable): void {
  const input = rt.isInput ? rt.input : rt.flags & RTCF_LOCAL ? 'local' : undefined;
  switch (input) {
    case 'local': return ipLocalDeliver(ns, skb);
    case 'forward': ipForward(ns, skb, rt); return;
    case 'error': return ipError(ns, skb, rt);
    default: kfreeSkbReason(ns, skb, 'NOT_SPECIFIED');
  }
}

/** ip_local_deliver(): LOCAL_IN, then raw sockets and the protocol handler. */
export function ipLocalDeliver(ns: Netns, skb: SkBuff): void {
  const b = skb.buf;
  const o = skb.off;
  if (((b[o + 6]! << 8) | b[o + 7]!) & 0x3fff) {
    // ip_defrag(): reassembly is not emulated yet.
    ipMib(ns).ReasmFails++;
    kfreeSkbReason(ns, skb, 'IP_FRAG_REASM_TIMEOUT');
    return;
  }
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip_local_deliver', ns, dev: skb.dev, skb }); }
  if (!nfHook4(ns, NF_INET_LOCAL_IN, skb, skb.dev, undefined)) return;
  ipLocalDeliverFinish(ns, skb);
}

/** ip_local_deliver_finish() / ip_protocol_deliver_rcu() */
function ipLocalDeliverFinish(ns: Netns, skb: SkBuff): void {
  const b = skb.buf;
  const o = skb.off;
  const hl = (b[o]! & 0x0f) * 4;
  const proto = b[o + 9]!;
  const raw = rawLocalDeliver(ns, skb, proto);
  const ipprot = inetProtos[proto];
  const mib = ipMib(ns);
  if (ipprot) {
    mib.InDelivers++;
    skb.pull(hl);
    skb.transportOffset = skb.off;
    ipprot.handler(ns, skb);
    return;
  }
  if (!raw) {
    mib.InUnknownProtos++;
    icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
    kfreeSkbReason(ns, skb, 'IP_NOPROTO');
  } else {
    mib.InDelivers++;
  }
}

// ---------------------------------------------------------------------------------------
// The input route for ARP (ip_route_input_noref() on a non-IP skb)

/** ip_route_input_noref() as arp_process() calls it: route.ts's decision plus the two
 *  checks Linux makes for non-IP packets (no broadcast input; no proxying back out of the
 *  receiving interface unless proxy_arp_pvlan). Returns the route or a positive errno. */
export function ipRouteInputNoref(ns: Netns, skb: SkBuff, daddr: number, saddr: number, tos: number,
  dev: NetDevice, protocol: number): Rtable | number {
  void skb;
  const r = ipRouteInput(ns, { dst: daddr, src: saddr, dev, tos });
  if (!('type' in r)) return r.errno;
  if (protocol !== ETH_P_IP) {
    if (r.flags & RTCF_BROADCAST && r.isInput && r.input === 'local') return EINVAL;
    if (r.input === 'forward' && r.dev === dev && !devconf(dev, 'proxy_arp_pvlan')) return EINVAL;
  }
  return r;
}

/** ip_error(): a packet routed to an error (no route, unreachable/prohibit/blackhole route,
 *  forwarding disabled). Answers with ICMP unreachable when forwarding is on, rate limited
 *  per source by the inet_peer token bucket (ip_rt_error_cost/burst). */
function ipError(ns: Netns, skb: SkBuff, rt: Rtable): void {
  const dev = skb.dev!;
  const mib = ipMib(ns);
  if (!inDev(dev)) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED');
    return;
  }
  if (!devconf(dev, 'forwarding')) {
    if (rt.error === EHOSTUNREACH) {
      mib.InAddrErrors++;
      kfreeSkbReason(ns, skb, 'IP_INADDRERRORS');
    } else if (rt.error === ENETUNREACH) {
      mib.InNoRoutes++;
      kfreeSkbReason(ns, skb, 'IP_INNOROUTES');
    } else kfreeSkbReason(ns, skb, 'NOT_SPECIFIED');
    return;
  }
  let code: number;
  switch (rt.error) {
    case EHOSTUNREACH: code = ICMP_HOST_UNREACH; break;
    case ENETUNREACH:
      code = ICMP_NET_UNREACH;
      mib.InNoRoutes++;
      break;
    case EACCES: code = ICMP_PKT_FILTERED; break;
    default:
      kfreeSkbReason(ns, skb, 'NOT_SPECIFIED');
      return;
  }
  const saddr = readAddr(skb.buf, skb.off + 12);
  if (icmpPeerAllow(ns, saddr, 1000, 5000)) icmpSend(ns, skb, ICMP_DEST_UNREACH, code, 0);
  kfreeSkbReason(ns, skb, rt.error === ENETUNREACH ? 'IP_INNOROUTES' : 'NOT_SPECIFIED');
}

/** A received packet's dst says whether it was sent to a broadcast/multicast address. */
export function rtIsBroadcast(rt: Rtable): boolean {
  return (rt.flags & (RTCF_BROADCAST | RTCF_MULTICAST)) !== 0;
}

devAddPack(ETH_P_IP, ipRcv);
// icmp_protocol (inet_init() adds it; done here so the registry exists first).
inetAddProtocol(1, { handler: icmpRcv });
void PACKET_HOST;
