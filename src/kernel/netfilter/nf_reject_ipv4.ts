// net/ipv4/netfilter/nf_reject_ipv4.c: nf_send_reset(), the TCP RST that REJECT --reject-with
// tcp-reset answers a segment with, in the name of the segment's destination. It is built
// from the rejected segment alone, routed back to its source and sent through LOCAL_OUT,
// attached to the segment's connection (nf_ct_attach()), which it closes.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { ipAllocSkb, ipLocalOut, isRtable } from '../ipv4/ip_output.js';
import { ipRouteOutput, rtMtu, type Rtable } from '../ipv4/route.js';
import { RTCF_BROADCAST, RTCF_MULTICAST, RTAX_HOPLIMIT } from '../ipv4/route_types.js';
import { sysctlInt } from '../sysctl.js';
import { tracing } from '../core/neighbour.js';
import { IPPROTO_TCP, IP_OFFSET, IPV4_HLEN, emitIpv4Header } from '../../wire/ipv4.js';
import { TcpPacket, TCP_HLEN, TCPHDR_RST, emitTcp, tcpResetFor } from '../../wire/tcp.js';
import { get16, get32 } from '../../wire/bytes.js';
import { ipHdrOff } from './x_tables.js';
import { ipRouteMeHarder } from './nf_reroute.js';
import { IP_CT_IS_REPLY, IP_CT_RELATED, IP_CT_RELATED_REPLY, type NfConn } from './nf_conntrack.js';
import { nfConntrackTcpSetClosing } from './nf_conntrack_proto_tcp.js';

/** nf_reject_ip_tcphdr_get(): the offset of the TCP header a RST may answer, or -1: not for a
 *  fragment past the first, nor for anything but TCP, a header cut short, a RST, or a segment
 *  whose checksum is wrong. */
function tcphdrGet(b: Uint8Array, nh: number): number {
  if (get16(b, nh + 6) & IP_OFFSET || b[nh + 9] !== IPPROTO_TCP) return -1;
  const ihl = (b[nh]! & 0x0f) * 4;
  const len = get16(b, nh + 2) - ihl;
  const th = nh + ihl;
  if (len < TCP_HLEN || th + len > b.length) return -1;
  if (b[th + 13]! & TCPHDR_RST) return -1;
  if (!new TcpPacket(b, th, len).verifyChecksum4(get32(b, nh + 12), get32(b, nh + 16))) return -1;
  return th;
}

/** ip4_dst_hoplimit(): the route's hoplimit metric, else net.ipv4.ip_default_ttl. */
function dstHoplimit(ns: Netns, rt: Rtable): number {
  return rt.fi?.metrics[RTAX_HOPLIMIT] || sysctlInt(ns, 'net.ipv4.ip_default_ttl');
}

/** nf_send_reset(): answers the TCP segment in `oldskb` (seen at `hook`) with a RST. */
export function nfSendReset(ns: Netns, oldskb: SkBuff, hook: number): void {
  const b = oldskb.buf;
  const nh = ipHdrOff(oldskb, hook);
  const th = tcphdrGet(b, nh);
  if (th < 0) return;
  const saddr = get32(b, nh + 12), daddr = get32(b, nh + 16);
  // nf_reject_fill_skb_dst(): a packet not routed yet gets the route back to its source.
  let dst = isRtable(oldskb.dst) ? oldskb.dst : undefined;
  if (!dst) {
    const rt = ipRouteOutput(ns, { dst: saddr });
    if (typeof rt === 'number') return;
    dst = rt;
  }
  if (dst.flags & (RTCF_BROADCAST | RTCF_MULTICAST)) return;
  // nf_reject_iphdr_put(): TOS 0, id 0, DF, and the TTL of the rejected packet's route.
  const nskb = ipAllocSkb(TCP_HLEN);
  const o = nskb.off;
  emitIpv4Header({
    src: daddr, dst: saddr, protocol: IPPROTO_TCP, ttl: dstHoplimit(ns, dst), dontFragment: true,
  }, TCP_HLEN, nskb.buf, o);
  // nf_reject_ip_tcphdr_put()
  emitTcp(tcpResetFor(b, th, get16(b, nh + 2) - (th - nh)),
    nskb.buf.subarray(o + IPV4_HLEN, o + IPV4_HLEN + TCP_HLEN), { src: daddr, dst: saddr });
  nskb.dst = dst;
  // IP4_REPLY_MARK(): the rejected packet's mark only with net.ipv4.fwmark_reflect.
  nskb.mark = sysctlInt(ns, 'net.ipv4.fwmark_reflect') ? oldskb.mark : 0;
  if (!ipRouteMeHarder(ns, nskb)) return;
  if (nskb.len > rtMtu(nskb.dst as Rtable)) return;
  // nf_ct_attach(): RELATED to the rejected segment's connection, in the other direction;
  // nf_ct_set_closing(): which is over.
  const ct = oldskb.nfct as NfConn | undefined;
  if (ct) {
    nskb.nfct = ct;
    nskb.ctinfo = oldskb.ctinfo < IP_CT_IS_REPLY ? IP_CT_RELATED_REPLY : IP_CT_RELATED;
    if (ct.tuple[0].proto === IPPROTO_TCP) nfConntrackTcpSetClosing(ns, ct);
  }
  { const tr = tracing(ns); if (tr) tr({ fn: 'nf_send_reset', ns, skb: oldskb, sent: nskb.traceId, saddr: daddr, daddr: saddr }); }
  ipLocalOut(ns, nskb);
}
