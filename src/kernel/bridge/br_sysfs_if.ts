// net/bridge/br_sysfs_if.c: /sys/class/net/PORT/brport/*, the settings and spanning-tree
// state of a bridge port, and brport/bridge (a link to the bridge's directory). A write is
// parsed as simple_strtoul(buf, 0) and applied as `bridge link set` would apply it.
import type { NetDevice } from '../core/netdevice.js';
import { EINVAL, ENOENT, KernelError } from '../errno.js';
import { customFile, dirNode, type SysFile, type SysNode } from '../fs/sysctl_core.js';
import { registerSysfsNetEntries, sysfsDevDir } from '../fs/sysfs_net.js';
import { brSetport, type BridgePortData } from './br_netlink.js';
import {
  BR_BCAST_FLOOD, BR_BPDU_GUARD, BR_FLOOD, BR_HAIRPIN_MODE, BR_ISOLATED, BR_LEARNING,
  BR_MCAST_FLOOD, BR_MULTICAST_FAST_LEAVE, BR_MULTICAST_TO_UNICAST, BR_NEIGH_SUPPRESS,
  BR_PROXYARP, BR_PROXYARP_WIFI, BR_ROOT_BLOCK, brPortOf, type NetBridgePort,
} from './br_private.js';
import type { BridgeId } from './br_private.js';

const RO = 0o444, RW = 0o644, WO = 0o200;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** br_show_bridge_id(): "8000.0a1b2c3d4e5f" */
export function brShowBridgeId(id: BridgeId): string {
  return `${hex2(id.prio >> 8)}${hex2(id.prio & 0xff)}.${[...id.addr].map(hex2).join('')}\n`;
}

/** "%#x": the kernel's vsprintf writes the 0x of zero too. */
export function hashHex(v: number): string {
  return `0x${v.toString(16)}\n`;
}

/** simple_strtoul(buf, &endp, 0): the leading number; EINVAL when there is none. */
export function simpleStrtoul(text: string): number {
  let base = 10;
  let s = text;
  if (/^0[xX][0-9a-fA-F]/.test(s)) {
    base = 16;
    s = s.slice(2);
  } else if (s.startsWith('0')) {
    base = 8;
  }
  const digits = base === 16 ? /^[0-9a-fA-F]+/ : base === 8 ? /^[0-7]+/ : /^[0-9]+/;
  const m = digits.exec(s);
  if (!m) throw new KernelError(EINVAL);
  return Number(BigInt.asUintN(64, BigInt(base === 16 ? '0x' + m[0] : base === 8 ? '0o' + m[0] : m[0])) & 0xffffffffn);
}

function num(v: number): string {
  return `${v}\n`;
}

function ro(show: () => string): SysFile {
  return customFile(RO, show, () => { throw new KernelError(EINVAL); });
}

function set(p: NetBridgePort, d: BridgePortData): void {
  brSetport(p, d);
  p.dev.gen++;
}

function rw(show: () => string, store: (val: number) => void): SysFile {
  return customFile(RW, show, (text) => store(simpleStrtoul(text)));
}

/** BRPORT_ATTR_FLAG(): 0/1 of a port flag. */
function flag(p: NetBridgePort, mask: number, key: keyof BridgePortData): SysFile {
  return rw(() => num(p.flags & mask ? 1 : 0), (v) => set(p, { [key]: v ? 1 : 0 }));
}

/** /sys/class/net/PORT/brport */
export function brportDir(p: NetBridgePort): SysNode {
  return dirNode(() => new Map<string, SysNode>([
    ['backup_port', customFile(RW, () => (p.backupPort ? `${p.backupPort.dev.name}\n` : ''), (text) => {
      // backup_port_store(): a device name, or nothing to clear it.
      const name = text.replace(/\n$/, '');
      if (!name) {
        set(p, { backup_port: 0 });
        return;
      }
      const dev = p.dev.netns.devByName(name);
      if (!dev) throw new KernelError(ENOENT);
      set(p, { backup_port: dev.ifindex });
    })],
    ['bpdu_guard', flag(p, BR_BPDU_GUARD, 'guard')],
    ['bridge', sysfsDevDir(p.br)],
    ['broadcast_flood', flag(p, BR_BCAST_FLOOD, 'bcast_flood')],
    ['change_ack', ro(() => num(p.topologyChangeAck))],
    ['config_pending', ro(() => num(p.configPending))],
    ['designated_bridge', ro(() => brShowBridgeId(p.designatedBridge))],
    ['designated_cost', ro(() => num(p.designatedCost))],
    ['designated_port', ro(() => num(p.designatedPort))],
    ['designated_root', ro(() => brShowBridgeId(p.designatedRoot))],
    ['flush', customFile(WO, () => '', () => set(p, { flush: true }))],
    ['forward_delay_timer', ro(() => num(p.forwardDelayTimer.value()))],
    ['group_fwd_mask', rw(() => hashHex(p.groupFwdMask), (v) => set(p, { group_fwd_mask: v }))],
    ['hairpin_mode', flag(p, BR_HAIRPIN_MODE, 'mode')],
    ['hold_timer', ro(() => num(p.holdTimer.value()))],
    ['isolated', flag(p, BR_ISOLATED, 'isolated')],
    ['learning', flag(p, BR_LEARNING, 'learning')],
    ['message_age_timer', ro(() => num(p.messageAgeTimer.value()))],
    ['multicast_fast_leave', flag(p, BR_MULTICAST_FAST_LEAVE, 'fast_leave')],
    ['multicast_flood', flag(p, BR_MCAST_FLOOD, 'mcast_flood')],
    ['multicast_router', rw(() => num(p.multicastRouter), (v) => set(p, { multicast_router: v }))],
    ['multicast_to_unicast', flag(p, BR_MULTICAST_TO_UNICAST, 'mcast_to_ucast')],
    ['neigh_suppress', flag(p, BR_NEIGH_SUPPRESS, 'neigh_suppress')],
    ['path_cost', rw(() => num(p.pathCost), (v) => set(p, { cost: v }))],
    ['port_id', ro(() => `0x${p.portId.toString(16)}\n`)],
    ['port_no', ro(() => `0x${p.portNo.toString(16)}\n`)],
    ['priority', rw(() => num(p.priority), (v) => set(p, { priority: v }))],
    ['proxyarp', flag(p, BR_PROXYARP, 'proxyarp')],
    ['proxyarp_wifi', flag(p, BR_PROXYARP_WIFI, 'proxyarp_wifi')],
    ['root_block', flag(p, BR_ROOT_BLOCK, 'protect')],
    ['state', ro(() => num(p.state))],
    ['unicast_flood', flag(p, BR_FLOOD, 'unicast_flood')],
  ]));
}

registerSysfsNetEntries(function* (dev: NetDevice): Iterable<[string, SysNode]> {
  const p = brPortOf(dev);
  if (!p) return;
  yield ['brport', brportDir(p)];
  // The adjacency links netdev_upper_dev_link() makes between a port and its bridge.
  yield ['master', sysfsDevDir(p.br)];
  yield [`upper_${p.br.name}`, sysfsDevDir(p.br)];
});
