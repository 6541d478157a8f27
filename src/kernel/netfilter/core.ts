// net/netfilter/core.c: per-family, per-hook lists of hook functions ordered by priority
// (nf_register_net_hook()), run by one dispatcher per family installed at that family's
// NF_HOOK points (ip_input.ts for IPv4, ip6_input.ts for IPv6).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { nfRegisterHook4, NF_ACCEPT } from '../ipv4/ip_input.js';
import { nfRegisterHook6 } from '../ipv6/netfilter.js';

export type NfHookFn = (ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined) => number;

/** enum nfproto (the families of hooks, tables and extensions). */
export const NFPROTO_UNSPEC = 0, NFPROTO_IPV4 = 2, NFPROTO_BRIDGE = 7, NFPROTO_IPV6 = 10;

/** Linux's enum nf_ip_hook_priorities (enum nf_ip6_hook_priorities has the same values). */
export const NF_IP_PRI_RAW = -300, NF_IP_PRI_CONNTRACK = -200, NF_IP_PRI_MANGLE = -150,
  NF_IP_PRI_NAT_DST = -100, NF_IP_PRI_FILTER = 0, NF_IP_PRI_SECURITY = 50, NF_IP_PRI_NAT_SRC = 100;

interface Ops { priority: number; fn: NfHookFn }
/** net->nf.hooks_ipv4 / hooks_ipv6: one list per hook. */
const hooks = new Map<number, Ops[][]>();

/** nf_register_net_hook(): functions run in ascending priority (stable for equal ones).
 *  `pf` is the family (IPv4 unless given). */
export function nfRegisterNetHook(hooknum: number, priority: number, fn: NfHookFn, pf = NFPROTO_IPV4): void {
  let lists = hooks.get(pf);
  if (!lists) {
    hooks.set(pf, (lists = [[], [], [], [], []]));
    const d = dispatcher(lists);
    if (pf === NFPROTO_IPV4) nfRegisterHook4(d);
    else if (pf === NFPROTO_IPV6) nfRegisterHook6(d);
  }
  const list = lists[hooknum]!;
  let i = list.length;
  while (i > 0 && list[i - 1]!.priority > priority) i--;
  list.splice(i, 0, { priority, fn });
}

/** nf_hook_slow(): the first verdict other than NF_ACCEPT ends the walk. */
function dispatcher(lists: Ops[][]): NfHookFn {
  return (ns, hook, skb, indev, outdev) => {
    for (const o of lists[hook] ?? []) {
      const v = o.fn(ns, hook, skb, indev, outdev);
      if (v !== NF_ACCEPT) return v;
    }
    return NF_ACCEPT;
  };
}
