// net/netfilter/core.c: per-family, per-hook lists of hook functions ordered by priority
// (nf_register_net_hook()), run by one dispatcher per family installed at that family's
// NF_HOOK points (core/netfilter.ts).
import { NF_ACCEPT, NFPROTO_IPV4, nfRegisterHook, type NfHookFn } from '../core/netfilter.js';

export { NFPROTO_UNSPEC, NFPROTO_IPV4, NFPROTO_BRIDGE, NFPROTO_IPV6, type NfHookFn } from '../core/netfilter.js';

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
    nfRegisterHook(pf, dispatcher(lists));
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
