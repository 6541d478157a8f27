// net/bridge/br_input.c: the rx_handler a bridge installs on each port (br_handle_frame):
// learn the source, then forward, flood, or pass the frame up the stack on the bridge device.
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST, PACKET_LOOPBACK } from '../core/skbuff.js';
import { netifReceiveSkb } from '../core/dev.js';
import { nfHookBridge, NF_BR_LOCAL_IN, NF_BR_PRE_ROUTING } from '../netfilter/core_bridge.js';
import { BROADCAST_MAC, macEqual } from '../core/eth.js';
import type { Bridge } from './br_device.js';
import { brFdbFindRcu, brFdbUpdate } from './br_fdb.js';
import { brFlood, brForward, BR_PKT_BROADCAST, BR_PKT_MULTICAST, BR_PKT_UNICAST, type BrInputCb } from './br_forward.js';
import {
  BR_FDB_LOCAL, BR_ISOLATED, BR_LEARNING, BR_NO_STP, BR_PORT_LOCKED, BR_STATE_DISABLED,
  BR_STATE_FORWARDING, BR_STATE_LEARNING, brPortOf, isLinkLocalEtherAddr, type NetBridgePort,
} from './br_private.js';

/** br_pass_frame_up(): the frame enters the stack again, now received on the bridge, after
 *  NF_BR_LOCAL_IN (br_netif_receive_skb()). */
function brPassFrameUp(br: Bridge, skb: SkBuff): void {
  br.stats.rx_packets++;
  br.stats.rx_bytes += skb.len;
  skb.dev = br;
  { const tr = br.netns.kernel.trace; if (tr) tr({ fn: 'br_pass_frame_up', ns: br.netns, dev: br, skb }); }
  nfHookBridge(br.netns, NF_BR_LOCAL_IN, skb, br, undefined, netifReceiveSkb);
}

/** br_handle_frame_finish(): the port is the one the frame's device is (br_netfilter hands
 *  frames back here with skb->dev set to the port they came in on). */
export function brHandleFrameFinish(skb: SkBuff): void {
  const p = skb.dev && brPortOf(skb.dev);
  if (!p) return;
  const br = p.br;
  if (p.state === BR_STATE_DISABLED) return;
  const state = p.state;
  const b = skb.buf;
  const mac = skb.macOffset;
  const src = b.subarray(mac + 6, mac + 12);
  const dest = b.subarray(mac, mac + 6);
  if (p.flags & BR_PORT_LOCKED) {
    const fdbSrc = brFdbFindRcu(br, src, 0);
    if (!fdbSrc || fdbSrc.dst !== p || (fdbSrc.flags & BR_FDB_LOCAL)) return;
  }
  // Insert into the forwarding database after filtering to avoid spoofing.
  if (p.flags & BR_LEARNING) brFdbUpdate(br, p, src, 0, 0);

  let localRcv = false; // IFF_PROMISC on the bridge is not emulated
  let pktType = BR_PKT_UNICAST;
  if (dest[0]! & 1) {
    if (macEqual(b, mac, BROADCAST_MAC)) {
      pktType = BR_PKT_BROADCAST;
      localRcv = true;
    } else {
      pktType = BR_PKT_MULTICAST;
    }
  }
  if (state === BR_STATE_LEARNING) return;
  const cb: BrInputCb = { brdev: br, proxyarpReplied: false, srcPortIsolated: (p.flags & BR_ISOLATED) !== 0 };
  let dst;
  if (pktType === BR_PKT_MULTICAST) {
    // Without a multicast querier every group is flooded and also received locally.
    localRcv = true;
    br.stats.multicast++;
  } else if (pktType === BR_PKT_UNICAST) {
    dst = brFdbFindRcu(br, dest, 0);
  }
  { const tr = br.netns.kernel.trace; if (tr) tr({ fn: 'br_handle_frame_finish', ns: br.netns, dev: p.dev, skb, bridge: br.name,
    fdb: dst ? (dst.flags & BR_FDB_LOCAL ? 'local' : dst.dst?.dev.name ?? 'none') : 'miss, flood' }); }
  if (dst) {
    if (dst.flags & BR_FDB_LOCAL) {
      brPassFrameUp(br, skb);
      return;
    }
    const now = br.jiffies;
    if (now !== dst.used) dst.used = now;
    brForward(dst.dst, skb, localRcv, false, cb);
  } else {
    brFlood(br, skb, pktType, localRcv, false, cb);
  }
  if (localRcv) brPassFrameUp(br, skb);
}

/** __br_handle_local_finish(): link-local frames still teach the FDB. */
function brHandleLocalFinish(p: NetBridgePort, skb: SkBuff): void {
  const br = p.br;
  if ((p.flags & BR_LEARNING) && (p.state === BR_STATE_LEARNING || p.state === BR_STATE_FORWARDING) &&
    !br.noLinklocalLearn) {
    const mac = skb.macOffset;
    brFdbUpdate(br, p, skb.buf.subarray(mac + 6, mac + 12), 0, 0);
  }
}

/** br_handle_frame(): returns true when the bridge consumed the frame (RX_HANDLER_CONSUMED),
 *  false to let the device's own protocol handlers see it (RX_HANDLER_PASS). */
export function brHandleFrame(p: NetBridgePort, skb: SkBuff): boolean {
  if (skb.pktType === PACKET_LOOPBACK) return false;
  const b = skb.buf;
  const mac = skb.macOffset;
  // !is_valid_ether_addr(h_source): multicast or zero sources are dropped.
  if ((b[mac + 6]! & 1) || (b[mac + 6] === 0 && b[mac + 7] === 0 && b[mac + 8] === 0 &&
    b[mac + 9] === 0 && b[mac + 10] === 0 && b[mac + 11] === 0)) return true;
  const br = p.br;
  { const tr = br.netns.kernel.trace; if (tr) tr({ fn: 'br_handle_frame', ns: br.netns, dev: p.dev, skb, bridge: br.name }); }
  let forward = false;
  if (isLinkLocalEtherAddr(b, mac)) {
    let fwdMask = br.groupFwdMaskRequired | p.groupFwdMask;
    const last = b[mac + 5]!;
    switch (last) {
      case 0x00: // Bridge Group Address: without STP it must be forwarded to keep loop detection
        if (br.stpEnabled === BR_NO_STP || (fwdMask & (1 << last))) forward = true;
        else {
          brHandleLocalFinish(p, skb);
          return false;
        }
        break;
      case 0x01: // IEEE MAC (Pause)
        return true;
      case 0x0e: // 802.1AB LLDP
        fwdMask |= br.groupFwdMask;
        if (fwdMask & (1 << last)) forward = true;
        else {
          brHandleLocalFinish(p, skb);
          return false;
        }
        break;
      default:
        fwdMask |= br.groupFwdMask;
        if (fwdMask & (1 << last)) forward = true;
    }
    if (!forward) {
      // NF_BR_LOCAL_IN, then br_handle_local_finish()
      brHandleLocalFinish(p, skb);
      return false;
    }
  }
  switch (p.state) {
    case BR_STATE_FORWARDING:
    case BR_STATE_LEARNING:
      if (macEqual(b, mac, br.addr)) skb.pktType = PACKET_HOST;
      nfHookBridge(br.netns, NF_BR_PRE_ROUTING, skb, skb.dev, undefined, brHandleFrameFinish);
      return true;
    default:
      return true;
  }
}
