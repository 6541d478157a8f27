// drivers/net/veth.c: a pair of ethernet devices, each delivering what it sends to the other.
// Carrier follows the pair: each end has carrier only while both are up.
import { NetDevice } from '../core/netdevice.js';
import { IFF_BROADCAST, IFF_MULTICAST } from '../core/if.js';
import { netifCarrier, netifRx, devOpen } from '../core/dev.js';
import { EEXIST, KernelError } from '../errno.js';
import { ethTypeTrans, BROADCAST_MAC } from '../core/eth.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';

export class Veth extends NetDevice {
  readonly kind = 'veth';
  peer: Veth | undefined;

  constructor(ns: Netns, name: string) {
    super(ns, name, IFF_BROADCAST | IFF_MULTICAST, ns.kernel.random.ethAddr(), BROADCAST_MAC.slice());
    this.addrAssignType = 1; // NET_ADDR_RANDOM
    this.minMtu = 68;
    this.maxMtu = 65535;
    this.numTxQueues = this.numRxQueues = ns.kernel.ncpus;
    // veth_newlink() turns carrier off on a device that starts with it on: one change.
    this.carrierChanges = 1;
  }

  override iflink(): number {
    return this.peer ? this.peer.ifindex : 0;
  }

  override linkNetns(): Netns | undefined {
    return this.peer && this.peer.netns !== this.netns ? this.peer.netns : undefined;
  }

  /** veth_open(): carrier comes on at both ends once both are up. */
  override open(): void {
    const peer = this.peer;
    if (peer && peer.isUp) {
      netifCarrier(this, true);
      netifCarrier(peer, true);
    }
  }

  /** veth_close() */
  override stop(): void {
    netifCarrier(this, false);
    if (this.peer) netifCarrier(this.peer, false);
  }

  /** veth_xmit(): the peer receives the frame as if from a wire. */
  xmit(skb: SkBuff): void {
    const peer = this.peer;
    const len = skb.len;
    if (!peer || !peer.isUp) {
      this.stats.tx_dropped++;
      return;
    }
    this.stats.tx_packets++;
    this.stats.tx_bytes += len;
    peer.stats.rx_packets++;
    peer.stats.rx_bytes += len;
    // skb_scrub_packet(): the route, the connection, the extensions (skb_ext_reset(): the
    // bridge netfilter info) and (across namespaces) the mark go.
    skb.mark = 0;
    skb.dst = undefined;
    skb.nfct = undefined;
    skb.ctinfo = 0;
    skb.nfTrace = false; // nf_reset_trace()
    skb.nfBridge = undefined;
    ethTypeTrans(skb, peer);
    netifRx(skb);
  }

  override uninit(): void {
    if (this.peer) this.peer.peer = undefined;
  }
}

import { rtnlLinkRegister, rtnlRegister } from '../core/rtnetlink.js';
import { unregisterNetdevice } from '../core/dev.js';

/** veth_newlink(): the peer is registered first, so it gets the lower ifindex. */
rtnlLinkRegister('veth', {
  newlink(ns, name, req) {
    const peerReq = req.peer ?? {};
    const peerNs = peerReq.netns ?? ns;
    const peerName = peerReq.name ?? 'veth%d';
    if (Buffer.byteLength(peerName) >= 16) throw new KernelError(22, 'Attribute failed policy validation');
    if (peerNs.devByName(peerName) || (peerNs === ns && peerName === name && !name.includes('%d'))) throw new KernelError(EEXIST);
    const peer = new Veth(peerNs, peerName);
    const dev = new Veth(ns, name);
    peer.peer = dev;
    dev.peer = peer;
    rtnlRegister(peer, peerReq);
    try {
      rtnlRegister(dev, req);
    } catch (e) {
      unregisterNetdevice(peer);
      throw e;
    }
    if (peerReq.flagsOn) devOpen(peer);
    return dev;
  },
  dellink(dev) {
    const v = dev as Veth;
    return v.peer ? [v, v.peer] : [v];
  },
});
