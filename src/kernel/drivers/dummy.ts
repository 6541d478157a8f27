// drivers/net/dummy.c: swallows everything it is given.
import { NetDevice } from '../core/netdevice.js';
import { IFF_BROADCAST, IFF_NOARP } from '../core/if.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { BROADCAST_MAC } from '../core/eth.js';

export class Dummy extends NetDevice {
  readonly kind = 'dummy';

  constructor(ns: Netns, name: string) {
    super(ns, name, IFF_BROADCAST | IFF_NOARP, ns.kernel.random.ethAddr(), BROADCAST_MAC.slice());
    this.addrAssignType = 1; // NET_ADDR_RANDOM
    this.operstateManaged = false;
    this.carrier = true;
    this.minMtu = 0;
    this.maxMtu = 0;
  }

  xmit(skb: SkBuff): void {
    this.stats.tx_packets++;
    this.stats.tx_bytes += skb.len;
  }
}

import { rtnlLinkRegister, rtnlRegister } from '../core/rtnetlink.js';

rtnlLinkRegister('dummy', {
  newlink(ns, name, req) {
    const d = new Dummy(ns, name);
    rtnlRegister(d, req);
    return d;
  },
});
