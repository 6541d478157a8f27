// net/ipv6/netfilter/ip6_tables.c: ip6t_register_table() and the IPv6 half of the table walk
// (ip6t_do_table()): the packet's parameters, with its upper-layer protocol found through the
// extension headers (ipv6_find_hdr()), and ip6_packet_match() on the rule's ip6t_ip6 header.
// Like iptables-nft, a table exists in a namespace only once a command has written to it.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { NF_ACCEPT } from '../ipv6/netfilter.js';
import { ipv6FindHdr } from '../ipv6/exthdrs_core.js';
import { nfRegisterNetHook, NFPROTO_IPV6, type NfHookFn } from './core.js';
import {
  xtRegisterTable, xtFindTable, xtRegisterAf, iptDoTable, builtinChain, ifMatch, ipHdrOff,
  type IptEntry, type XtParam,
} from './x_tables.js';

/** ipv6_masked_addr_cmp(): whether `a` under `m` differs from `want` (already masked). */
function maskedDiffers(b: Uint8Array, o: number, m: Uint8Array, want: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if ((b[o + i]! & m[i]!) !== want[i]) return true;
  return false;
}

/** ip6_packet_match(): addresses, interfaces and -p. The protocol is the one
 *  ipv6_find_hdr() found, as nft's meta l4proto reads it: a packet whose headers could not
 *  be walked has none (proto 0), so it matches no -p but "all". */
function ip6PacketMatch(e: IptEntry, p: XtParam): boolean {
  const a = e.ip6;
  if (a) {
    if (maskedDiffers(p.buf, p.nh + 8, a.smsk, a.src) !== e.invSrc) return false;
    if (maskedDiffers(p.buf, p.nh + 24, a.dmsk, a.dst) !== e.invDst) return false;
  }
  if (e.iniface && !ifMatch(e.iniface, p.in?.name ?? '') !== e.invIn) return false;
  if (e.outiface && !ifMatch(e.outiface, p.out?.name ?? '') !== e.invOut) return false;
  if (e.proto && (p.proto !== e.proto) !== e.invProto) return false;
  return true;
}

/** The match parameters of an IPv6 packet at `hook`, or undefined for a runt. `len` is
 *  skb->len from the IPv6 header (what the counters count). */
function ip6tParam(ns: Netns, table: string, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined): XtParam | undefined {
  const nh = ipHdrOff(skb, hook);
  const b = skb.buf;
  if (nh < 0 || nh + 40 > b.length) return undefined;
  const found = ipv6FindHdr(b, nh);
  const h = typeof found === 'number' ? undefined : found;
  return {
    ns, family: NFPROTO_IPV6, skb, hook, table, in: indev, out: outdev, buf: b, nh,
    thoff: h ? h.offset : b.length, fragoff: h ? h.fragoff : 0, proto: h ? h.proto : 0,
    saddr: 0, daddr: 0, len: b.length - nh, hotdrop: false,
  };
}

xtRegisterAf(NFPROTO_IPV6, { param: ip6tParam, packetMatch: ip6PacketMatch });

/** ip6t_register_table(): table `name` with its built-in chains ([chain, hook] in listing
 *  order), walked at `priority` on the IPv6 hooks. `hookFn` wraps the walk when a table needs
 *  more (mangle's reroute). */
export function ip6tRegisterTable(name: string, priority: number, chains: [string, number][],
  hookFn?: (walk: NfHookFn) => NfHookFn): void {
  xtRegisterTable(name, () => ({ name, chains: new Map(chains.map(([c, h]) => [c, builtinChain(c, h)])) }), NFPROTO_IPV6);
  const walk: NfHookFn = (ns, hook, skb, indev, outdev) => {
    const t = xtFindTable(ns, name, false, NFPROTO_IPV6);
    return t ? iptDoTable(ns, t, hook, skb, indev, outdev) : NF_ACCEPT;
  };
  const fn = hookFn ? hookFn(walk) : walk;
  for (const [, hook] of chains) nfRegisterNetHook(hook, priority, fn, NFPROTO_IPV6);
}
