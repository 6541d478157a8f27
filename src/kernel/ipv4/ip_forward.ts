// net/ipv4/ip_forward.c: forwarding a received datagram (the input route said DstInput
// Forward, which it only does when the receiving device has forwarding enabled): TTL check
// and decrement with the incremental checksum update, the DF/MTU check, ICMP redirects
// (ip_rt_send_redirect() of route.c), the FORWARD hook and ip_output().
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST } from '../core/skbuff.js';
import { kfreeSkbReason, tracing } from '../core/neighbour.js';
import { inDev } from './devinet.js';
import { ipMib, ipOutput, readAddr } from './ip_output.js';
import { rtMtu, type Rtable } from './route.js';
import { nfHook4, NF_INET_FORWARD } from './ip_input.js';
import { icmpSend, inetPeer } from './icmp.js';
import {
  ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_REDIRECT, ICMP_REDIR_HOST,
} from '../../wire/icmp.js';

/** ip_forward() */
export function ipForward(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const mib = ipMib(ns);
  if (skb.pktType !== PACKET_HOST) {
    kfreeSkbReason(ns, skb, 'NOT_SPECIFIED');
    return 1;
  }
  const b = skb.buf;
  const o = skb.off;
  if (b[o + 8]! <= 1) {
    // too_many_hops: tell the sender its packet died.
    mib.InHdrErrors++;
    icmpSend(ns, skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
    kfreeSkbReason(ns, skb, 'IP_INHDR');
    return 1;
  }
  // Counted before the MTU check (a DF datagram too big to forward counts too, as the
  // recorded kernel shows).
  mib.ForwDatagrams++;
  const mtu = rtMtu(rt);
  if (skb.len > mtu && b[o + 6]! & 0x40) {
    mib.FragFails++;
    icmpSend(ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    kfreeSkbReason(ns, skb, 'PKT_TOO_BIG');
    return 1;
  }
  // ip_decrease_ttl(): TTL - 1 and the RFC 1624 checksum update.
  let check = ((b[o + 10]! << 8) | b[o + 11]!) + 0x0100;
  check = (check + (check >= 0xffff ? 1 : 0)) & 0xffff;
  b[o + 10] = check >> 8;
  b[o + 11] = check & 0xff;
  b[o + 8] = b[o + 8]! - 1;
  if (rt.doRedirect) ipRtSendRedirect(ns, skb, rt);
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip_forward', ns, dev: skb.dev, skb, out: rt.dev.name }); }
  if (!nfHook4(ns, NF_INET_FORWARD, skb, skb.dev, rt.dev)) return 1;
  // ip_forward_finish()
  ipOutput(ns, skb, rt);
  return 0;
}

/** ip_rt_send_redirect(): ICMP host redirect with the exponential backoff Linux applies per
 *  source (ip_rt_redirect_number 9, ip_rt_redirect_load HZ/50, silence HZ/50 << 10). */
function ipRtSendRedirect(ns: Netns, skb: SkBuff, rt: Rtable): void {
  const dev = skb.dev;
  if (!dev || !inDev(dev)) return;
  const saddr = readAddr(skb.buf, skb.off + 12);
  const peer = inetPeer(ns, saddr) as ReturnType<typeof inetPeer> & { redirectLast?: number };
  const now = ns.kernel.clock.now();
  const load = 20;
  const silence = load << 10;
  if (peer.redirectLast !== undefined && now > peer.redirectLast + silence) peer.nRedirects = 0;
  if (peer.nRedirects >= 9) {
    peer.redirectLast = now;
    return;
  }
  if (peer.nRedirects === 0 || now > (peer.redirectLast ?? 0) + (load << peer.nRedirects)) {
    const gw = rt.gw || readAddr(skb.buf, skb.off + 16);
    icmpSend(ns, skb, ICMP_REDIRECT, ICMP_REDIR_HOST, gw);
    peer.redirectLast = now;
    peer.nRedirects++;
  }
}
