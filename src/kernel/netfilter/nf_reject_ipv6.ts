// net/ipv6/netfilter/nf_reject_ipv6.c: what REJECT sends for IPv6 — an ICMPv6 destination
// unreachable through icmpv6_send() (nf_send_unreach6()), or a TCP reset built from the
// offending segment and sent as a local packet (nf_send_reset6()).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { icmpv6Send, ICMPV6_DEST_UNREACH } from '../ipv6/icmp.js';
import { ip6BuildSkb, ip6Output, ip6RouteOutput } from '../ipv6/ip6_output.js';
import { in6DevGet } from '../ipv6/addrconf.js';
import { ipv6AddrType, IPV6_ADDR_UNICAST } from '../ipv6/addr.js';
import { ipv6SkipExthdr, type Ipv6ExthdrResult } from '../../wire/ipv6.js';
import { TCP_HLEN, TCPHDR_RST, emitTcp, tcpResetFor } from '../../wire/tcp.js';
import { NF_INET_LOCAL_OUT } from '../ipv6/netfilter.js';
import { ipHdrOff } from './x_tables.js';
import { IP_CT_IS_REPLY, IP_CT_RELATED, IP_CT_RELATED_REPLY, type NfConn } from './nf_conntrack.js';
import { nfConntrackTcpSetClosing } from './nf_conntrack_proto_tcp.js';

const IPPROTO_TCP = 6;

/** nf_send_unreach6(): an ICMPv6 destination unreachable with `code` about `skb` (a packet
 *  of our own, at LOCAL_OUT, counts as coming from lo). */
export function nfSendUnreach6(ns: Netns, skb: SkBuff, code: number, hook: number): void {
  const nh = ipHdrOff(skb, hook);
  if (skb.networkOffset < 0) skb.networkOffset = nh;
  if (hook === NF_INET_LOCAL_OUT && !skb.dev) skb.dev = ns.proto.loopback as SkBuff['dev'];
  icmpv6Send(ns, skb, ICMPV6_DEST_UNREACH, code, 0);
}

/** nf_reject_ip6_tcphdr_get(): the TCP header to answer (offset and segment length), or
 *  undefined for a fragment, a runt, a non-TCP packet or a reset. */
function tcphdrGet(b: Uint8Array, nh: number): { off: number; len: number } | undefined {
  const r: Ipv6ExthdrResult = { nexthdr: 0, fragOff: 0 };
  const off = ipv6SkipExthdr(b, nh + 40, b[nh + 6]!, r);
  if (off < 0 || off > b.length) return undefined;
  const len = b.length - off;
  if (r.nexthdr !== IPPROTO_TCP || len < TCP_HLEN || (r.fragOff & ~0x7) !== 0) return undefined;
  if (b[off + 13]! & TCPHDR_RST) return undefined; // no reset for a reset
  return { off, len };
}

/** nf_send_reset6(): a TCP RST (with ACK when the segment had none) from the segment's
 *  destination to its source, routed as a local packet. */
export function nfSendReset6(ns: Netns, skb: SkBuff, hook: number): void {
  const b = skb.buf, nh = ipHdrOff(skb, hook);
  const saddr = b.slice(nh + 24, nh + 40), daddr = b.slice(nh + 8, nh + 24);
  if (!(ipv6AddrType(saddr) & IPV6_ADDR_UNICAST) || !(ipv6AddrType(daddr) & IPV6_ADDR_UNICAST)) return;
  const t = tcphdrGet(b, nh);
  if (!t) return;
  const r = ip6RouteOutput(ns, { dst: daddr, src: saddr, mark: skb.mark });
  if (typeof r === 'number') return;
  const tcp = emitTcp(tcpResetFor(b, t.off, t.len), undefined, { src: saddr, dst: daddr });
  // ip6_dst_hoplimit(): the route's device's hop_limit.
  const hop = in6DevGet(r.rt.dev)?.cnf.hop_limit ?? 64;
  const out = ip6BuildSkb({ src: saddr, dst: daddr, nexthdr: IPPROTO_TCP, hoplimit: hop }, tcp);
  out.mark = skb.mark;
  // nf_ct_attach(): RELATED to the rejected segment's connection, in the other direction;
  // nf_ct_set_closing(): which is over.
  const ct = skb.nfct as NfConn | undefined;
  if (ct) {
    out.nfct = ct;
    out.ctinfo = skb.ctinfo < IP_CT_IS_REPLY ? IP_CT_RELATED_REPLY : IP_CT_RELATED;
    if (ct.tuple[0].proto === IPPROTO_TCP) nfConntrackTcpSetClosing(ns, ct);
  }
  ip6Output(ns, out, r, true);
}
