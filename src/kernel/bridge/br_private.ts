// net/bridge/br_private.h: the bridge's constants, its port and FDB entry structures, and
// the jiffies arithmetic the bridge uses (the oracle kernel runs at HZ=250, USER_HZ=100).
import type { NetDevice } from '../core/netdevice.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Bridge } from './br_device.js';

// --- time: jiffies at HZ=250, clock_t at USER_HZ=100 -------------------------------------
export const HZ = 250;
const MS_PER_JIFFY = 1000 / HZ;

/** jiffies now, from the world clock. */
export function jiffiesNow(clock: Clock): number {
  return Math.floor(clock.now() / MS_PER_JIFFY);
}

/** clock_t_to_jiffies() */
export function clockToJiffies(x: number): number {
  return Math.floor((x * HZ) / 100);
}

/** jiffies_to_clock_t() */
export function jiffiesToClock(j: number): number {
  return Math.floor((j * MS_PER_JIFFY) / 10);
}

/** A kernel timer (struct timer_list / delayed_work) on the world clock, in jiffies. */
export class BrTimer {
  private handle: TimerHandle | undefined;
  /** Absolute expiry in jiffies while pending. */
  expires = 0;

  constructor(private readonly clock: Clock, private readonly fn: () => void) {}

  get pending(): boolean {
    return this.handle !== undefined;
  }

  /** mod_timer(): (re)arms to fire at `expires` (absolute jiffies). */
  mod(expires: number): void {
    this.del();
    this.expires = expires;
    const delayMs = Math.max(0, expires * MS_PER_JIFFY - this.clock.now());
    const h = this.clock.setTimeout(delayMs, () => {
      if (this.handle !== h) return;
      this.handle = undefined;
      this.fn();
    });
    this.handle = h;
  }

  /** mod_timer(t, jiffies + delta) */
  modIn(delta: number): void {
    this.mod(jiffiesNow(this.clock) + delta);
  }

  /** del_timer() */
  del(): void {
    if (this.handle) {
      this.handle.cancel();
      this.handle = undefined;
    }
  }

  /** br_timer_value(): clock_t left before it fires, 0 when idle. */
  value(): number {
    if (!this.pending) return 0;
    const left = this.expires - jiffiesNow(this.clock);
    return left > 0 ? jiffiesToClock(left) : 0;
  }
}

// --- <linux/if_bridge.h> -------------------------------------------------------------------
export const BR_STATE_DISABLED = 0, BR_STATE_LISTENING = 1, BR_STATE_LEARNING = 2,
  BR_STATE_FORWARDING = 3, BR_STATE_BLOCKING = 4;

export const BR_NO_STP = 0, BR_KERNEL_STP = 1, BR_USER_STP = 2;

/** MDB_RTR_TYPE_* */
export const MDB_RTR_TYPE_DISABLED = 0, MDB_RTR_TYPE_TEMP_QUERY = 1, MDB_RTR_TYPE_PERM = 2,
  MDB_RTR_TYPE_TEMP = 3;

// Port flags (p->flags)
export const BR_HAIRPIN_MODE = 1 << 0, BR_BPDU_GUARD = 1 << 1, BR_ROOT_BLOCK = 1 << 2,
  BR_MULTICAST_FAST_LEAVE = 1 << 3, BR_ADMIN_COST = 1 << 4, BR_LEARNING = 1 << 5,
  BR_FLOOD = 1 << 6, BR_PROMISC = 1 << 7, BR_PROXYARP = 1 << 8, BR_LEARNING_SYNC = 1 << 9,
  BR_PROXYARP_WIFI = 1 << 10, BR_MCAST_FLOOD = 1 << 11, BR_MULTICAST_TO_UNICAST = 1 << 12,
  BR_VLAN_TUNNEL = 1 << 13, BR_BCAST_FLOOD = 1 << 14, BR_NEIGH_SUPPRESS = 1 << 15,
  BR_ISOLATED = 1 << 16, BR_MRP_AWARE = 1 << 17, BR_MRP_LOST_CONT = 1 << 18,
  BR_MRP_LOST_IN_CONT = 1 << 19, BR_TX_FWD_OFFLOAD = 1 << 20, BR_PORT_LOCKED = 1 << 21;
export const BR_AUTO_MASK = BR_FLOOD | BR_LEARNING;

// FDB entry flags (fdb->flags bit numbers as masks)
export const BR_FDB_LOCAL = 1 << 0, BR_FDB_STATIC = 1 << 1, BR_FDB_STICKY = 1 << 2,
  BR_FDB_ADDED_BY_USER = 1 << 3, BR_FDB_ADDED_BY_EXT_LEARN = 1 << 4, BR_FDB_OFFLOADED = 1 << 5,
  BR_FDB_NOTIFY = 1 << 6, BR_FDB_NOTIFY_INACTIVE = 1 << 7, BR_FDB_LOCKED = 1 << 8;

// <linux/neighbour.h>
export const NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04, NUD_DELAY = 0x08,
  NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80;
export const NTF_USE = 0x01, NTF_SELF = 0x02, NTF_MASTER = 0x04, NTF_PROXY = 0x08,
  NTF_EXT_LEARNED = 0x10, NTF_OFFLOADED = 0x20, NTF_STICKY = 0x40, NTF_ROUTER = 0x80;

// Group forwarding masks
export const BR_GROUPFWD_STP = 1 << 0, BR_GROUPFWD_MACPAUSE = 1 << 1, BR_GROUPFWD_LACP = 1 << 2;
export const BR_GROUPFWD_RESTRICTED = BR_GROUPFWD_STP | BR_GROUPFWD_MACPAUSE | BR_GROUPFWD_LACP;

export const BR_PORT_BITS = 10;
export const BR_MAX_PORTS = 1 << BR_PORT_BITS;
export const BR_MAX_PORT_PRIORITY = 0xffff >> BR_PORT_BITS;
export const BR_HOLD_TIME = 1 * HZ;
export const BR_DEFAULT_AGEING_TIME = 300 * HZ;
export const BR_MIN_HELLO_TIME = 1 * HZ, BR_MAX_HELLO_TIME = 10 * HZ;
export const BR_MIN_FORWARD_DELAY = 2 * HZ, BR_MAX_FORWARD_DELAY = 30 * HZ;
export const BR_MIN_MAX_AGE = 6 * HZ, BR_MAX_MAX_AGE = 40 * HZ;
export const BR_MIN_PATH_COST = 1, BR_MAX_PATH_COST = 65535;

/** struct bridge_id: 16-bit priority and a MAC address. */
export interface BridgeId {
  prio: number;
  addr: Uint8Array;
}

export function bridgeIdCopy(id: BridgeId): BridgeId {
  return { prio: id.prio, addr: id.addr.slice() };
}

/** memcmp() of two struct bridge_id (8 bytes, big-endian priority first). */
export function bridgeIdCmp(a: BridgeId, b: BridgeId): number {
  if (a.prio !== b.prio) return a.prio < b.prio ? -1 : 1;
  return macCmp(a.addr, b.addr);
}

export function macCmp(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

export function macEq(a: Uint8Array, b: Uint8Array): boolean {
  return macCmp(a, b) === 0;
}

/** is_valid_ether_addr(): not multicast, not all zeroes. */
export function isValidEtherAddr(a: Uint8Array): boolean {
  return (a[0]! & 1) === 0 && a.some((b) => b !== 0);
}

export function isZeroEtherAddr(a: Uint8Array): boolean {
  return !a.some((b) => b !== 0);
}

/** is_link_local_ether_addr(): 01:80:c2:00:00:0X */
export function isLinkLocalEtherAddr(a: Uint8Array, off = 0): boolean {
  return a[off] === 0x01 && a[off + 1] === 0x80 && a[off + 2] === 0xc2 && a[off + 3] === 0x00 &&
    a[off + 4] === 0x00 && (a[off + 5]! & 0xf0) === 0x00;
}

/** A learned or configured forwarding entry (struct net_bridge_fdb_entry). */
export interface FdbEntry {
  addr: Uint8Array;
  vid: number;
  /** The port it points to; undefined for the bridge's own addresses. */
  dst: NetBridgePort | undefined;
  flags: number;
  /** jiffies */
  updated: number;
  used: number;
}

/** struct net_bridge_port */
export class NetBridgePort {
  portNo: number;
  portId = 0;
  /** STP port priority (0..63). */
  priority = 0x8000 >> BR_PORT_BITS;
  pathCost: number;
  state = BR_STATE_DISABLED;
  flags = BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;
  designatedRoot: BridgeId = { prio: 0, addr: new Uint8Array(6) };
  designatedBridge: BridgeId = { prio: 0, addr: new Uint8Array(6) };
  designatedPort = 0;
  designatedCost = 0;
  /** jiffies at which the config from the designated bridge was aged 0 (designated_age). */
  designatedAge = 0;
  topologyChangeAck = 0;
  configPending = 0;
  groupFwdMask = 0;
  multicastRouter = MDB_RTR_TYPE_TEMP_QUERY;
  mcastEhtHostsLimit = 512;
  backupPort: NetBridgePort | undefined;
  backupRedirectedCnt = 0;
  readonly messageAgeTimer: BrTimer;
  readonly forwardDelayTimer: BrTimer;
  readonly holdTimer: BrTimer;
  /** STP counters (bridge_stp_xstats). */
  stpXstats = { transition_blk: 0, transition_fwd: 0, rx_bpdu: 0, tx_bpdu: 0, rx_tcn: 0, tx_tcn: 0 };

  constructor(readonly br: Bridge, readonly dev: NetDevice, portNo: number, cost: number,
    onMessageAge: (p: NetBridgePort) => void, onForwardDelay: (p: NetBridgePort) => void,
    onHold: (p: NetBridgePort) => void) {
    this.portNo = portNo;
    this.pathCost = cost;
    const clock = dev.netns.kernel.clock;
    this.messageAgeTimer = new BrTimer(clock, () => onMessageAge(this));
    this.forwardDelayTimer = new BrTimer(clock, () => onForwardDelay(this));
    this.holdTimer = new BrTimer(clock, () => onHold(this));
  }
}

/** br_port_get_rtnl(): the bridge port a device is, if any. */
export function brPortOf(dev: NetDevice): NetBridgePort | undefined {
  return dev.brport instanceof NetBridgePort ? dev.brport : undefined;
}
