// net/ipv4/udp.c, the receive side without sockets: __udp4_lib_rcv() for a datagram no socket
// takes. Unicast gets ICMP port unreachable and is dropped as SKB_DROP_REASON_NO_SOCKET;
// broadcast and multicast are consumed silently (__udp4_lib_mcast_deliver()).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { IPPROTO_UDP } from '../../wire/ipv4.js';
import { UdpPacket } from '../../wire/udp.js';
import { inetAddProtocol, rtIsBroadcast } from './ip_input.js';
import { isRtable, readAddr } from './ip_output.js';
import { icmpSend } from './icmp.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH } from '../../wire/icmp.js';

/** __udp4_lib_rcv() */
function udpRcv(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, nh = skb.networkOffset;
  const udp = new UdpPacket(b, skb.off);
  // A header and a length field that fit what arrived.
  if (!udp.isValid) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  if (isRtable(skb.dst) && rtIsBroadcast(skb.dst)) return;
  // udp4_csum_init() + udp_lib_checksum_complete(): a zero checksum means none was sent.
  if (!udp.verifyChecksum4(readAddr(b, nh + 12), readAddr(b, nh + 16))) return kfreeSkbReason(ns, skb, 'UDP_CSUM');
  icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
  kfreeSkbReason(ns, skb, 'NO_SOCKET');
}

inetAddProtocol(IPPROTO_UDP, { handler: udpRcv });
