// A packet-path event: what one kernel function decided about one packet. Events name the
// Linux function (`fn`: "ip_rcv", "ip_forward", "neigh_update", "kfree_skb" with a
// SKB_DROP_REASON_* `reason`) and carry the objects concerned; renderers (text, JSON lines,
// the UI) turn them into names (the skb's traceId, the device's name, the namespace).
import type { Netns } from '../kernel/net_namespace.js';
import type { NetDevice } from '../kernel/core/netdevice.js';
import type { SkBuff } from '../kernel/core/skbuff.js';

export interface TraceEvent {
  fn: string;
  ns: Netns;
  dev?: NetDevice;
  skb?: SkBuff;
  reason?: string;
  [key: string]: unknown;
}
