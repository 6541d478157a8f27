// net/bridge/br_sysfs_br.c: /sys/class/net/BRIDGE/bridge/* (the bridge's settings, times in
// clock_t as `ip -d link` shows them) and /sys/class/net/BRIDGE/brif/PORT (a link to each
// port's brport directory). Only the attributes the recording kernel has: it is built
// without VLAN filtering, so there is no vlan_filtering, default_pvid or vlan_protocol.
// Writes go through the same setters as `ip link set BRIDGE type bridge ...`.
import type { NetDevice } from '../core/netdevice.js';
import { EINVAL, KernelError } from '../errno.js';
import { customFile, dirNode, type SysFile, type SysNode } from '../fs/sysctl_core.js';
import { parseUl, registerSysfsNetEntries, sysfsDevDir } from '../fs/sysfs_net.js';
import { Bridge } from './br_device.js';
import { brChangelink, type BridgeData } from './br_netlink.js';
import { brFdbFlush } from './br_fdb.js';
import { BR_FDB_STATIC, jiffiesToClock } from './br_private.js';
import { brportDir, brShowBridgeId, hashHex } from './br_sysfs_if.js';

const RO = 0o444, RW = 0o644, WO = 0o200;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function ro(show: () => string): SysFile {
  return customFile(RO, show, () => { throw new KernelError(EINVAL); });
}

/** store_bridge_parm(): kstrtoul(buf, 0) and a setter. */
function rw(show: () => string, set: (val: number) => void): SysFile {
  return customFile(RW, show, (text) => set(parseUl(text)));
}

function num(v: number | boolean): string {
  return `${typeof v === 'boolean' ? (v ? 1 : 0) : v}\n`;
}

function change(br: Bridge, d: BridgeData): void {
  brChangelink(br, d);
  br.gen++;
}

function bridgeDir(br: Bridge): SysNode {
  return dirNode(() => {
    const clk = (j: number) => `${jiffiesToClock(j)}\n`;
    const m = new Map<string, SysNode>([
      ['ageing_time', rw(() => clk(br.ageingTime), (v) => change(br, { ageing_time: v }))],
      ['bridge_id', ro(() => brShowBridgeId(br.bridgeId))],
      ['flush', customFile(WO, () => '', () => {
        brFdbFlush(br, { flags: 0, flagsMask: BR_FDB_STATIC, portIfindex: 0, vlanId: 0 });
      })],
      ['forward_delay', rw(() => clk(br.forwardDelay), (v) => change(br, { forward_delay: v }))],
      ['gc_timer', ro(() => num(br.gcWork.value()))],
      ['group_addr', customFile(RW, () => `${[...br.groupAddr].map(hex2).join(':')}\n`, (text) => {
        const mm = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})/.exec(text);
        if (!mm) throw new KernelError(EINVAL);
        change(br, { group_addr: new Uint8Array(mm.slice(1, 7).map((h) => parseInt(h, 16))) });
      })],
      ['group_fwd_mask', rw(() => hashHex(br.groupFwdMask), (v) => change(br, { group_fwd_mask: v }))],
      // The hash elasticity is fixed at 16 since Linux 5.0; writing it only warns.
      ['hash_elasticity', rw(() => '16\n', () => {})],
      ['hash_max', rw(() => num(br.hashMax), (v) => change(br, { mcast_hash_max: v }))],
      ['hello_time', rw(() => clk(br.helloTime), (v) => change(br, { hello_time: v }))],
      ['hello_timer', ro(() => num(br.helloTimer.value()))],
      ['max_age', rw(() => clk(br.maxAge), (v) => change(br, { max_age: v }))],
      ['multicast_igmp_version', rw(() => num(br.mcastIgmpVersion), (v) => change(br, { mcast_igmp_version: v }))],
      ['multicast_last_member_count', rw(() => num(br.mcastLastMemberCount), (v) => change(br, { mcast_last_member_cnt: v }))],
      ['multicast_last_member_interval', rw(() => clk(br.mcastLastMemberInterval), (v) => change(br, { mcast_last_member_intvl: v }))],
      ['multicast_membership_interval', rw(() => clk(br.mcastMembershipInterval), (v) => change(br, { mcast_membership_intvl: v }))],
      ['multicast_mld_version', rw(() => num(br.mcastMldVersion), (v) => change(br, { mcast_mld_version: v }))],
      ['multicast_querier', rw(() => num(br.mcastQuerier), (v) => change(br, { mcast_querier: v }))],
      ['multicast_querier_interval', rw(() => clk(br.mcastQuerierInterval), (v) => change(br, { mcast_querier_intvl: v }))],
      ['multicast_query_interval', rw(() => clk(br.mcastQueryInterval), (v) => change(br, { mcast_query_intvl: v }))],
      ['multicast_query_response_interval', rw(() => clk(br.mcastQueryResponseInterval), (v) => change(br, { mcast_query_response_intvl: v }))],
      ['multicast_query_use_ifaddr', rw(() => num(br.mcastQueryUseIfaddr), (v) => change(br, { mcast_query_use_ifaddr: v }))],
      ['multicast_router', rw(() => num(br.mcastRouter), (v) => change(br, { mcast_router: v }))],
      ['multicast_snooping', rw(() => num(br.mcastSnooping), (v) => change(br, { mcast_snooping: v }))],
      ['multicast_startup_query_count', rw(() => num(br.mcastStartupQueryCount), (v) => change(br, { mcast_startup_query_cnt: v }))],
      ['multicast_startup_query_interval', rw(() => clk(br.mcastStartupQueryInterval), (v) => change(br, { mcast_startup_query_intvl: v }))],
      ['multicast_stats_enabled', rw(() => num(br.mcastStatsEnabled), (v) => change(br, { mcast_stats_enabled: v }))],
      ['nf_call_arptables', rw(() => num(br.nfCallArptables), (v) => change(br, { nf_call_arptables: v }))],
      ['nf_call_ip6tables', rw(() => num(br.nfCallIp6tables), (v) => change(br, { nf_call_ip6tables: v }))],
      ['nf_call_iptables', rw(() => num(br.nfCallIptables), (v) => change(br, { nf_call_iptables: v }))],
      ['no_linklocal_learn', rw(() => num(br.noLinklocalLearn), (v) => change(br, { multi_boolopt: { optval: v ? 1 : 0, optmask: 1 } }))],
      ['priority', rw(() => num(br.bridgeId.prio), (v) => change(br, { priority: v & 0xffff }))],
      ['root_id', ro(() => brShowBridgeId(br.designatedRoot))],
      ['root_path_cost', ro(() => num(br.rootPathCost))],
      ['root_port', ro(() => num(br.rootPort))],
      ['stp_state', rw(() => num(br.stpEnabled), (v) => change(br, { stp_state: v }))],
      ['tcn_timer', ro(() => num(br.tcnTimer.value()))],
      ['topology_change', ro(() => num(br.topologyChange))],
      ['topology_change_detected', ro(() => num(br.topologyChangeDetected))],
      ['topology_change_timer', ro(() => num(br.topologyChangeTimer.value()))],
    ]);
    return m;
  });
}

/** brif/: one entry per port, named after the port device (a link to its brport/). */
function brifDir(br: Bridge): SysNode {
  return dirNode(() => new Map<string, SysNode>(br.ports.map((p) => [p.dev.name, brportDir(p)])));
}

registerSysfsNetEntries(function* (dev: NetDevice): Iterable<[string, SysNode]> {
  if (!(dev instanceof Bridge)) return;
  yield ['bridge', bridgeDir(dev)];
  yield ['brif', brifDir(dev)];
  // The adjacency links netdev_upper_dev_link() makes from a bridge to its ports.
  for (const p of dev.ports) yield [`lower_${p.dev.name}`, sysfsDevDir(p.dev)];
});
