// struct net_device: identity, flags, link state and counters of one interface.
// Drivers (kernel/drivers, kernel/bridge) subclass it and implement xmit().
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from './skbuff.js';
import {
  IFF_UP, IFF_RUNNING, IFF_LOWER_UP, IFF_PROMISC, IFF_ALLMULTI, IFF_DORMANT, ARPHRD_ETHER,
  type OperState,
} from './if.js';

/** struct rtnl_link_stats64, the subset iproute2 and ifconfig print. */
export class LinkStats {
  rx_packets = 0; tx_packets = 0; rx_bytes = 0; tx_bytes = 0;
  rx_errors = 0; tx_errors = 0; rx_dropped = 0; tx_dropped = 0;
  multicast = 0; collisions = 0;
  rx_length_errors = 0; rx_over_errors = 0; rx_crc_errors = 0; rx_frame_errors = 0;
  rx_fifo_errors = 0; rx_missed_errors = 0;
  tx_aborted_errors = 0; tx_carrier_errors = 0; tx_fifo_errors = 0;
  tx_heartbeat_errors = 0; tx_window_errors = 0;
  rx_compressed = 0; tx_compressed = 0; rx_nohandler = 0;
}

export abstract class NetDevice {
  /** rtnl_link_ops->kind ("veth", "bridge", ...); '' for devices without one (lo, NICs). */
  abstract readonly kind: string;
  netns: Netns;
  ifindex = 0;
  name: string;
  /** dev->flags as userspace set them (IFF_UP, IFF_NOARP, ...); see getFlags(). */
  flags: number;
  type = ARPHRD_ETHER;
  mtu = 1500;
  minMtu = 68;
  maxMtu = 65535;
  addr: Uint8Array;
  broadcast: Uint8Array;
  /** NET_ADDR_PERM (0) / NET_ADDR_RANDOM (1) / NET_ADDR_STOLEN (2) / NET_ADDR_SET (3). */
  addrAssignType = 0;
  permAddr: Uint8Array | undefined;
  txQueueLen = 1000;
  group = 0;
  alias = '';
  carrier = false;
  /** Devices that never report carrier changes show operstate UNKNOWN while up. */
  operstateManaged = true;
  dormant = false;
  /** Qdisc shown by `ip link`: "noop" until the device first comes up. */
  qdisc = 'noop';
  /** IFF_NO_QUEUE devices get "noqueue" when they come up. */
  noQueue = true;
  promiscCount = 0;
  allmultiCount = 0;
  master: NetDevice | undefined;
  /** Devices this one is stacked on (dev->iflink's target), e.g. a VLAN's real device. */
  lower: NetDevice | undefined;
  stats = new LinkStats();
  /** Bumped by any change userspace could observe; used by caches. */
  gen = 0;
  /** Protocol state hung off the device (in_device, inet6_dev, bridge port). */
  ip4: unknown;
  ip6: unknown;
  brport: unknown;
  /** rx_handler: the bridge installs one on its ports. Returns true when it consumed the skb. */
  rxHandler: ((skb: SkBuff) => boolean) | undefined;
  /** Seconds (world clock) of the last linkwatch change, for carrier_changes. */
  carrierChanges = 0;
  gsoMaxSize = 65536;
  gsoMaxSegs = 65535;
  tsoMaxSize = 524280;
  tsoMaxSegs = 65535;
  groMaxSize = 65536;
  numTxQueues = 1;
  numRxQueues = 1;

  constructor(netns: Netns, name: string, flags: number, addr: Uint8Array, broadcast: Uint8Array) {
    this.netns = netns;
    this.name = name;
    this.flags = flags;
    this.addr = addr;
    this.broadcast = broadcast;
  }

  get isUp(): boolean {
    return (this.flags & IFF_UP) !== 0;
  }

  /** dev_get_flags(): the flags userspace sees, with RUNNING/LOWER_UP derived from state. */
  getFlags(): number {
    let f = this.flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT);
    f |= this.flags & (IFF_PROMISC | IFF_ALLMULTI);
    if (this.isUp) {
      const op = this.operstate;
      if (op === 'UP' || op === 'UNKNOWN') f |= IFF_RUNNING;
      if (this.carrier) f |= IFF_LOWER_UP;
      if (this.dormant) f |= IFF_DORMANT;
    }
    return f;
  }

  /** rfc2863_policy()/default_operstate() */
  get operstate(): OperState {
    if (!this.isUp) return 'DOWN';
    if (!this.operstateManaged) return 'UNKNOWN';
    if (!this.carrier) return this.iflink() !== this.ifindex && this.iflink() !== 0 ? 'LOWERLAYERDOWN' : 'DOWN';
    if (this.dormant) return 'DORMANT';
    return 'UP';
  }

  /** dev_get_iflink(): the ifindex of the device this one is linked to (veth peer, VLAN lower). */
  iflink(): number {
    return this.lower ? this.lower.ifindex : this.ifindex;
  }

  /** The namespace of the iflink device when it differs from ours (for link-netnsid). */
  linkNetns(): Netns | undefined {
    return this.lower && this.lower.netns !== this.netns ? this.lower.netns : undefined;
  }

  /** ndo_open(); the core has set IFF_UP already. */
  open(): void {}
  /** ndo_stop(); IFF_UP is already clear. */
  stop(): void {}
  /** ndo_start_xmit(): skb.data starts at the link-layer header. */
  abstract xmit(skb: SkBuff): void;
  /** ndo_change_mtu() check beyond min/max; returns an errno or 0. */
  changeMtu(_mtu: number): number {
    return 0;
  }
  /** Devices that cannot change namespace (NETIF_F_NETNS_LOCAL), e.g. bridges. */
  netnsLocal = false;
  /** ndo_set_mac_address() validation: an errno to refuse the address, or 0. Ethernet
   *  devices take only a valid unicast address (eth_prepare_mac_addr_change()). */
  setMacAddress(addr: Uint8Array): number {
    if (this.type !== ARPHRD_ETHER) return 0;
    const zero = addr.every((b) => b === 0);
    return zero || (addr[0]! & 1) !== 0 ? 99 /* EADDRNOTAVAIL */ : 0;
  }
  /** Called when the device is being unregistered. */
  uninit(): void {}
}
