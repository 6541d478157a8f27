// net/bridge/br_netfilter_hooks.c: the br_netfilter module. With
// net.bridge.bridge-nf-call-iptables (per namespace) or the bridge's own nf_call_iptables
// on, a bridged IPv4 frame crosses the IPv4 hooks too (IPv6 likewise with
// bridge-nf-call-ip6tables, br_netfilter_ipv6.ts): PRE_ROUTING when it enters the bridge
// (br_nf_pre_routing()), FORWARD when it goes from port to port (br_nf_forward_ip()),
// POST_ROUTING before it leaves (br_nf_post_routing()). The IPv4 hooks see the bridge device
// as in/out device; skb->nf_bridge keeps the ports for the physdev match. A frame that
// PRE_ROUTING DNAT'ed is routed again (br_nf_pre_routing_finish()); one delivered locally
// does not cross PRE_ROUTING a second time (ip_sabotage_in()).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import type { Kernel } from '../kernel.js';
import { PACKET_HOST, PACKET_OTHERHOST } from '../core/skbuff.js';
import { ETH_HLEN, ETH_P_IP, ETH_P_IPV6 } from '../core/eth.js';
import { kfreeSkbReason, neighOutput } from '../core/neighbour.js';
import {
  NF_ACCEPT, NF_DROP, NF_STOLEN, NF_INET_FORWARD, NF_INET_POST_ROUTING, NF_INET_PRE_ROUTING, ipRcvFinish, nfHook4,
} from '../ipv4/ip_input.js';
import { ipMib, ipNeighGw4 } from '../ipv4/ip_output.js';
import { ipRouteInputKey, ipRouteOutputKey, type Rtable } from '../ipv4/route.js';
import { RT_SCOPE_UNIVERSE } from '../ipv4/route_types.js';
import { devconf, inDev } from '../ipv4/devinet.js';
import { EHOSTUNREACH } from '../errno.js';
import { sysctlInt, registerBridgeNfSysctls } from '../sysctl.js';
import { netStore } from '../fs/sysctl_core.js';
import { nfRegisterNetHook, NFPROTO_IPV4, NFPROTO_IPV6 } from '../netfilter/core.js';
import { nfHook6, NF_ACCEPT as NF6_ACCEPT } from '../ipv6/netfilter.js';
import { ip6RcvFinish } from '../ipv6/ip6_input.js';
import { IPS_CONFIRMED, type NfConn } from '../netfilter/nf_conntrack.js';
import {
  brNfHookThresh, nfRegisterBridgeHook, NF_BR_FORWARD, NF_BR_LOCAL_IN, NF_BR_POST_ROUTING, NF_BR_PRE_ROUTING,
  NF_BR_PRI_BRNF, NF_BR_PRI_LAST, type NfBrHookState,
} from '../netfilter/core_bridge.js';
import { moduleLoaded, registerModule } from '../module/main.js';
import type { Bridge } from './br_device.js';
import { brSetDevXmitHook } from './br_device.js';
import { brHandleFrameFinish } from './br_input.js';
import { brDevQueuePushXmit, brForwardFinish } from './br_forward.js';
import { brPortOf } from './br_private.js';
import { brNfPreRoutingIpv6, brValidateIpv6 } from './br_netfilter_ipv6.js';

const BR_NETFILTER = 'br_netfilter';
const NF_IP_PRI_FIRST = -2147483648;

/** struct nf_bridge_info */
export interface NfBridgeInfo {
  /** The port the frame came in on (physinif). */
  physindev: NetDevice | undefined;
  /** The port it leaves by; set at FORWARD (BRNF_BRIDGED). */
  physoutdev: NetDevice | undefined;
  inPrerouting: boolean;
  pktOtherhost: boolean;
  /** Sent through the bridge device to resolve a DNAT'ed destination's address. */
  bridgedDnat: boolean;
  sabotageInDone: boolean;
  /** The destination before PRE_ROUTING, to tell whether DNAT took place. */
  ipv4Daddr: number;
  /** The frame's source address and type while a neighbour lookup rewrites its header. */
  neighHeader: Uint8Array | undefined;
}

/** nf_bridge_info_get() */
export function nfBridgeInfo(skb: SkBuff): NfBridgeInfo | undefined {
  return skb.nfBridge as NfBridgeInfo | undefined;
}

/** bridge_parent() */
function bridgeParent(dev: NetDevice | undefined): Bridge | undefined {
  return dev ? brPortOf(dev)?.br : undefined;
}

const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

/** br_validate_ipv4(): the header checks ip_rcv() would make (the bridge bypasses it), with its
 *  counters; trims link-layer padding. skb.data is at the IP header. */
function brValidateIpv4(ns: Netns, skb: SkBuff): boolean {
  const b = skb.buf, o = skb.off;
  const mib = ipMib(ns);
  if (skb.len < 20) {
    mib.InHdrErrors++;
    return false;
  }
  const ihl = b[o]! & 0x0f;
  if (ihl < 5 || b[o]! >> 4 !== 4 || skb.len < ihl * 4) {
    mib.InHdrErrors++;
    return false;
  }
  let s = 0;
  for (let i = 0; i < ihl * 4; i += 2) s += (b[o + i]! << 8) | b[o + i + 1]!;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  if (s !== 0xffff) {
    mib.InHdrErrors++;
    return false;
  }
  const len = (b[o + 2]! << 8) | b[o + 3]!;
  if (skb.len < len) {
    mib.InTruncatedPkts++;
    return false;
  }
  if (len < ihl * 4) {
    mib.InHdrErrors++;
    return false;
  }
  if (skb.len > len) skb.buf = b.subarray(0, o + len);
  skb.networkOffset = o;
  skb.transportOffset = o + ihl * 4;
  return true;
}

/** The per-namespace switch, or the bridge's own (br_opt_get(br, BROPT_NF_CALL_IPTABLES)). */
function callIptables(ns: Netns, br: Bridge): boolean {
  return br.nfCallIptables || sysctlInt(ns, 'net.bridge.bridge-nf-call-iptables') !== 0;
}

function callIp6tables(ns: Netns, br: Bridge): boolean {
  return br.nfCallIp6tables || sysctlInt(ns, 'net.bridge.bridge-nf-call-ip6tables') !== 0;
}

/** The family of a frame br_netfilter handles (IS_IP()/IS_IPV6(): untagged only). */
function familyOf(skb: SkBuff): number | undefined {
  return skb.protocol === ETH_P_IP ? NFPROTO_IPV4 : skb.protocol === ETH_P_IPV6 ? NFPROTO_IPV6 : undefined;
}

function validate(ns: Netns, pf: number, skb: SkBuff): boolean {
  return pf === NFPROTO_IPV4 ? brValidateIpv4(ns, skb) : brValidateIpv6(ns, skb);
}

/** NF_HOOK(pf, hook, ...): true when the packet may go on. */
function nfHookInet(pf: number, ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): boolean {
  return pf === NFPROTO_IPV4 ? nfHook4(ns, hook, skb, indev, outdev) : nfHook6(ns, hook, skb, indev, outdev) === NF6_ACCEPT;
}

function newNfBridgeInfo(): NfBridgeInfo {
  return {
    physindev: undefined, physoutdev: undefined, inPrerouting: false, pktOtherhost: false,
    bridgedDnat: false, sabotageInDone: false, ipv4Daddr: 0, neighHeader: undefined,
  };
}

/** setup_pre_routing(): the IPv4 hooks see the bridge device as the input device. */
function setupPreRouting(skb: SkBuff, nb: NfBridgeInfo): void {
  if (skb.pktType === PACKET_OTHERHOST) {
    skb.pktType = PACKET_HOST;
    nb.pktOtherhost = true;
  }
  nb.inPrerouting = true;
  nb.physindev = skb.dev;
  skb.dev = bridgeParent(skb.dev);
}

/** br_nf_pre_routing(): NF_BR_PRE_ROUTING at NF_BR_PRI_BRNF. */
function brNfPreRouting(skb: SkBuff, state: NfBrHookState): number {
  const ns = state.ns;
  if (!moduleLoaded(ns.kernel, BR_NETFILTER)) return NF_ACCEPT;
  const br = bridgeParent(state.in);
  if (!br) return NF_DROP;
  // Untagged frames only (the VLAN and PPPoE cases are not emulated).
  if (skb.protocol === ETH_P_IPV6) {
    if (!callIp6tables(ns, br)) return NF_ACCEPT;
    if (!brValidateIpv6(ns, skb)) return NF_DROP;
    const nb6 = newNfBridgeInfo();
    skb.nfBridge = nb6;
    setupPreRouting(skb, nb6);
    brNfPreRoutingIpv6(ns, skb);
    return NF_STOLEN;
  }
  if (!callIptables(ns, br)) return NF_ACCEPT;
  if (skb.protocol !== ETH_P_IP) return NF_ACCEPT;
  if (!brValidateIpv4(ns, skb)) return NF_DROP;
  const nb = newNfBridgeInfo();
  skb.nfBridge = nb;
  setupPreRouting(skb, nb);
  nb.ipv4Daddr = u32(skb.buf, skb.off + 16);
  if (nfHook4(ns, NF_INET_PRE_ROUTING, skb, skb.dev, undefined)) brNfPreRoutingFinish(ns, skb);
  return NF_STOLEN;
}

/** br_nf_pre_routing_finish(): after the IPv4 PRE_ROUTING hooks. A frame whose destination
 *  changed (DNAT) is routed: to a host behind the same bridge it stays bridged, with the new
 *  destination's MAC (br_nf_pre_routing_finish_bridge()); elsewhere it goes up to the IP stack
 *  with the bridge's own address as destination MAC. */
function brNfPreRoutingFinish(ns: Netns, skb: SkBuff): void {
  const nb = nfBridgeInfo(skb)!;
  const dev = skb.dev!;
  const b = skb.buf, o = skb.off;
  if (nb.pktOtherhost) {
    skb.pktType = PACKET_OTHERHOST;
    nb.pktOtherhost = false;
  }
  nb.inPrerouting = false;
  const daddr = u32(b, o + 16);
  if (daddr !== nb.ipv4Daddr) {
    const r = ipRouteInputKey(ns, dev, daddr, u32(b, o + 12), b[o + 1]!, skb.mark, b[o + 9]!, 0, 0);
    if (!('type' in r)) {
      // A martian, or forwarding off: bridged-and-DNAT'ed traffic needs no forwarding when the
      // new destination is reached through this bridge.
      const ind = inDev(dev);
      if (r.errno !== EHOSTUNREACH || !ind || devconf(dev, 'forwarding')) {
        kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
        return;
      }
      const rt = ipRouteOutputKey(ns, daddr, 0, 0, 0, b[o + 1]!, RT_SCOPE_UNIVERSE, 0, 0, 0, 0, false);
      if (typeof rt !== 'number' && rt.dev === dev) {
        skb.dst = rt;
        bridgedDnat(ns, skb, nb);
        return;
      }
      kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', dev);
      return;
    }
    skb.dst = r;
    if (r.dev === dev) {
      bridgedDnat(ns, skb, nb);
      return;
    }
    // Routed: the frame goes up the stack on the bridge (its FDB entry is local).
    skb.buf.set(dev.addr, skb.macOffset);
    skb.pktType = PACKET_HOST;
  }
  // Otherwise bridge_parent_rtable(): the bridge's fake route, which netsim's IPv4 code does
  // not need (a locally delivered frame is routed in ip_rcv_finish()).
  skb.dev = nb.physindev;
  brNfHookThresh(ns, NF_BR_PRE_ROUTING, skb, skb.dev, undefined, brHandleFrameFinish);
}

/** The bridged_dnat case of br_nf_pre_routing_finish(). */
function bridgedDnat(ns: Netns, skb: SkBuff, nb: NfBridgeInfo): void {
  skb.dev = nb.physindev;
  brNfHookThresh(ns, NF_BR_PRE_ROUTING, skb, skb.dev, undefined, brNfPreRoutingFinishBridge);
}

/** br_nf_pre_routing_finish_bridge(): the new destination's MAC from the neighbour table, or
 *  a neighbour lookup through the bridge device, which hands the frame back
 *  (br_nf_dev_xmit()). */
function brNfPreRoutingFinishBridge(skb: SkBuff): void {
  const br = bridgeParent(skb.dev);
  const ns = skb.dev!.netns;
  const rt = skb.dst as Rtable | undefined;
  if (!br || !rt) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', skb.dev);
    return;
  }
  skb.dev = br;
  const n = ipNeighGw4(br, rt.gw || u32(skb.buf, skb.off + 16));
  if (!n) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED', br);
    return;
  }
  const nb = nfBridgeInfo(skb)!;
  if (n.hhValid && n.ha.length === 6) {
    // neigh_hh_bridge(): only the destination address is taken from the cached header.
    skb.buf.set(n.ha, skb.macOffset);
    skb.dev = nb.physindev;
    brHandleFrameFinish(skb);
    return;
  }
  // The neighbour's output rewrites the whole header: keep the source address and type.
  nb.neighHeader = skb.buf.slice(skb.macOffset + 6, skb.macOffset + ETH_HLEN);
  nb.bridgedDnat = true;
  skb.protocol = ETH_P_IP;
  neighOutput(n, skb);
}

/** br_nf_dev_xmit() + br_nf_pre_routing_finish_bridge_slow(): a frame sent through the bridge
 *  device by br_nf_pre_routing_finish_bridge() goes back into the bridge, from its port. */
function brNfDevXmit(skb: SkBuff): boolean {
  const nb = nfBridgeInfo(skb);
  if (!nb?.bridgedDnat) return false;
  const mac = skb.off;
  nb.bridgedDnat = false;
  if (nb.neighHeader) skb.buf.set(nb.neighHeader, mac + 6);
  skb.macOffset = mac;
  skb.pull(ETH_HLEN);
  skb.dev = nb.physindev;
  nb.physoutdev = undefined;
  brHandleFrameFinish(skb);
  return true;
}

/** br_nf_local_in(): a broadcast or multicast frame going up the stack lets the IPv4 input
 *  path track it again rather than confirm a connection its clones share. */
function brNfLocalIn(skb: SkBuff): number {
  if (!skb.nfct || skb.pktType === PACKET_HOST) return NF_ACCEPT;
  if ((skb.nfct as NfConn).status & IPS_CONFIRMED) return NF_ACCEPT;
  skb.nfct = undefined;
  skb.ctinfo = 0;
  return NF_ACCEPT;
}

/** br_nf_forward_ip(): NF_BR_FORWARD just before NF_BR_PRI_BRNF. The IPv4 (IPv6) FORWARD
 *  hooks see the bridge as both devices. */
function brNfForwardIp(skb: SkBuff, state: NfBrHookState): number {
  const old = nfBridgeInfo(skb);
  if (!old) return NF_ACCEPT;
  // nf_bridge_unshare(): flooded copies leave by different ports.
  const nb: NfBridgeInfo = { ...old };
  skb.nfBridge = nb;
  const parent = bridgeParent(state.out);
  if (!parent) return NF_DROP;
  const pf = familyOf(skb);
  if (pf === undefined) return NF_ACCEPT;
  if (skb.pktType === PACKET_OTHERHOST) {
    skb.pktType = PACKET_HOST;
    nb.pktOtherhost = true;
  }
  if (!validate(state.ns, pf, skb)) return NF_DROP;
  nb.physoutdev = skb.dev;
  if (nfHookInet(pf, state.ns, NF_INET_FORWARD, skb, bridgeParent(state.in), parent)) brNfForwardFinish(skb, state);
  return NF_STOLEN;
}

/** br_nf_forward_finish(): back into the bridge's FORWARD hook, from its port. */
function brNfForwardFinish(skb: SkBuff, state: NfBrHookState): void {
  const nb = nfBridgeInfo(skb)!;
  if (nb.pktOtherhost) {
    skb.pktType = PACKET_OTHERHOST;
    nb.pktOtherhost = false;
  }
  brNfHookThresh(state.ns, NF_BR_FORWARD, skb, nb.physindev, skb.dev, brForwardFinish);
}

/** br_nf_post_routing(): NF_BR_POST_ROUTING, last. */
function brNfPostRouting(skb: SkBuff, state: NfBrHookState): number {
  const nb = nfBridgeInfo(skb);
  // Without physoutdev the frame was delivered locally and routed: the IP stack already ran
  // POST_ROUTING.
  if (!nb || !nb.physoutdev) return NF_ACCEPT;
  const realoutdev = bridgeParent(skb.dev);
  if (!realoutdev) return NF_DROP;
  const pf = familyOf(skb);
  if (pf === undefined) return NF_ACCEPT;
  if (skb.pktType === PACKET_OTHERHOST) {
    skb.pktType = PACKET_HOST;
    nb.pktOtherhost = true;
  }
  if (nfHookInet(pf, state.ns, NF_INET_POST_ROUTING, skb, undefined, realoutdev)) brNfDevQueueXmit(skb);
  return NF_STOLEN;
}

/** br_nf_dev_queue_xmit(): the info is dropped and the frame transmitted (refragmenting a
 *  frame too big for the port is not emulated). */
function brNfDevQueueXmit(skb: SkBuff): void {
  skb.nfBridge = undefined;
  brDevQueuePushXmit(skb);
}

/** ip_sabotage_in(): NF_INET_PRE_ROUTING, first. A bridged frame that already crossed
 *  PRE_ROUTING in br_nf_pre_routing() and now comes up the stack goes straight on to
 *  ip_rcv_finish(). */
function ipSabotageIn(ns: Netns, skb: SkBuff, pf: number): number {
  const nb = nfBridgeInfo(skb);
  if (!nb || nb.sabotageInDone || nb.inPrerouting) return NF_ACCEPT;
  nb.sabotageInDone = true;
  if (pf === NFPROTO_IPV4) ipRcvFinish(ns, skb, skb.dev!);
  else ip6RcvFinish(ns, skb, skb.dev!);
  return NF_STOLEN;
}

/** A bridge hook function whose NF_DROP frees the frame with its reason, as nf_hook_slow()
 *  does. */
function brHook(fn: (skb: SkBuff, state: NfBrHookState) => number) {
  return (skb: SkBuff, state: NfBrHookState): number => {
    const v = fn(skb, state);
    if (v === NF_DROP) kfreeSkbReason(state.ns, skb, 'NETFILTER_DROP', state.in ?? state.out);
    return v;
  };
}

// The hooks are those of every namespace with a bridge once the module is loaded
// (brnf_device_event() registers them when the first bridge appears); unloaded, they pass.
nfRegisterBridgeHook(NF_BR_PRE_ROUTING, NF_BR_PRI_BRNF, brHook(brNfPreRouting));
nfRegisterBridgeHook(NF_BR_LOCAL_IN, NF_BR_PRI_BRNF, (skb, st) =>
  (moduleLoaded(st.ns.kernel, BR_NETFILTER) ? brNfLocalIn(skb) : NF_ACCEPT));
nfRegisterBridgeHook(NF_BR_FORWARD, NF_BR_PRI_BRNF - 1, brHook(brNfForwardIp));
nfRegisterBridgeHook(NF_BR_POST_ROUTING, NF_BR_PRI_LAST, brHook(brNfPostRouting));
nfRegisterNetHook(NF_INET_PRE_ROUTING, NF_IP_PRI_FIRST,
  (ns, _h, skb) => (skb.nfBridge ? ipSabotageIn(ns, skb, NFPROTO_IPV4) : NF_ACCEPT));
nfRegisterNetHook(NF_INET_PRE_ROUTING, NF_IP_PRI_FIRST,
  (ns, _h, skb) => (skb.nfBridge ? ipSabotageIn(ns, skb, NFPROTO_IPV6) : NF_ACCEPT), NFPROTO_IPV6);
brSetDevXmitHook(brNfDevXmit);

// net.bridge.bridge-nf-*: in every namespace of a kernel that loaded the module.
registerBridgeNfSysctls((ctx) => moduleLoaded(ctx.kernel, BR_NETFILTER));

registerModule({
  name: BR_NETFILTER,
  deps: ['bridge'],
  // brnf_exit_net(): the namespaces' settings go with the module.
  exit(k: Kernel) {
    for (const ns of [k.initNet, ...k.namedNetns.values()]) {
      const store = netStore(ns);
      for (const key of [...store.keys()]) if (key.startsWith('net/bridge/')) store.delete(key);
    }
  },
});
