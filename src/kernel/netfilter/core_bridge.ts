// net/netfilter/core.c for NFPROTO_BRIDGE: the bridge's five hook points, each a list of
// functions ordered by priority, walked by nf_hook_slow() with the frame's continuation
// (okfn). Without any function at a hook the frame goes straight on. A function that drops
// a frame reports the drop itself: the bridge loads before the neighbour code that traces
// drops (kfree_skb_reason()).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
// The verdicts (include/uapi/linux/netfilter.h), here so that the bridge loads without IPv4.
const NF_ACCEPT = 1;

export const NF_BR_PRE_ROUTING = 0, NF_BR_LOCAL_IN = 1, NF_BR_FORWARD = 2, NF_BR_LOCAL_OUT = 3,
  NF_BR_POST_ROUTING = 4;
/** enum nf_br_hook_priorities */
export const NF_BR_PRI_FIRST = -2147483648, NF_BR_PRI_BRNF = 0, NF_BR_PRI_LAST = 2147483647;

/** struct nf_hook_state */
export interface NfBrHookState {
  ns: Netns;
  hook: number;
  in: NetDevice | undefined;
  out: NetDevice | undefined;
  okfn: (skb: SkBuff) => void;
}

/** Returns NF_ACCEPT, NF_DROP (after kfree_skb_reason()) or NF_STOLEN (the function took
 *  the frame). */
export type NfBrHookFn = (skb: SkBuff, state: NfBrHookState) => number;

interface Ops { priority: number; fn: NfBrHookFn }
const hooks: Ops[][] = [[], [], [], [], []];

/** nf_register_net_hook(NFPROTO_BRIDGE, ...) */
export function nfRegisterBridgeHook(hooknum: number, priority: number, fn: NfBrHookFn): void {
  const list = hooks[hooknum]!;
  let i = list.length;
  while (i > 0 && list[i - 1]!.priority > priority) i--;
  list.splice(i, 0, { priority, fn });
}

/** nf_hook_slow() from the first function whose priority is above `after`. */
function hookSlow(list: Ops[], after: number, skb: SkBuff, state: NfBrHookState): void {
  for (const o of list) {
    if (o.priority <= after) continue;
    const v = o.fn(skb, state);
    if (v === NF_ACCEPT) continue;
    // NF_DROP: the frame is gone; NF_STOLEN: the function took it.
    return;
  }
  state.okfn(skb);
}

/** NF_HOOK(NFPROTO_BRIDGE, hook, ...): the frame continues with `okfn` when every function
 *  accepts it. */
export function nfHookBridge(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined, okfn: (skb: SkBuff) => void): void {
  const list = hooks[hook]!;
  if (list.length === 0) {
    okfn(skb);
    return;
  }
  hookSlow(list, -Infinity, skb, { ns, hook, in: indev, out: outdev, okfn });
}

/** br_nf_hook_thresh(): the functions after br_netfilter's own (priority > NF_BR_PRI_BRNF),
 *  for a frame br_netfilter hands back to the bridge. */
export function brNfHookThresh(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined, okfn: (skb: SkBuff) => void): void {
  hookSlow(hooks[hook]!, NF_BR_PRI_BRNF, skb, { ns, hook, in: indev, out: outdev, okfn });
}
