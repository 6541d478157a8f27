// include/linux/netfilter.h: the hook points every family's datapath calls (NF_HOOK()) and
// the verdicts. The netfilter core installs one function per protocol family that walks
// that hook's list (kernel/netfilter/core.ts); without it every packet is accepted.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from './netdevice.js';
import type { SkBuff } from './skbuff.js';
import { kfreeSkbReason } from './neighbour.js';

/** enum nfproto (the families of hooks, tables and extensions). */
export const NFPROTO_UNSPEC = 0, NFPROTO_IPV4 = 2, NFPROTO_BRIDGE = 7, NFPROTO_IPV6 = 10;

/** enum nf_inet_hooks */
export const NF_INET_PRE_ROUTING = 0, NF_INET_LOCAL_IN = 1, NF_INET_FORWARD = 2,
  NF_INET_LOCAL_OUT = 3, NF_INET_POST_ROUTING = 4;
/** The verdicts (uapi linux/netfilter.h). */
export const NF_DROP = 0, NF_ACCEPT = 1, NF_STOLEN = 2;

/** Returns NF_ACCEPT, NF_DROP or NF_STOLEN (the hook took the packet). */
export type NfHookFn = (ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined) => number;

/** One dispatcher per NFPROTO_* family. */
const hooks: (NfHookFn | undefined)[] = [];

/** nf_register_net_hook() for family `pf`, as one dispatcher. */
export function nfRegisterHook(pf: number, fn: NfHookFn | undefined): void {
  hooks[pf] = fn;
}

/** NF_HOOK() / nf_hook_slow(): the verdict; a dropped packet is freed with
 *  SKB_DROP_REASON_NETFILTER_DROP. */
export function nfHook(pf: number, ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): number {
  const fn = hooks[pf];
  if (!fn) return NF_ACCEPT;
  const v = fn(ns, hook, skb, indev, outdev);
  if (v === NF_DROP) kfreeSkbReason(ns, skb, 'NETFILTER_DROP', indev ?? outdev);
  return v;
}
