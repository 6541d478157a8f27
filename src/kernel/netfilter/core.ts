// net/netfilter/core.c: per-hook lists of hook functions ordered by priority
// (nf_register_net_hook()), run by one dispatcher installed at ip_input.ts's NF_HOOK point.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { nfRegisterHook4, NF_ACCEPT } from '../ipv4/ip_input.js';

export type NfHookFn = (ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined) => number;

/** Linux's enum nf_ip_hook_priorities. */
export const NF_IP_PRI_RAW = -300, NF_IP_PRI_CONNTRACK = -200, NF_IP_PRI_MANGLE = -150,
  NF_IP_PRI_NAT_DST = -100, NF_IP_PRI_FILTER = 0, NF_IP_PRI_SECURITY = 50, NF_IP_PRI_NAT_SRC = 100;

interface Ops { priority: number; fn: NfHookFn }
const hooks: Ops[][] = [[], [], [], [], []];

/** nf_register_net_hook(): functions run in ascending priority (stable for equal ones). */
export function nfRegisterNetHook(hooknum: number, priority: number, fn: NfHookFn): void {
  const list = hooks[hooknum]!;
  let i = list.length;
  while (i > 0 && list[i - 1]!.priority > priority) i--;
  list.splice(i, 0, { priority, fn });
  nfRegisterHook4(dispatch);
}

/** nf_hook_slow(): the first verdict other than NF_ACCEPT ends the walk. */
function dispatch(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined): number {
  for (const o of hooks[hook] ?? []) {
    const v = o.fn(ns, hook, skb, indev, outdev);
    if (v !== NF_ACCEPT) return v;
  }
  return NF_ACCEPT;
}
