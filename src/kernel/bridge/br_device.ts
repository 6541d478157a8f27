// net/bridge/br_device.c: the bridge as a network device — its setup (br_dev_setup), open and
// stop, MTU, and transmit (br_dev_xmit): frames the stack sends on the bridge are forwarded to
// the port the FDB knows for their destination, or flooded.
import { NetDevice } from '../core/netdevice.js';
import { IFF_BROADCAST, IFF_MULTICAST, IFF_UP, type OperState } from '../core/if.js';
import { BROADCAST_MAC, ETH_HLEN } from '../core/eth.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import {
  BrTimer, BR_NO_STP, BR_KERNEL_STP, BR_DEFAULT_AGEING_TIME, HZ, MDB_RTR_TYPE_TEMP_QUERY,
  jiffiesNow, type BridgeId, type FdbEntry, type NetBridgePort,
} from './br_private.js';
import { brFlood, brForward, BR_PKT_BROADCAST, BR_PKT_MULTICAST, BR_PKT_UNICAST } from './br_forward.js';
import { brFdbCleanup, brFdbFindRcu } from './br_fdb.js';
import { brStpEnableBridge, brStpDisableBridge } from './br_stp_if.js';
import { brHelloTimerExpired, brTcnTimerExpired, brTopologyChangeTimerExpired } from './br_stp.js';
import { brMulticastJoinSnoopers, brMulticastLeaveSnoopers } from './br_multicast.js';

/** nf_br_ops->br_dev_xmit_hook: br_netfilter takes back a frame it sent through the bridge
 *  device itself (a DNAT'ed frame whose new destination needed a neighbour lookup). */
let brDevXmitHook: ((skb: SkBuff) => boolean) | undefined;
export function brSetDevXmitHook(fn: ((skb: SkBuff) => boolean) | undefined): void {
  brDevXmitHook = fn;
}

/** struct net_bridge, which Linux keeps in the bridge device's private area. */
export class Bridge extends NetDevice {
  readonly kind = 'bridge';
  /** NETIF_F_NETNS_LOCAL: `ip link set br0 netns X` is refused ("The interface netns is
   *  immutable"). */
  override readonly netnsLocal = true;

  /** br->port_list: list_add_rcu() puts the newest port first. */
  ports: NetBridgePort[] = [];
  /** br->fdb_hash_tbl, keyed by "mac/vid". */
  readonly fdbTable = new Map<string, FdbEntry>();
  /** br->fdb_list: hlist_add_head_rcu() puts the newest entry first. */
  fdbList: FdbEntry[] = [];

  // Spanning tree (bridge_id starts as priority 0x8000 and a zero address)
  bridgeId: BridgeId = { prio: 0x8000, addr: new Uint8Array(6) };
  designatedRoot: BridgeId = { prio: 0x8000, addr: new Uint8Array(6) };
  rootPathCost = 0;
  rootPort = 0;
  maxAge = 20 * HZ;
  helloTime = 2 * HZ;
  forwardDelay = 15 * HZ;
  bridgeMaxAge = 20 * HZ;
  bridgeHelloTime = 2 * HZ;
  bridgeForwardDelay = 15 * HZ;
  ageingTime = BR_DEFAULT_AGEING_TIME;
  bridgeAgeingTime = BR_DEFAULT_AGEING_TIME;
  topologyChange = 0;
  topologyChangeDetected = 0;
  stpEnabled = BR_NO_STP;
  groupFwdMask = 0;
  groupFwdMaskRequired = 0;
  groupAddr = new Uint8Array([0x01, 0x80, 0xc2, 0x00, 0x00, 0x00]);
  groupAddrSet = false;

  // Options (br->options and the multicast context)
  mtuSetByUser = false;
  noLinklocalLearn = false;
  mcastVlanSnooping = false;
  mcastSnooping = true;
  mcastRouter = MDB_RTR_TYPE_TEMP_QUERY;
  mcastQueryUseIfaddr = false;
  mcastQuerier = 0;
  mcastStatsEnabled = false;
  hashMax = 4096;
  mcastLastMemberCount = 2;
  mcastStartupQueryCount = 2;
  /** Multicast intervals in jiffies. */
  mcastLastMemberInterval = HZ;
  mcastMembershipInterval = 260 * HZ;
  mcastQuerierInterval = 255 * HZ;
  mcastQueryInterval = 125 * HZ;
  mcastQueryResponseInterval = 10 * HZ;
  mcastStartupQueryInterval = Math.floor((125 * HZ) / 4);
  mcastIgmpVersion = 2;
  mcastMldVersion = 1;
  nfCallIptables = false;
  nfCallIp6tables = false;
  nfCallArptables = false;
  /** The snooper groups (224.0.0.106, ff02::6a) are joined while the bridge is up. */
  snoopersJoined = false;
  /** The address the bridge last set on itself, to tell what a user's change replaced. */
  ownAddr: Uint8Array;

  readonly helloTimer: BrTimer;
  readonly tcnTimer: BrTimer;
  readonly topologyChangeTimer: BrTimer;
  /** br->gc_work: the FDB ageing sweep (br_fdb_cleanup). */
  readonly gcWork: BrTimer;

  /** br_dev_setup() */
  constructor(ns: Netns, name: string) {
    super(ns, name, IFF_BROADCAST | IFF_MULTICAST, ns.kernel.random.ethAddr(), BROADCAST_MAC.slice());
    this.addrAssignType = 1; // eth_hw_addr_random(): NET_ADDR_RANDOM
    this.minMtu = 68;
    this.maxMtu = 65535;
    this.noQueue = true;
    // alloc_netdev() leaves the carrier on, and br_dev_setup() does not turn it off: a
    // bridge has carrier until br_port_state_selection() first runs (its first port).
    this.carrier = true;
    // A bridge without ports keeps the legacy TSO limit until br_set_gso_limits() runs.
    this.tsoMaxSize = 65536;
    this.ownAddr = this.addr.slice();
    const clock = ns.kernel.clock;
    this.helloTimer = new BrTimer(clock, () => brHelloTimerExpired(this));
    this.tcnTimer = new BrTimer(clock, () => brTcnTimerExpired(this));
    this.topologyChangeTimer = new BrTimer(clock, () => brTopologyChangeTimerExpired(this));
    this.gcWork = new BrTimer(clock, () => brFdbCleanup(this));
  }

  get jiffies(): number {
    return jiffiesNow(this.netns.kernel.clock);
  }

  /** hold_time(): how long a learned entry lives (forward_delay during a topology change). */
  holdTime(): number {
    return this.topologyChange ? this.forwardDelay : this.ageingTime;
  }

  /** dev->operstate: only linkwatch computes it (on a carrier change), so a bridge whose
   *  carrier never changed keeps the IF_OPER_UNKNOWN it was allocated with. */
  override get operstate(): OperState {
    if (this.isUp && this.carrierChanges === 0 && this.carrier) return 'UNKNOWN';
    return super.operstate;
  }

  /** br_dev_open(). ndo_open runs before __dev_open() sets IFF_UP, which decides whether the
   *  groups joined here are reported at once (IPv6 waits for NETDEV_UP's ipv6_mc_up()). */
  override open(): void {
    brStpEnableBridge(this);
    if (this.mcastSnooping) {
      const up = this.flags & IFF_UP;
      this.flags &= ~IFF_UP;
      try {
        brMulticastJoinSnoopers(this);
      } finally {
        this.flags |= up;
      }
    }
  }

  /** br_dev_stop() */
  override stop(): void {
    brStpDisableBridge(this);
    if (this.mcastSnooping) brMulticastLeaveSnoopers(this);
  }

  /** br_change_mtu(): a hand-set MTU stops the bridge following its ports. */
  override changeMtu(_mtu: number): number {
    this.mtuSetByUser = true;
    return 0;
  }

  /** br_dev_xmit(). Without carrier linkwatch has swapped in the noop qdisc
   *  (dev_deactivate()), whose noop_enqueue() drops and counts every frame. */
  xmit(skb: SkBuff): void {
    if (brDevXmitHook?.(skb)) return;
    if (!this.carrier) {
      this.stats.tx_dropped++;
      return;
    }
    if (skb.len < ETH_HLEN) return;
    this.stats.tx_packets++;
    this.stats.tx_bytes += skb.len;
    skb.macOffset = skb.off;
    const b = skb.buf;
    const o = skb.off;
    skb.pull(ETH_HLEN);
    const ctx = { brdev: this as Bridge, proxyarpReplied: false, srcPortIsolated: false };
    if (b[o] === 0xff && b[o + 1] === 0xff && b[o + 2] === 0xff && b[o + 3] === 0xff && b[o + 4] === 0xff && b[o + 5] === 0xff) {
      brFlood(this, skb, BR_PKT_BROADCAST, false, true, ctx);
    } else if (b[o]! & 1) {
      // Multicast snooping floods while no querier exists, which netsim never elects.
      brFlood(this, skb, BR_PKT_MULTICAST, false, true, ctx);
    } else {
      const dst = brFdbFindRcu(this, b.subarray(o, o + 6), 0);
      if (dst) brForward(dst.dst, skb, false, true, ctx);
      else brFlood(this, skb, BR_PKT_UNICAST, false, true, ctx);
    }
  }

  /** Kernel STP in use (br->stp_enabled == BR_KERNEL_STP). */
  get kernelStp(): boolean {
    return this.stpEnabled === BR_KERNEL_STP;
  }
}
