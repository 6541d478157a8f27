// drivers/net/loopback.c: every namespace's lo, ifindex 1, mtu 65536, frames looped
// straight back into the receive path.
import { NetDevice } from '../core/netdevice.js';
import { IFF_LOOPBACK, ARPHRD_LOOPBACK } from '../core/if.js';
import { registerNetdevice, netifRx } from '../core/dev.js';
import { ethTypeTrans } from '../core/eth.js';
import { registerPernet } from '../kernel.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';

export class Loopback extends NetDevice {
  readonly kind = '';
  override readonly netnsLocal = true;

  constructor(ns: Netns) {
    super(ns, 'lo', IFF_LOOPBACK, new Uint8Array(6), new Uint8Array(6));
    this.type = ARPHRD_LOOPBACK;
    this.mtu = 65536;
    this.minMtu = 0;
    this.maxMtu = 0; // no maximum (dev_validate_mtu() skips a zero max_mtu)
    this.operstateManaged = false;
    this.carrier = true;
    this.gsoMaxSegs = 65535;
    this.gsoMaxSize = 65536;
  }

  /** loopback_xmit(): counted after eth_type_trans(), so without the link header. */
  xmit(skb: SkBuff): void {
    ethTypeTrans(skb, this);
    const len = skb.len;
    this.stats.tx_packets++;
    this.stats.tx_bytes += len;
    this.stats.rx_packets++;
    this.stats.rx_bytes += len;
    netifRx(skb);
  }
}

/** loopback_net_init() */
registerPernet((ns) => {
  const lo = new Loopback(ns);
  ns.proto.loopback = lo;
  registerNetdevice(lo);
});
