// net/ipv4/tcp_ipv4.c, the receive side without sockets: tcp_v4_rcv() for a segment no socket
// takes answers it with tcp_v4_send_reset() and drops it as SKB_DROP_REASON_NO_SOCKET.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST } from '../core/skbuff.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { IPPROTO_TCP } from '../../wire/ipv4.js';
import { TcpPacket, TCPHDR_RST, TCP_HLEN, emitTcp, tcpResetFor } from '../../wire/tcp.js';
import { inetAddProtocol } from './ip_input.js';
import { ipAllocSkb, ipSendSkb, isRtable, readAddr } from './ip_output.js';
import { ipRouteOutput } from './route.js';
import { RTN_LOCAL } from './route_types.js';

/** tcp_v4_send_reset() without a socket: only for segments routed to a local address; the
 *  RST acknowledges what the segment occupied unless the segment carried an ACK. Sent by the
 *  namespace's control socket (IP_PMTUDISC_DO, default TTL, the segment's TOS). */
export function tcpV4SendReset(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, th = skb.off, nh = skb.networkOffset;
  const flags = b[th + 13]!;
  if (flags & TCPHDR_RST) return;
  if (!isRtable(skb.dst) || skb.dst.type !== RTN_LOCAL) return;
  const saddr = readAddr(b, nh + 16), daddr = readAddr(b, nh + 12);
  const reset = tcpResetFor(b, th, skb.len);
  const tos = b[nh + 1]!;
  const rt = ipRouteOutput(ns, { dst: daddr, src: saddr, tos: tos & 0x1c, proto: IPPROTO_TCP, sport: reset.srcPort, dport: reset.dstPort, mark: skb.mark, anySrc: true });
  if (typeof rt === 'number') return;
  const rst = ipAllocSkb(TCP_HLEN);
  emitTcp(reset, rst.buf.subarray(rst.off + 20, rst.off + 20 + TCP_HLEN), { src: saddr, dst: daddr });
  ipSendSkb(ns, rt, rst, { saddr, daddr, proto: IPPROTO_TCP, tos, pmtudisc: 2 });
}

/** tcp_v4_rcv() with no socket to find. */
function tcpV4Rcv(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, th = skb.off, nh = skb.networkOffset;
  if (skb.pktType !== PACKET_HOST) return kfreeSkbReason(ns, skb, 'OTHERHOST');
  if (skb.len < TCP_HLEN) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  const doff = (b[th + 12]! >> 4) * 4;
  if (doff < TCP_HLEN) return kfreeSkbReason(ns, skb, 'TCP_INVALID_HDR');
  if (doff > skb.len) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  if (!new TcpPacket(b, th, skb.len).verifyChecksum4(readAddr(b, nh + 12), readAddr(b, nh + 16))) return kfreeSkbReason(ns, skb, 'TCP_CSUM');
  tcpV4SendReset(ns, skb);
  kfreeSkbReason(ns, skb, 'NO_SOCKET');
}

inetAddProtocol(IPPROTO_TCP, { handler: tcpV4Rcv });
