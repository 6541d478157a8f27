// The bridge parts of `ip link` (iproute2 6.1's ip/iplink_bridge.c and iplink_bridge_slave.c):
// the `ip -d link` details of a bridge and of a bridge port, in text and JSON, and the
// parsers of `ip link add/set ... type bridge ...` and `ip link set X type bridge_slave ...`.
import type { NetDevice } from '../../kernel/core/netdevice.js';
import type { Netns } from '../../kernel/net_namespace.js';
import type { LinkRequest } from '../../kernel/core/rtnetlink.js';
import { formatMac, parseMac } from '../../kernel/core/eth.js';
import {
  brFillInfo, brPortFillAttrs, BR_BOOLOPT_MCAST_VLAN_SNOOPING, BR_BOOLOPT_NO_LL_LEARN,
  type BridgeData, type BridgePortData,
} from '../../kernel/bridge/br_netlink.js';
import type { BridgeId } from '../../kernel/bridge/br_private.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, type Printer } from '../lib/json_print.js';
import { sprintf } from '../lib/printf.js';
import { UsageError, incomplete, invarg, matches, parseUnsigned } from '../lib/args.js';

/** port_states[]: BR_STATE_* by number. */
export const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];

/** A JSON value printed verbatim (jsonw_printf), e.g. a timer "14.99". */
function rawJson(text: string): number {
  return { toString: () => text, valueOf: () => Number(text) } as unknown as number;
}

/** br_dump_bridge_id(): "8000.e:4f:33:da:d7:af" (ether_ntoa() drops leading zeroes). */
export function formatBridgeId(id: BridgeId): string {
  const prio = id.prio.toString(16).padStart(4, '0');
  return `${prio}.${[...id.addr].map((b) => b.toString(16)).join(':')}`;
}

/** _bridge_print_timer() / _print_timer(): clock_t as seconds with two decimals. */
function printTimer(p: Printer, key: string, clockT: number): void {
  const sec = Math.floor(clockT / 100);
  const cs = clockT % 100;
  if (p.json) p.number(PRINT_JSON, key, '', rawJson(`${sec}.${String(cs).padStart(2, '0')}`));
  else p.text(sprintf('%s %4i.%.2i ', key, sec, cs));
}

/** print_on_off() */
function onOff(p: Printer, key: string, fmt: string, v: number): void {
  if (p.json) p.bool(PRINT_JSON, key, '', v !== 0);
  else p.string(PRINT_FP, null, fmt, v ? 'on' : 'off');
}

/** print_0xhex() */
function hex(p: Printer, key: string, fmt: string, v: number): void {
  if (p.json) p.string(PRINT_JSON, key, '', sprintf('%#x', v));
  else p.string(PRINT_FP, null, '%s', sprintf(fmt, v));
}

/** bridge_print_opt(): `ip -d link show` of a bridge (inside "info_data" in JSON). */
export function printBridgeInfo(p: Printer, dev: NetDevice): void {
  const i = brFillInfo(dev);
  if (!i) return;
  p.number(PRINT_ANY, 'forward_delay', 'forward_delay %u ', i.forward_delay);
  p.number(PRINT_ANY, 'hello_time', 'hello_time %u ', i.hello_time);
  p.number(PRINT_ANY, 'max_age', 'max_age %u ', i.max_age);
  p.number(PRINT_ANY, 'ageing_time', 'ageing_time %u ', i.ageing_time);
  p.number(PRINT_ANY, 'stp_state', 'stp_state %u ', i.stp_state);
  p.number(PRINT_ANY, 'priority', 'priority %u ', i.priority);
  p.number(PRINT_ANY, 'vlan_filtering', 'vlan_filtering %u ', i.vlan_filtering);
  p.string(PRINT_ANY, 'bridge_id', 'bridge_id %s ', formatBridgeId(i.bridge_id));
  // iproute2 6.1 formats IFLA_BR_BRIDGE_ID here too, not IFLA_BR_ROOT_ID.
  p.string(PRINT_ANY, 'root_id', 'designated_root %s ', formatBridgeId(i.bridge_id));
  p.number(PRINT_ANY, 'root_port', 'root_port %u ', i.root_port);
  p.number(PRINT_ANY, 'root_path_cost', 'root_path_cost %u ', i.root_path_cost);
  p.number(PRINT_ANY, 'topology_change', 'topology_change %u ', i.topology_change);
  p.number(PRINT_ANY, 'topology_change_detected', 'topology_change_detected %u ', i.topology_change_detected);
  printTimer(p, 'hello_timer', i.hello_timer);
  printTimer(p, 'tcn_timer', i.tcn_timer);
  printTimer(p, 'topology_change_timer', i.topology_change_timer);
  printTimer(p, 'gc_timer', i.gc_timer);
  hex(p, 'group_fwd_mask', 'group_fwd_mask %#llx ', i.group_fwd_mask);
  p.string(PRINT_ANY, 'group_addr', 'group_address %s ', formatMac(i.group_addr));
  p.number(PRINT_ANY, 'mcast_snooping', 'mcast_snooping %u ', i.mcast_snooping);
  const bm = i.multi_boolopt;
  if (bm.optmask & (1 << BR_BOOLOPT_NO_LL_LEARN)) {
    p.number(PRINT_ANY, 'no_linklocal_learn', 'no_linklocal_learn %u ', bm.optval & (1 << BR_BOOLOPT_NO_LL_LEARN) ? 1 : 0);
  }
  if (bm.optmask & (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING)) {
    p.number(PRINT_ANY, 'mcast_vlan_snooping', 'mcast_vlan_snooping %u ', bm.optval & (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING) ? 1 : 0);
  }
  p.number(PRINT_ANY, 'mcast_router', 'mcast_router %u ', i.mcast_router);
  p.number(PRINT_ANY, 'mcast_query_use_ifaddr', 'mcast_query_use_ifaddr %u ', i.mcast_query_use_ifaddr);
  p.number(PRINT_ANY, 'mcast_querier', 'mcast_querier %u ', i.mcast_querier);
  p.number(PRINT_ANY, 'mcast_hash_elasticity', 'mcast_hash_elasticity %u ', i.mcast_hash_elasticity);
  p.number(PRINT_ANY, 'mcast_hash_max', 'mcast_hash_max %u ', i.mcast_hash_max);
  p.number(PRINT_ANY, 'mcast_last_member_cnt', 'mcast_last_member_count %u ', i.mcast_last_member_cnt);
  p.number(PRINT_ANY, 'mcast_startup_query_cnt', 'mcast_startup_query_count %u ', i.mcast_startup_query_cnt);
  p.number(PRINT_ANY, 'mcast_last_member_intvl', 'mcast_last_member_interval %llu ', i.mcast_last_member_intvl);
  p.number(PRINT_ANY, 'mcast_membership_intvl', 'mcast_membership_interval %llu ', i.mcast_membership_intvl);
  p.number(PRINT_ANY, 'mcast_querier_intvl', 'mcast_querier_interval %llu ', i.mcast_querier_intvl);
  p.number(PRINT_ANY, 'mcast_query_intvl', 'mcast_query_interval %llu ', i.mcast_query_intvl);
  p.number(PRINT_ANY, 'mcast_query_response_intvl', 'mcast_query_response_interval %llu ', i.mcast_query_response_intvl);
  p.number(PRINT_ANY, 'mcast_startup_query_intvl', 'mcast_startup_query_interval %llu ', i.mcast_startup_query_intvl);
  p.number(PRINT_ANY, 'mcast_stats_enabled', 'mcast_stats_enabled %u ', i.mcast_stats_enabled);
  p.number(PRINT_ANY, 'mcast_igmp_version', 'mcast_igmp_version %u ', i.mcast_igmp_version);
  p.number(PRINT_ANY, 'mcast_mld_version', 'mcast_mld_version %u ', i.mcast_mld_version);
  p.number(PRINT_ANY, 'nf_call_iptables', 'nf_call_iptables %u ', i.nf_call_iptables);
  p.number(PRINT_ANY, 'nf_call_ip6tables', 'nf_call_ip6tables %u ', i.nf_call_ip6tables);
  p.number(PRINT_ANY, 'nf_call_arptables', 'nf_call_arptables %u ', i.nf_call_arptables);
}

const FWD_MASK_TBL: Record<number, string> = { 0: 'stp', 2: 'lacp', 14: 'lldp' };

/** _bitmask2str() */
function bitmaskStr(mask: number): string {
  const parts: string[] = [];
  for (let i = 0; mask; i++, mask >>>= 1) {
    if (mask & 1) parts.push(FWD_MASK_TBL[i] ?? `0x${(1 << i).toString(16)}`);
  }
  return parts.length ? parts.join(',') : '0x0';
}

/** bridge_slave_print_opt(): `ip -d link show` of a bridge port ("info_slave_data" in JSON). */
export function printBridgeSlaveInfo(p: Printer, port: NetDevice): void {
  const i = brPortFillAttrs(port);
  if (!i) return;
  if (i.state <= 4) p.string(PRINT_ANY, 'state', 'state %s ', PORT_STATES[i.state]!);
  else p.number(PRINT_ANY, 'state_index', 'state (%d) ', i.state);
  p.number(PRINT_ANY, 'priority', 'priority %d ', i.priority);
  p.number(PRINT_ANY, 'cost', 'cost %d ', i.cost);
  onOff(p, 'hairpin', 'hairpin %s ', i.mode);
  onOff(p, 'guard', 'guard %s ', i.guard);
  onOff(p, 'root_block', 'root_block %s ', i.protect);
  onOff(p, 'fastleave', 'fastleave %s ', i.fast_leave);
  onOff(p, 'learning', 'learning %s ', i.learning);
  onOff(p, 'flood', 'flood %s ', i.unicast_flood);
  hex(p, 'id', 'port_id %#llx ', i.id);
  hex(p, 'no', 'port_no %#llx ', i.no);
  p.number(PRINT_ANY, 'designated_port', 'designated_port %u ', i.designated_port);
  p.number(PRINT_ANY, 'designated_cost', 'designated_cost %u ', i.designated_cost);
  p.string(PRINT_ANY, 'bridge_id', 'designated_bridge %s ', formatBridgeId(i.bridge_id));
  p.string(PRINT_ANY, 'root_id', 'designated_root %s ', formatBridgeId(i.root_id));
  printTimer(p, 'hold_timer', i.hold_timer);
  printTimer(p, 'message_age_timer', i.message_age_timer);
  printTimer(p, 'forward_delay_timer', i.forward_delay_timer);
  p.number(PRINT_ANY, 'topology_change_ack', 'topology_change_ack %u ', i.topology_change_ack);
  p.number(PRINT_ANY, 'config_pending', 'config_pending %u ', i.config_pending);
  onOff(p, 'proxy_arp', 'proxy_arp %s ', i.proxyarp);
  onOff(p, 'proxy_arp_wifi', 'proxy_arp_wifi %s ', i.proxyarp_wifi);
  p.number(PRINT_ANY, 'multicast_router', 'mcast_router %u ', i.multicast_router);
  // Text only: JSON already has "fastleave".
  p.string(PRINT_FP, null, 'mcast_fast_leave %s ', i.fast_leave ? 'on' : 'off');
  onOff(p, 'mcast_flood', 'mcast_flood %s ', i.mcast_flood);
  onOff(p, 'bcast_flood', 'bcast_flood %s ', i.bcast_flood);
  onOff(p, 'mcast_to_unicast', 'mcast_to_unicast %s ', i.mcast_to_ucast);
  onOff(p, 'neigh_suppress', 'neigh_suppress %s ', i.neigh_suppress);
  hex(p, 'group_fwd_mask', 'group_fwd_mask %#llx ', i.group_fwd_mask);
  p.string(PRINT_ANY, 'group_fwd_mask_str', 'group_fwd_mask_str %s ', bitmaskStr(i.group_fwd_mask));
  onOff(p, 'vlan_tunnel', 'vlan_tunnel %s ', i.vlan_tunnel);
  onOff(p, 'isolated', 'isolated %s ', i.isolated);
  onOff(p, 'locked', 'locked %s ', i.locked);
  if (i.backup_port !== undefined) {
    const name = port.netns.devByIndex(i.backup_port)?.name ?? `if${i.backup_port}`;
    p.string(PRINT_ANY, 'backup_port', 'backup_port %s ', name);
  }
}

// --- parsing ----------------------------------------------------------------------------------

export const BRIDGE_EXPLAIN =
  'Usage: ... bridge [ fdb_flush ]\n' +
  '\t\t  [ forward_delay FORWARD_DELAY ]\n' +
  '\t\t  [ hello_time HELLO_TIME ]\n' +
  '\t\t  [ max_age MAX_AGE ]\n' +
  '\t\t  [ ageing_time AGEING_TIME ]\n' +
  '\t\t  [ stp_state STP_STATE ]\n' +
  '\t\t  [ priority PRIORITY ]\n' +
  '\t\t  [ group_fwd_mask MASK ]\n' +
  '\t\t  [ group_address ADDRESS ]\n' +
  '\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n' +
  '\t\t  [ vlan_filtering VLAN_FILTERING ]\n' +
  '\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n' +
  '\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n' +
  '\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n' +
  '\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n' +
  '\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n' +
  '\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n' +
  '\t\t  [ mcast_router MULTICAST_ROUTER ]\n' +
  '\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n' +
  '\t\t  [ mcast_querier MULTICAST_QUERIER ]\n' +
  '\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n' +
  '\t\t  [ mcast_hash_max HASH_MAX ]\n' +
  '\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n' +
  '\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n' +
  '\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n' +
  '\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n' +
  '\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n' +
  '\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n' +
  '\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n' +
  '\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n' +
  '\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n' +
  '\t\t  [ mcast_igmp_version IGMP_VERSION ]\n' +
  '\t\t  [ mcast_mld_version MLD_VERSION ]\n' +
  '\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n' +
  '\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n' +
  '\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n' +
  '\n' +
  'Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n';

export const BRIDGE_SLAVE_EXPLAIN =
  'Usage: ... bridge_slave [ fdb_flush ]\n' +
  '\t\t\t[ state STATE ]\n' +
  '\t\t\t[ priority PRIO ]\n' +
  '\t\t\t[ cost COST ]\n' +
  '\t\t\t[ guard {on | off} ]\n' +
  '\t\t\t[ hairpin {on | off} ]\n' +
  '\t\t\t[ fastleave {on | off} ]\n' +
  '\t\t\t[ root_block {on | off} ]\n' +
  '\t\t\t[ learning {on | off} ]\n' +
  '\t\t\t[ flood {on | off} ]\n' +
  '\t\t\t[ proxy_arp {on | off} ]\n' +
  '\t\t\t[ proxy_arp_wifi {on | off} ]\n' +
  '\t\t\t[ mcast_router MULTICAST_ROUTER ]\n' +
  '\t\t\t[ mcast_fast_leave {on | off} ]\n' +
  '\t\t\t[ mcast_flood {on | off} ]\n' +
  '\t\t\t[ bcast_flood {on | off} ]\n' +
  '\t\t\t[ mcast_to_unicast {on | off} ]\n' +
  '\t\t\t[ group_fwd_mask MASK ]\n' +
  '\t\t\t[ neigh_suppress {on | off} ]\n' +
  '\t\t\t[ vlan_tunnel {on | off} ]\n' +
  '\t\t\t[ isolated {on | off} ]\n' +
  '\t\t\t[ locked {on | off} ]\n' +
  '\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n';

/** parse_one_of(..., {"off", "on"}): a prefix of either word (so "o" is "off"). */
export function parseOnOff(key: string, v: string): number | UsageError {
  if (matches(v, 'off')) return 0;
  if (matches(v, 'on')) return 1;
  return new UsageError(`Error: argument of "${key}" must be one of "off", "on", not "${v}"\n`, 1);
}

/** ll_proto_a2n() for the VLAN protocols. */
function vlanProto(s: string): number | undefined {
  if (s === '802.1Q' || s === '802.1q') return 0x8100;
  if (s === '802.1ad' || s === '802.1AD') return 0x88a8;
  return parseUnsigned(s, 0xffff);
}

/** bridge_parse_opt(): `ip link add|set DEV type bridge ARGS` into req.data (BridgeData).
 *  Throws UsageError with iproute2's message and status. */
export function parseBridgeArgs(args: string[], req: LinkRequest): void {
  const d: BridgeData = {};
  let optval = 0, optmask = 0;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const next = (): string => {
      if (++i >= args.length) throw incomplete();
      return args[i]!;
    };
    const num = (key: string, max: number): number => {
      const v = next();
      const n = parseUnsigned(v, max);
      if (n === undefined) throw invarg(`invalid ${key}`, v);
      return n;
    };
    const U32 = 0xffffffff, U16 = 0xffff, U8 = 0xff, U64 = Number.MAX_SAFE_INTEGER;
    if (matches(w, 'forward_delay')) d.forward_delay = num('forward_delay', U32);
    else if (matches(w, 'hello_time')) d.hello_time = num('hello_time', U32);
    else if (matches(w, 'max_age')) d.max_age = num('max_age', U32);
    else if (matches(w, 'ageing_time')) d.ageing_time = num('ageing_time', U32);
    else if (matches(w, 'stp_state')) d.stp_state = num('stp_state', U32);
    else if (matches(w, 'priority')) d.priority = num('priority', U16);
    else if (matches(w, 'vlan_filtering')) d.vlan_filtering = num('vlan_filtering', U8);
    else if (matches(w, 'vlan_protocol')) {
      const v = next();
      const p = vlanProto(v);
      if (p === undefined) throw invarg('invalid vlan_protocol', v);
      d.vlan_protocol = p;
    } else if (matches(w, 'group_fwd_mask')) d.group_fwd_mask = num('group_fwd_mask', U16);
    else if (matches(w, 'group_address')) {
      const v = next();
      const a = parseMac(v);
      if (!a) throw new UsageError(`"${v}" is invalid lladdr.\n`, 1);
      d.group_addr = a;
    } else if (w === 'no_linklocal_learn') {
      const n = num('no_linklocal_learn', U8);
      optmask |= 1 << BR_BOOLOPT_NO_LL_LEARN;
      if (n) optval |= 1 << BR_BOOLOPT_NO_LL_LEARN;
      else optval &= ~(1 << BR_BOOLOPT_NO_LL_LEARN);
    } else if (matches(w, 'fdb_flush')) d.fdb_flush = true;
    else if (matches(w, 'vlan_default_pvid')) d.vlan_default_pvid = num('vlan_default_pvid', U16);
    else if (matches(w, 'vlan_stats_enabled')) d.vlan_stats_enabled = num('vlan_stats_enabled', U8);
    else if (matches(w, 'vlan_stats_per_port')) d.vlan_stats_per_port = num('vlan_stats_per_port', U8);
    else if (matches(w, 'mcast_router')) d.mcast_router = num('mcast_router', U8);
    else if (matches(w, 'mcast_snooping')) d.mcast_snooping = num('mcast_snooping', U8);
    else if (w === 'mcast_vlan_snooping') {
      const n = num('mcast_vlan_snooping', U8);
      optmask |= 1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING;
      if (n) optval |= 1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING;
      else optval &= ~(1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING);
    } else if (matches(w, 'mcast_query_use_ifaddr')) d.mcast_query_use_ifaddr = num('mcast_query_use_ifaddr', U8);
    else if (matches(w, 'mcast_querier')) d.mcast_querier = num('mcast_querier', U8);
    else if (matches(w, 'mcast_hash_elasticity')) d.mcast_hash_elasticity = num('mcast_hash_elasticity', U32);
    else if (matches(w, 'mcast_hash_max')) d.mcast_hash_max = num('mcast_hash_max', U32);
    else if (matches(w, 'mcast_last_member_count')) d.mcast_last_member_cnt = num('mcast_last_member_count', U32);
    else if (matches(w, 'mcast_startup_query_count')) d.mcast_startup_query_cnt = num('mcast_startup_query_count', U32);
    else if (matches(w, 'mcast_last_member_interval')) d.mcast_last_member_intvl = num('mcast_last_member_interval', U64);
    else if (matches(w, 'mcast_membership_interval')) d.mcast_membership_intvl = num('mcast_membership_interval', U64);
    else if (matches(w, 'mcast_querier_interval')) d.mcast_querier_intvl = num('mcast_querier_interval', U64);
    else if (matches(w, 'mcast_query_interval')) d.mcast_query_intvl = num('mcast_query_interval', U64);
    else if (matches(w, 'mcast_query_response_interval')) d.mcast_query_response_intvl = num('mcast_query_response_interval', U64);
    else if (matches(w, 'mcast_startup_query_interval')) d.mcast_startup_query_intvl = num('mcast_startup_query_interval', U64);
    else if (matches(w, 'mcast_stats_enabled')) d.mcast_stats_enabled = num('mcast_stats_enabled', U8);
    else if (matches(w, 'mcast_igmp_version')) d.mcast_igmp_version = num('mcast_igmp_version', U8);
    else if (matches(w, 'mcast_mld_version')) d.mcast_mld_version = num('mcast_mld_version', U8);
    else if (matches(w, 'nf_call_iptables')) d.nf_call_iptables = num('nf_call_iptables', U8);
    else if (matches(w, 'nf_call_ip6tables')) d.nf_call_ip6tables = num('nf_call_ip6tables', U8);
    else if (matches(w, 'nf_call_arptables')) d.nf_call_arptables = num('nf_call_arptables', U8);
    else if (matches(w, 'help')) throw new UsageError(BRIDGE_EXPLAIN, 1);
    else throw new UsageError(`bridge: unknown command "${w}"?\n${BRIDGE_EXPLAIN}`, 1);
  }
  if (optmask) d.multi_boolopt = { optval, optmask };
  req.data = d as Record<string, unknown>;
}

/** bridge_slave_parse_opt(): `ip link set DEV type bridge_slave ARGS` into req.slaveData
 *  (BridgePortData). `ns` resolves backup_port names. */
export function parseBridgeSlaveArgs(args: string[], req: LinkRequest, ns: Netns): void {
  const d: BridgePortData = {};
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const next = (): string => {
      if (++i >= args.length) throw incomplete();
      return args[i]!;
    };
    const num = (msg: string, max: number): number => {
      const v = next();
      const n = parseUnsigned(v, max);
      if (n === undefined) throw invarg(msg, v);
      return n;
    };
    const flag = (key: string): number => {
      const r = parseOnOff(key, next());
      if (r instanceof UsageError) throw r;
      return r;
    };
    if (matches(w, 'fdb_flush')) d.flush = true;
    else if (matches(w, 'state')) d.state = num('state is invalid', 0xff);
    else if (matches(w, 'priority')) d.priority = num('priority is invalid', 0xffff);
    else if (matches(w, 'cost')) d.cost = num('cost is invalid', 0xffffffff);
    else if (matches(w, 'hairpin')) d.mode = flag('hairpin');
    else if (matches(w, 'guard')) d.guard = flag('guard');
    else if (matches(w, 'root_block')) d.protect = flag('root_block');
    else if (matches(w, 'fastleave')) d.fast_leave = flag('fastleave');
    else if (matches(w, 'learning')) d.learning = flag('learning');
    else if (matches(w, 'flood')) d.unicast_flood = flag('flood');
    else if (matches(w, 'mcast_flood')) d.mcast_flood = flag('mcast_flood');
    else if (matches(w, 'bcast_flood')) d.bcast_flood = flag('bcast_flood');
    else if (matches(w, 'mcast_to_unicast')) d.mcast_to_ucast = flag('mcast_to_unicast');
    else if (matches(w, 'proxy_arp')) d.proxyarp = flag('proxy_arp');
    else if (matches(w, 'proxy_arp_wifi')) d.proxyarp_wifi = flag('proxy_arp_wifi');
    else if (matches(w, 'mcast_router')) d.multicast_router = num('invalid mcast_router', 0xff);
    else if (matches(w, 'mcast_fast_leave')) d.fast_leave = flag('mcast_fast_leave');
    else if (matches(w, 'neigh_suppress')) d.neigh_suppress = flag('neigh_suppress');
    else if (matches(w, 'group_fwd_mask')) d.group_fwd_mask = num('invalid group_fwd_mask', 0xffff);
    else if (matches(w, 'vlan_tunnel')) d.vlan_tunnel = flag('vlan_tunnel');
    else if (matches(w, 'isolated')) d.isolated = flag('isolated');
    else if (matches(w, 'locked')) d.locked = flag('locked');
    else if (matches(w, 'backup_port')) {
      const v = next();
      const dev = ns.devByName(v);
      if (!dev) throw invarg('Device does not exist\n', v);
      d.backup_port = dev.ifindex;
    } else if (matches(w, 'nobackup_port')) d.backup_port = 0;
    else if (matches(w, 'help')) throw new UsageError(BRIDGE_SLAVE_EXPLAIN, 1);
    else throw new UsageError(`bridge_slave: unknown option "${w}"?\n${BRIDGE_SLAVE_EXPLAIN}`, 1);
  }
  req.slaveData = d as Record<string, unknown>;
}
