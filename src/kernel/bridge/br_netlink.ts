// net/bridge/br_netlink.c: the bridge's rtnl_link_ops — creating a bridge with its IFLA_BR_*
// settings (newlink/changelink), port settings (IFLA_BRPORT_*, slave_changelink and the
// AF_BRIDGE RTM_SETLINK of `bridge link set`), and what it reports back (br_fill_info,
// br_port_fill_attrs, br_fill_ifinfo) for `ip -d link` and `bridge link`.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { rtnlLinkRegister, rtnlRegister, type LinkRequest } from '../core/rtnetlink.js';
import { unregisterNetdevice } from '../core/dev.js';
import {
  EADDRNOTAVAIL, EBUSY, EINVAL, ENETDOWN, ENODEV, ENOENT, EOPNOTSUPP, KernelError,
} from '../errno.js';
import { Bridge } from './br_device.js';
import { brAddIf, brDelIf, brDevDelete } from './br_if.js';
import { brFdbDeleteByPort, brFdbFlush } from './br_fdb.js';
import {
  BR_BCAST_FLOOD, BR_BPDU_GUARD, BR_FLOOD, BR_GROUPFWD_MACPAUSE, BR_GROUPFWD_RESTRICTED,
  BR_HAIRPIN_MODE, BR_ISOLATED, BR_KERNEL_STP, BR_LEARNING, BR_MCAST_FLOOD,
  BR_MRP_LOST_CONT, BR_MRP_LOST_IN_CONT, BR_MULTICAST_FAST_LEAVE, BR_MULTICAST_TO_UNICAST,
  BR_NEIGH_SUPPRESS, BR_PORT_LOCKED, BR_PROXYARP, BR_PROXYARP_WIFI, BR_ROOT_BLOCK,
  BR_STATE_BLOCKING, BR_STATE_DISABLED, BR_VLAN_TUNNEL, BR_FDB_STATIC, brPortOf,
  bridgeIdCopy, clockToJiffies, isLinkLocalEtherAddr, isValidEtherAddr, jiffiesToClock,
  type BridgeId, type NetBridgePort,
} from './br_private.js';
import {
  brSetAgeingTime, brSetForwardDelay, brSetHelloTime, brSetMaxAge, brPortStateSelection, brSetState,
} from './br_stp.js';
import {
  brStpChangeBridgeId, brStpSetBridgePriority, brStpSetEnabled, brStpSetPathCost,
  brStpSetPortPriority, netifOperUp,
} from './br_stp_if.js';
import {
  brMulticastSetIgmpVersion, brMulticastSetMldVersion, brMulticastSetPortRouter,
  brMulticastSetRouter, brMulticastToggle,
} from './br_multicast.js';

/** IFLA_BR_* of a bridge request (what `ip link add/set ... type bridge ...` sends).
 *  Times are in clock_t (hundredths of a second), as on the wire. */
export interface BridgeData {
  forward_delay?: number;
  hello_time?: number;
  max_age?: number;
  ageing_time?: number;
  stp_state?: number;
  priority?: number;
  vlan_filtering?: number;
  vlan_protocol?: number;
  group_fwd_mask?: number;
  group_addr?: Uint8Array;
  fdb_flush?: boolean;
  mcast_router?: number;
  mcast_snooping?: number;
  mcast_query_use_ifaddr?: number;
  mcast_querier?: number;
  mcast_hash_elasticity?: number;
  mcast_hash_max?: number;
  mcast_last_member_cnt?: number;
  mcast_startup_query_cnt?: number;
  mcast_last_member_intvl?: number;
  mcast_membership_intvl?: number;
  mcast_querier_intvl?: number;
  mcast_query_intvl?: number;
  mcast_query_response_intvl?: number;
  mcast_startup_query_intvl?: number;
  mcast_stats_enabled?: number;
  mcast_igmp_version?: number;
  mcast_mld_version?: number;
  nf_call_iptables?: number;
  nf_call_ip6tables?: number;
  nf_call_arptables?: number;
  vlan_default_pvid?: number;
  vlan_stats_enabled?: number;
  vlan_stats_per_port?: number;
  /** IFLA_BR_MULTI_BOOLOPT: bit 0 no_linklocal_learn, bit 1 mcast_vlan_snooping. */
  multi_boolopt?: { optval: number; optmask: number };
}

/** IFLA_BRPORT_* of a port request (`ip link set X type bridge_slave ...`, `bridge link set`). */
export interface BridgePortData {
  state?: number;
  priority?: number;
  cost?: number;
  mode?: number;
  guard?: number;
  protect?: number;
  fast_leave?: number;
  learning?: number;
  learning_sync?: number;
  unicast_flood?: number;
  proxyarp?: number;
  proxyarp_wifi?: number;
  multicast_router?: number;
  mcast_to_ucast?: number;
  mcast_flood?: number;
  bcast_flood?: number;
  vlan_tunnel?: number;
  group_fwd_mask?: number;
  neigh_suppress?: number;
  isolated?: number;
  locked?: number;
  /** ifindex; 0 clears. */
  backup_port?: number;
  flush?: boolean;
  mcast_eht_hosts_limit?: number;
}

export const BR_BOOLOPT_NO_LL_LEARN = 0, BR_BOOLOPT_MCAST_VLAN_SNOOPING = 1;

/** br_changelink(): attributes are applied in the kernel's order, whatever order the user
 *  gave them in, and the first failure stops there (earlier ones stay applied). */
export function brChangelink(br: Bridge, d: BridgeData): void {
  if (d.forward_delay !== undefined) brSetForwardDelay(br, d.forward_delay);
  if (d.hello_time !== undefined) brSetHelloTime(br, d.hello_time);
  if (d.max_age !== undefined) brSetMaxAge(br, d.max_age);
  if (d.ageing_time !== undefined) brSetAgeingTime(br, d.ageing_time);
  if (d.stp_state !== undefined) brStpSetEnabled(br, d.stp_state);
  if (d.priority !== undefined) brStpSetBridgePriority(br, d.priority & 0xffff);
  // br_vlan_filter_toggle(): the reference kernel is built without VLAN filtering.
  if (d.vlan_filtering !== undefined) throw new KernelError(EOPNOTSUPP);
  if (d.group_fwd_mask !== undefined) {
    if (d.group_fwd_mask & BR_GROUPFWD_RESTRICTED) throw new KernelError(EINVAL);
    br.groupFwdMask = d.group_fwd_mask;
  }
  if (d.group_addr !== undefined) {
    const a = d.group_addr;
    if (a.length !== 6) throw new KernelError(EINVAL);
    if (!isLinkLocalEtherAddr(a)) throw new KernelError(EINVAL);
    if (a[5] === 1 || a[5] === 2 || a[5] === 3) throw new KernelError(EINVAL);
    br.groupAddr = a.slice();
    br.groupAddrSet = true;
    // br_recalculate_fwd_mask()
    br.groupFwdMaskRequired = a[5] === 0 ? 0 : 1 << a[5]!;
  }
  if (d.fdb_flush) brFdbFlush(br, { flags: 0, flagsMask: BR_FDB_STATIC, portIfindex: 0, vlanId: 0 });
  if (d.mcast_router !== undefined) brMulticastSetRouter(br, d.mcast_router);
  if (d.mcast_snooping !== undefined) brMulticastToggle(br, d.mcast_snooping);
  if (d.mcast_query_use_ifaddr !== undefined) br.mcastQueryUseIfaddr = d.mcast_query_use_ifaddr !== 0;
  if (d.mcast_querier !== undefined) br.mcastQuerier = d.mcast_querier ? 1 : 0;
  if (d.mcast_hash_max !== undefined) br.hashMax = d.mcast_hash_max;
  if (d.mcast_last_member_cnt !== undefined) br.mcastLastMemberCount = d.mcast_last_member_cnt;
  if (d.mcast_startup_query_cnt !== undefined) br.mcastStartupQueryCount = d.mcast_startup_query_cnt;
  if (d.mcast_last_member_intvl !== undefined) br.mcastLastMemberInterval = clockToJiffies(d.mcast_last_member_intvl);
  if (d.mcast_membership_intvl !== undefined) br.mcastMembershipInterval = clockToJiffies(d.mcast_membership_intvl);
  if (d.mcast_querier_intvl !== undefined) br.mcastQuerierInterval = clockToJiffies(d.mcast_querier_intvl);
  if (d.mcast_query_intvl !== undefined) br.mcastQueryInterval = Math.max(clockToJiffies(d.mcast_query_intvl), 250);
  if (d.mcast_query_response_intvl !== undefined) br.mcastQueryResponseInterval = clockToJiffies(d.mcast_query_response_intvl);
  if (d.mcast_startup_query_intvl !== undefined) br.mcastStartupQueryInterval = Math.max(clockToJiffies(d.mcast_startup_query_intvl), 250);
  if (d.mcast_stats_enabled !== undefined) br.mcastStatsEnabled = d.mcast_stats_enabled !== 0;
  if (d.mcast_igmp_version !== undefined) brMulticastSetIgmpVersion(br, d.mcast_igmp_version);
  if (d.mcast_mld_version !== undefined) brMulticastSetMldVersion(br, d.mcast_mld_version);
  if (d.nf_call_iptables !== undefined) br.nfCallIptables = d.nf_call_iptables !== 0;
  if (d.nf_call_ip6tables !== undefined) br.nfCallIp6tables = d.nf_call_ip6tables !== 0;
  if (d.nf_call_arptables !== undefined) br.nfCallArptables = d.nf_call_arptables !== 0;
  if (d.multi_boolopt) {
    const { optval, optmask } = d.multi_boolopt;
    if (optmask & (1 << BR_BOOLOPT_NO_LL_LEARN)) br.noLinklocalLearn = (optval & (1 << BR_BOOLOPT_NO_LL_LEARN)) !== 0;
    // br_multicast_toggle_vlan_snooping() needs VLAN filtering.
    if (optmask & (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING) && optval & (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING)) {
      throw new KernelError(EINVAL, 'bridge: Cannot enable multicast vlan snooping with vlan filtering disabled');
    }
  }
}

/** br_set_port_state(): only without kernel STP, on a running port with carrier. */
function brSetPortState(p: NetBridgePort, state: number): void {
  if (state > BR_STATE_BLOCKING) throw new KernelError(EINVAL);
  if (p.br.stpEnabled === BR_KERNEL_STP) throw new KernelError(EBUSY);
  if (!p.dev.isUp || (!netifOperUp(p) && state !== BR_STATE_DISABLED)) throw new KernelError(ENETDOWN);
  brSetState(p, state);
  brPortStateSelection(p.br);
}

const PORT_FLAG_ATTRS: [keyof BridgePortData, number][] = [
  ['mode', BR_HAIRPIN_MODE], ['guard', BR_BPDU_GUARD], ['fast_leave', BR_MULTICAST_FAST_LEAVE],
  ['protect', BR_ROOT_BLOCK], ['learning', BR_LEARNING], ['unicast_flood', BR_FLOOD],
  ['mcast_flood', BR_MCAST_FLOOD], ['mcast_to_ucast', BR_MULTICAST_TO_UNICAST],
  ['bcast_flood', BR_BCAST_FLOOD], ['proxyarp', BR_PROXYARP], ['proxyarp_wifi', BR_PROXYARP_WIFI],
  ['vlan_tunnel', BR_VLAN_TUNNEL], ['neigh_suppress', BR_NEIGH_SUPPRESS], ['isolated', BR_ISOLATED],
  ['locked', BR_PORT_LOCKED],
];

/** br_setport() */
export function brSetport(p: NetBridgePort, d: BridgePortData): void {
  for (const [k, mask] of PORT_FLAG_ATTRS) {
    const v = d[k];
    if (v === undefined) continue;
    if (v) p.flags |= mask;
    else p.flags &= ~mask;
  }
  p.dev.gen++;
  if (d.cost !== undefined) brStpSetPathCost(p, d.cost);
  if (d.priority !== undefined) brStpSetPortPriority(p, d.priority);
  if (d.state !== undefined) brSetPortState(p, d.state);
  if (d.flush) brFdbDeleteByPort(p.br, p, 0, false);
  if (d.multicast_router !== undefined) brMulticastSetPortRouter(p, d.multicast_router);
  if (d.mcast_eht_hosts_limit !== undefined) {
    if (!d.mcast_eht_hosts_limit) throw new KernelError(EINVAL);
    p.mcastEhtHostsLimit = d.mcast_eht_hosts_limit;
  }
  if (d.group_fwd_mask !== undefined) {
    if (d.group_fwd_mask & BR_GROUPFWD_MACPAUSE) throw new KernelError(EINVAL);
    p.groupFwdMask = d.group_fwd_mask;
  }
  if (d.backup_port !== undefined) {
    let backup: NetDevice | undefined;
    if (d.backup_port) {
      backup = p.dev.netns.devByIndex(d.backup_port);
      if (!backup) throw new KernelError(ENOENT);
    }
    nbpBackupChange(p, backup);
  }
}

/** nbp_backup_change() */
function nbpBackupChange(p: NetBridgePort, backupDev: NetDevice | undefined): void {
  let backup: NetBridgePort | undefined;
  if (backupDev) {
    backup = brPortOf(backupDev);
    if (!backup) throw new KernelError(ENOENT);
    if (backup.br !== p.br) throw new KernelError(EINVAL);
  }
  if (p === backup) throw new KernelError(EINVAL);
  if (p.backupPort === backup) return;
  if (p.backupPort) p.backupPort.backupRedirectedCnt--;
  if (backup) backup.backupRedirectedCnt++;
  p.backupPort = backup;
}

/** br_setlink(): RTM_SETLINK for AF_BRIDGE on a port (`bridge link set dev X ...`). */
export function brSetlink(dev: NetDevice, protinfo: BridgePortData | undefined, hasAfSpec: boolean): void {
  const p = brPortOf(dev);
  if (!protinfo && !hasAfSpec) return;
  if (!p && !hasAfSpec) throw new KernelError(EINVAL);
  if (p && protinfo) brSetport(p, protinfo);
}

// --- what the bridge reports ----------------------------------------------------------------

/** The IFLA_BR_* attributes of br_fill_info(), in clock_t where netlink uses it. */
export interface BridgeInfo {
  forward_delay: number;
  hello_time: number;
  max_age: number;
  ageing_time: number;
  stp_state: number;
  priority: number;
  vlan_filtering: number;
  group_fwd_mask: number;
  bridge_id: BridgeId;
  root_id: BridgeId;
  root_port: number;
  root_path_cost: number;
  topology_change: number;
  topology_change_detected: number;
  hello_timer: number;
  tcn_timer: number;
  topology_change_timer: number;
  gc_timer: number;
  group_addr: Uint8Array;
  multi_boolopt: { optval: number; optmask: number };
  mcast_router: number;
  mcast_snooping: number;
  mcast_query_use_ifaddr: number;
  mcast_querier: number;
  mcast_stats_enabled: number;
  mcast_hash_elasticity: number;
  mcast_hash_max: number;
  mcast_last_member_cnt: number;
  mcast_startup_query_cnt: number;
  mcast_igmp_version: number;
  mcast_mld_version: number;
  mcast_last_member_intvl: number;
  mcast_membership_intvl: number;
  mcast_querier_intvl: number;
  mcast_query_intvl: number;
  mcast_query_response_intvl: number;
  mcast_startup_query_intvl: number;
  nf_call_iptables: number;
  nf_call_ip6tables: number;
  nf_call_arptables: number;
}

/** br_fill_info() */
export function brFillInfo(dev: NetDevice): BridgeInfo | undefined {
  if (!(dev instanceof Bridge)) return undefined;
  const br = dev;
  return {
    forward_delay: jiffiesToClock(br.forwardDelay),
    hello_time: jiffiesToClock(br.helloTime),
    max_age: jiffiesToClock(br.maxAge),
    ageing_time: jiffiesToClock(br.ageingTime),
    stp_state: br.stpEnabled,
    priority: br.bridgeId.prio,
    vlan_filtering: 0,
    group_fwd_mask: br.groupFwdMask,
    bridge_id: bridgeIdCopy(br.bridgeId),
    root_id: bridgeIdCopy(br.designatedRoot),
    root_port: br.rootPort,
    root_path_cost: br.rootPathCost,
    topology_change: br.topologyChange,
    topology_change_detected: br.topologyChangeDetected,
    hello_timer: br.helloTimer.value(),
    tcn_timer: br.tcnTimer.value(),
    topology_change_timer: br.topologyChangeTimer.value(),
    gc_timer: br.gcWork.value(),
    group_addr: br.groupAddr.slice(),
    multi_boolopt: {
      optval: (br.noLinklocalLearn ? 1 << BR_BOOLOPT_NO_LL_LEARN : 0) | (br.mcastVlanSnooping ? 1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING : 0),
      optmask: (1 << BR_BOOLOPT_NO_LL_LEARN) | (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING),
    },
    mcast_router: br.mcastRouter,
    mcast_snooping: br.mcastSnooping ? 1 : 0,
    mcast_query_use_ifaddr: br.mcastQueryUseIfaddr ? 1 : 0,
    mcast_querier: br.mcastQuerier,
    mcast_stats_enabled: br.mcastStatsEnabled ? 1 : 0,
    mcast_hash_elasticity: 16,
    mcast_hash_max: br.hashMax,
    mcast_last_member_cnt: br.mcastLastMemberCount,
    mcast_startup_query_cnt: br.mcastStartupQueryCount,
    mcast_igmp_version: br.mcastIgmpVersion,
    mcast_mld_version: br.mcastMldVersion,
    mcast_last_member_intvl: jiffiesToClock(br.mcastLastMemberInterval),
    mcast_membership_intvl: jiffiesToClock(br.mcastMembershipInterval),
    mcast_querier_intvl: jiffiesToClock(br.mcastQuerierInterval),
    mcast_query_intvl: jiffiesToClock(br.mcastQueryInterval),
    mcast_query_response_intvl: jiffiesToClock(br.mcastQueryResponseInterval),
    mcast_startup_query_intvl: jiffiesToClock(br.mcastStartupQueryInterval),
    nf_call_iptables: br.nfCallIptables ? 1 : 0,
    nf_call_ip6tables: br.nfCallIp6tables ? 1 : 0,
    nf_call_arptables: br.nfCallArptables ? 1 : 0,
  };
}

/** The IFLA_BRPORT_* attributes of br_port_fill_attrs(). */
export interface BridgePortInfo {
  state: number;
  priority: number;
  cost: number;
  mode: number;
  guard: number;
  protect: number;
  fast_leave: number;
  mcast_to_ucast: number;
  learning: number;
  unicast_flood: number;
  mcast_flood: number;
  bcast_flood: number;
  proxyarp: number;
  proxyarp_wifi: number;
  root_id: BridgeId;
  bridge_id: BridgeId;
  designated_port: number;
  designated_cost: number;
  id: number;
  no: number;
  topology_change_ack: number;
  config_pending: number;
  vlan_tunnel: number;
  group_fwd_mask: number;
  neigh_suppress: number;
  mrp_ring_open: number;
  mrp_in_open: number;
  isolated: number;
  locked: number;
  message_age_timer: number;
  forward_delay_timer: number;
  hold_timer: number;
  multicast_router: number;
  mcast_eht_hosts_limit: number;
  mcast_eht_hosts_cnt: number;
  /** ifindex, only when set. */
  backup_port?: number;
}

/** br_port_fill_attrs() */
export function brPortFillAttrs(dev: NetDevice): BridgePortInfo | undefined {
  const p = brPortOf(dev);
  if (!p) return undefined;
  const f = (m: number) => ((p.flags & m) !== 0 ? 1 : 0);
  const info: BridgePortInfo = {
    state: p.state,
    priority: p.priority,
    cost: p.pathCost,
    mode: f(BR_HAIRPIN_MODE),
    guard: f(BR_BPDU_GUARD),
    protect: f(BR_ROOT_BLOCK),
    fast_leave: f(BR_MULTICAST_FAST_LEAVE),
    mcast_to_ucast: f(BR_MULTICAST_TO_UNICAST),
    learning: f(BR_LEARNING),
    unicast_flood: f(BR_FLOOD),
    mcast_flood: f(BR_MCAST_FLOOD),
    bcast_flood: f(BR_BCAST_FLOOD),
    proxyarp: f(BR_PROXYARP),
    proxyarp_wifi: f(BR_PROXYARP_WIFI),
    root_id: bridgeIdCopy(p.designatedRoot),
    bridge_id: bridgeIdCopy(p.designatedBridge),
    designated_port: p.designatedPort,
    designated_cost: p.designatedCost,
    id: p.portId,
    no: p.portNo,
    topology_change_ack: p.topologyChangeAck,
    config_pending: p.configPending,
    vlan_tunnel: f(BR_VLAN_TUNNEL),
    group_fwd_mask: p.groupFwdMask,
    neigh_suppress: f(BR_NEIGH_SUPPRESS),
    mrp_ring_open: f(BR_MRP_LOST_CONT),
    mrp_in_open: f(BR_MRP_LOST_IN_CONT),
    isolated: f(BR_ISOLATED),
    locked: f(BR_PORT_LOCKED),
    message_age_timer: p.messageAgeTimer.value(),
    forward_delay_timer: p.forwardDelayTimer.value(),
    hold_timer: p.holdTimer.value(),
    multicast_router: p.multicastRouter,
    mcast_eht_hosts_limit: p.mcastEhtHostsLimit,
    mcast_eht_hosts_cnt: 0,
  };
  if (p.backupPort) info.backup_port = p.backupPort.dev.ifindex;
  return info;
}

/** One message of an AF_BRIDGE link dump (br_fill_ifinfo). */
export interface BridgeLinkMsg {
  ifindex: number;
  ifname: string;
  flags: number;
  mtu: number;
  master: number;
  operstate: string;
  address: Uint8Array;
  /** IFLA_LINK, present when the device is linked to another (veth peer). */
  link?: number;
  protinfo: BridgePortInfo;
}

/** rtnl_bridge_getlink(): for every bridge port of the namespace, in ifindex order. (The
 *  bridge itself answers only VLAN/MRP/CFM filters, which netsim's kernel has none of.) */
export function rtnlBridgeGetlink(ns: Netns): BridgeLinkMsg[] {
  const out: BridgeLinkMsg[] = [];
  for (const dev of ns.devices()) {
    const p = brPortOf(dev);
    if (!p) continue;
    const msg: BridgeLinkMsg = {
      ifindex: dev.ifindex,
      ifname: dev.name,
      flags: dev.getFlags(),
      mtu: dev.mtu,
      master: p.br.ifindex,
      operstate: dev.isUp ? dev.operstate : 'DOWN',
      address: dev.addr.slice(),
      protinfo: brPortFillAttrs(dev)!,
    };
    const iflink = dev.iflink();
    if (iflink !== dev.ifindex) msg.link = iflink;
    out.push(msg);
  }
  return out;
}

export const BRIDGE_FLAGS_MASTER = 1, BRIDGE_FLAGS_SELF = 2;

/** rtnl_bridge_setlink(): `bridge link set`; `flags` is IFLA_BRIDGE_FLAGS (0 when absent),
 *  `mode` IFLA_BRIDGE_MODE when given. */
export function rtnlBridgeSetlink(ns: Netns, ifindex: number, protinfo: BridgePortData | undefined, flags: number, mode?: number): void {
  const dev = ns.devByIndex(ifindex);
  if (!dev) throw new KernelError(ENODEV, 'unknown ifindex');
  const hasAfSpec = flags !== 0 || mode !== undefined;
  if (!flags || (flags & BRIDGE_FLAGS_MASTER)) {
    const br = dev.master;
    if (!(br instanceof Bridge)) throw new KernelError(EOPNOTSUPP);
    brSetlink(dev, protinfo, hasAfSpec);
    flags &= ~BRIDGE_FLAGS_MASTER;
  }
  if (flags & BRIDGE_FLAGS_SELF) {
    // Only a bridge has ndo_bridge_setlink among netsim's devices.
    if (!(dev instanceof Bridge)) throw new KernelError(EOPNOTSUPP);
    brSetlink(dev, protinfo, hasAfSpec);
  }
}

// --- rtnl_link_ops ----------------------------------------------------------------------------

/** br_validate() and br_dev_newlink(). */
function brDevNewlink(ns: Netns, name: string, req: LinkRequest): Bridge {
  if (req.address && !isValidEtherAddr(req.address)) throw new KernelError(EADDRNOTAVAIL);
  const br = new Bridge(ns, name);
  rtnlRegister(br, req);
  if (req.address) brStpChangeBridgeId(br, req.address);
  try {
    if (req.data) brChangelink(br, req.data as BridgeData);
  } catch (e) {
    brDevDelete(br);
    unregisterNetdevice(br);
    throw e;
  }
  return br;
}

rtnlLinkRegister('bridge', {
  newlink: brDevNewlink,
  changelink(dev, data) {
    brChangelink(dev as Bridge, data as BridgeData);
  },
  slaveChangelink(_master, port, data) {
    const p = brPortOf(port);
    if (!p) throw new KernelError(EOPNOTSUPP);
    brSetport(p, data as BridgePortData);
  },
  addSlave(master, port) {
    brAddIf(master as Bridge, port);
  },
  delSlave(master, port) {
    brDelIf(master as Bridge, port);
  },
});

