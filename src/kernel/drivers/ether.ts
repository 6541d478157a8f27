// An ethernet NIC of an emulated machine, and the cable between two of them. Machines are
// separate Kernels (sharing one clock); a NIC has a permanent MAC, a real qdisc, and carrier
// only while the cable is plugged in and both ends are up, like a physical link.
import { NetDevice } from '../core/netdevice.js';
import { IFF_BROADCAST, IFF_MULTICAST } from '../core/if.js';
import { netifCarrier, netifRx, registerNetdevice } from '../core/dev.js';
import { ethTypeTrans, BROADCAST_MAC } from '../core/eth.js';
import type { Kernel } from '../kernel.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';

export class EtherNic extends NetDevice {
  readonly kind = '';
  /** The NIC at the other end of the cable. */
  cable: EtherNic | undefined;

  constructor(ns: Netns, name: string, mac: Uint8Array) {
    super(ns, name, IFF_BROADCAST | IFF_MULTICAST, mac.slice(), BROADCAST_MAC.slice());
    this.permAddr = mac.slice();
    this.addrAssignType = 0; // NET_ADDR_PERM
    this.noQueue = false;
    this.minMtu = 68;
    this.maxMtu = 9000;
    this.numTxQueues = this.numRxQueues = ns.kernel.ncpus;
  }

  override open(): void {
    const other = this.cable;
    if (other && other.isUp) {
      netifCarrier(this, true);
      netifCarrier(other, true);
    }
  }

  override stop(): void {
    netifCarrier(this, false);
    if (this.cable) netifCarrier(this.cable, false);
  }

  /** The frame crosses the wire and arrives at the other machine's NIC. */
  xmit(skb: SkBuff): void {
    const other = this.cable;
    const len = skb.len;
    if (!other || !this.carrier) {
      this.stats.tx_carrier_errors++;
      this.stats.tx_errors++;
      return;
    }
    this.stats.tx_packets++;
    this.stats.tx_bytes += len;
    other.stats.rx_packets++;
    other.stats.rx_bytes += len;
    // skb_scrub_packet(): the route, the connection and (across namespaces) the mark go.
    skb.mark = 0;
    skb.dst = undefined;
    skb.nfct = undefined;
    skb.ctinfo = 0;
    skb.nfTrace = false; // nf_reset_trace()
    ethTypeTrans(skb, other);
    netifRx(skb);
  }

  override uninit(): void {
    if (this.cable) unplug(this);
  }
}

/** A NIC in a machine's initial namespace, with a locally administered MAC from its seed. */
export function addNic(kernel: Kernel, name: string, mac?: Uint8Array): EtherNic {
  const nic = new EtherNic(kernel.initNet, name, mac ?? kernel.random.ethAddr());
  registerNetdevice(nic);
  return nic;
}

/** Plugs a cable between two NICs; carrier comes when both are up. */
export function plug(a: EtherNic, b: EtherNic): void {
  if (a.cable) unplug(a);
  if (b.cable) unplug(b);
  a.cable = b;
  b.cable = a;
  if (a.isUp && b.isUp) {
    netifCarrier(a, true);
    netifCarrier(b, true);
  }
}

export function unplug(a: EtherNic): void {
  const b = a.cable;
  a.cable = undefined;
  netifCarrier(a, false);
  if (b) {
    b.cable = undefined;
    netifCarrier(b, false);
  }
}
