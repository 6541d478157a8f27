// net/ipv4/udp.c, the receive side without sockets: __udp4_lib_rcv() for a datagram no socket
// takes. Unicast gets ICMP port unreachable and is dropped as SKB_DROP_REASON_NO_SOCKET;
// broadcast and multicast are consumed silently (__udp4_lib_mcast_deliver()).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { IPPROTO_UDP } from '../../wire/ipv4.js';
import { internetChecksum, pseudoHeaderSum4 } from '../../wire/checksum.js';
import { inetAddProtocol, rtIsBroadcast } from './ip_input.js';
import { isRtable, readAddr } from './ip_output.js';
import { icmpSend } from './icmp.js';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH } from '../../wire/icmp.js';

/** udp4_csum_init() + udp_lib_checksum_complete(): a zero checksum means none was sent. */
function udpChecksumOk(skb: SkBuff, ulen: number): boolean {
  const b = skb.buf, th = skb.off, nh = skb.networkOffset;
  if (((b[th + 6]! << 8) | b[th + 7]!) === 0) return true;
  const sum = pseudoHeaderSum4(readAddr(b, nh + 12), readAddr(b, nh + 16), IPPROTO_UDP, ulen);
  return internetChecksum(b, th, ulen, sum) === 0;
}

/** __udp4_lib_rcv() */
function udpRcv(ns: Netns, skb: SkBuff): void {
  const b = skb.buf, th = skb.off;
  if (skb.len < 8) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  const ulen = (b[th + 4]! << 8) | b[th + 5]!;
  if (ulen < 8 || ulen > skb.len) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
  if (isRtable(skb.dst) && rtIsBroadcast(skb.dst)) return;
  if (!udpChecksumOk(skb, ulen)) return kfreeSkbReason(ns, skb, 'UDP_CSUM');
  icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
  kfreeSkbReason(ns, skb, 'NO_SOCKET');
}

inetAddProtocol(IPPROTO_UDP, { handler: udpRcv });
