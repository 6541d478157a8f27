// net/bridge/br_forward.c: delivering a frame to one port (br_forward) or to every port
// that should see it (br_flood), and the final push onto the port's transmit path.
import { ETH_HLEN } from '../core/eth.js';
import { devQueueXmit } from '../core/dev.js';
import type { SkBuff } from '../core/skbuff.js';
import { nfHookBridge, NF_BR_FORWARD, NF_BR_LOCAL_OUT, NF_BR_POST_ROUTING } from '../netfilter/core_bridge.js';
import type { Bridge } from './br_device.js';
import {
  BR_BCAST_FLOOD, BR_FLOOD, BR_HAIRPIN_MODE, BR_ISOLATED, BR_MCAST_FLOOD, BR_NEIGH_SUPPRESS,
  BR_PROXYARP, BR_PROXYARP_WIFI, BR_STATE_FORWARDING, type NetBridgePort,
} from './br_private.js';

export const BR_PKT_UNICAST = 0, BR_PKT_MULTICAST = 1, BR_PKT_BROADCAST = 2;

/** struct br_input_skb_cb: what the bridge notes about a frame while handling it. */
export interface BrInputCb {
  brdev: Bridge;
  proxyarpReplied: boolean;
  srcPortIsolated: boolean;
}

/** should_deliver(): not back out of the port it came in on (unless hairpin), forwarding
 *  ports only, and isolated ports do not talk to each other. */
function shouldDeliver(p: NetBridgePort, skb: SkBuff, cb: BrInputCb): boolean {
  return ((p.flags & BR_HAIRPIN_MODE) !== 0 || skb.dev !== p.dev) &&
    p.state === BR_STATE_FORWARDING &&
    !(cb.srcPortIsolated && (p.flags & BR_ISOLATED) !== 0);
}

/** br_dev_queue_push_xmit(): restore the link header, check the size, transmit. */
export function brDevQueuePushXmit(skb: SkBuff): void {
  skb.push(ETH_HLEN);
  const dev = skb.dev!;
  // is_skb_forwardable(): up, and no bigger than mtu + header + a VLAN tag.
  if (!dev.isUp || skb.len > dev.mtu + ETH_HLEN + 4) return;
  devQueueXmit(skb);
}

/** br_forward_finish(): NF_BR_POST_ROUTING, then out of the port. */
export function brForwardFinish(skb: SkBuff): void {
  nfHookBridge(skb.dev!.netns, NF_BR_POST_ROUTING, skb, undefined, skb.dev, brDevQueuePushXmit);
}

/** __br_forward(): NF_BR_FORWARD for a frame that came in on a port (NF_BR_LOCAL_OUT for one
 *  the bridge device sent), then br_forward_finish(). */
function __brForward(to: NetBridgePort, skb: SkBuff, localOrig: boolean): void {
  const indev = skb.dev;
  skb.dev = to.dev;
  { const tr = to.dev.netns.kernel.trace; if (tr) tr({ fn: 'br_forward', ns: to.dev.netns, dev: to.dev, skb }); }
  nfHookBridge(to.dev.netns, localOrig ? NF_BR_LOCAL_OUT : NF_BR_FORWARD, skb, localOrig ? undefined : indev,
    to.dev, brForwardFinish);
}

/** deliver_clone() */
function deliverClone(prev: NetBridgePort, skb: SkBuff, localOrig: boolean): void {
  __brForward(prev, skb.copy(), localOrig);
}

/** br_forward(): to one port, via its backup port when it is down. */
export function brForward(to: NetBridgePort | undefined, skb: SkBuff, localRcv: boolean, localOrig: boolean, cb: BrInputCb): void {
  if (!to) return;
  if (to.backupPort && (!to.dev.carrier || !to.dev.isUp)) to = to.backupPort;
  if (shouldDeliver(to, skb, cb)) {
    if (localRcv) deliverClone(to, skb, localOrig);
    else __brForward(to, skb, localOrig);
  }
}

/** br_flood(): every port that should see it, in port-list order; the last gets the
 *  original when the frame is not also going up the stack. */
export function brFlood(br: Bridge, skb: SkBuff, pktType: number, localRcv: boolean, localOrig: boolean, cb: BrInputCb): void {
  let prev: NetBridgePort | undefined;
  for (const p of br.ports) {
    switch (pktType) {
      case BR_PKT_UNICAST:
        if (!(p.flags & BR_FLOOD)) continue;
        break;
      case BR_PKT_MULTICAST:
        if (!(p.flags & BR_MCAST_FLOOD) && skb.dev !== br) continue;
        break;
      case BR_PKT_BROADCAST:
        if (!(p.flags & BR_BCAST_FLOOD) && skb.dev !== br) continue;
        break;
    }
    if (p.flags & BR_PROXYARP) continue;
    if ((p.flags & (BR_PROXYARP_WIFI | BR_NEIGH_SUPPRESS)) && cb.proxyarpReplied) continue;
    // maybe_deliver()
    if (!shouldDeliver(p, skb, cb)) continue;
    if (prev) deliverClone(prev, skb, localOrig);
    prev = p;
  }
  if (!prev) return;
  if (localRcv) deliverClone(prev, skb, localOrig);
  else __brForward(prev, skb, localOrig);
}
