// net/bridge/br_netfilter_ipv6.c: bridged IPv6 through the ip6tables hooks when
// net.bridge.bridge-nf-call-ip6tables (or the bridge's nf_call_ip6tables) is on: the IPv6
// counterparts of br_nf_pre_routing()'s checks and of its finish. A bridged IPv6 packet DNAT'ed
// in PRE_ROUTING goes on being bridged from its port: br_nf_pre_routing_finish_ipv6()'s new
// route for a changed destination is not emulated.
import type { Netns } from '../net_namespace.js';
import { PACKET_OTHERHOST, type SkBuff } from '../core/skbuff.js';
import { ip6Stats } from '../ipv6/stats.js';
import { nfHook6, NF_ACCEPT, NF_INET_PRE_ROUTING } from '../ipv6/netfilter.js';
import { brNfHookThresh, NF_BR_PRE_ROUTING } from '../netfilter/core_bridge.js';
import { brHandleFrameFinish } from './br_input.js';
import { nfBridgeInfo } from './br_netfilter_hooks.js';

/** br_validate_ipv6(): what ipv6_rcv() would check (the bridge bypasses it), with its
 *  counters; trims link-layer padding. skb.data is at the IPv6 header. */
export function brValidateIpv6(ns: Netns, skb: SkBuff): boolean {
  const b = skb.buf, o = skb.off;
  const st = ip6Stats(ns);
  if (skb.len < 40) return false;
  if (b[o]! >> 4 !== 6) {
    st.InHdrErrors++;
    return false;
  }
  const plen = (b[o + 4]! << 8) | b[o + 5]!;
  if (plen + 40 > skb.len) {
    st.InTruncatedPkts++;
    return false;
  }
  if (plen + 40 < skb.len) skb.buf = b.subarray(0, o + 40 + plen);
  skb.networkOffset = o;
  skb.transportOffset = o + 40;
  return true;
}

/** br_nf_pre_routing_ipv6(): the IPv6 PRE_ROUTING hooks, then back into the bridge. */
export function brNfPreRoutingIpv6(ns: Netns, skb: SkBuff): void {
  if (nfHook6(ns, NF_INET_PRE_ROUTING, skb, skb.dev, undefined) === NF_ACCEPT) brNfPreRoutingFinishIpv6(ns, skb);
}

/** br_nf_pre_routing_finish_ipv6(): with the destination unchanged the frame goes on being
 *  bridged from the port it came in on. */
function brNfPreRoutingFinishIpv6(ns: Netns, skb: SkBuff): void {
  const nb = nfBridgeInfo(skb)!;
  if (nb.pktOtherhost) {
    skb.pktType = PACKET_OTHERHOST;
    nb.pktOtherhost = false;
  }
  nb.inPrerouting = false;
  skb.dev = nb.physindev;
  brNfHookThresh(ns, NF_BR_PRE_ROUTING, skb, skb.dev, undefined, brHandleFrameFinish);
}
