// net/bridge/br_if.c: adding and removing ports (ip link set X master br0 / nomaster), the
// bridge's MTU and TSO limits that follow its ports, and port carrier changes.
import type { NetDevice } from '../core/netdevice.js';
import { IFF_LOOPBACK, ARPHRD_ETHER } from '../core/if.js';
import { devSetMtu } from '../core/dev.js';
import { callNetdeviceNotifiers } from '../core/notifier.js';
import { EBUSY, EINVAL, ELOOP, ENOSPC, KernelError } from '../errno.js';
import { Bridge } from './br_device.js';
import { brFdbDeleteByPort, fdbAddLocal } from './br_fdb.js';
import { brHandleFrame } from './br_input.js';
import {
  BR_ADMIN_COST, BR_MAX_PORTS, BR_PROMISC, BR_STATE_DISABLED, NetBridgePort, brPortOf,
  isValidEtherAddr,
} from './br_private.js';
import { brForwardDelayTimerExpired, brHoldTimerExpired, brMessageAgeTimerExpired, brSetState } from './br_stp.js';
import {
  brInitPort, brNotifyChangeAddr, brStpDisablePort, brStpEnablePort, brStpRecalculateBridgeId,
  netifOperUp,
} from './br_stp_if.js';

/** port_cost(): the 802.1D recommendation by link speed (veth reports 10 Gb/s), else 100. */
export function portCost(dev: NetDevice): number {
  const speed = dev.kind === 'veth' ? 10000 : (dev as unknown as { speed?: unknown }).speed;
  if (typeof speed === 'number') {
    switch (speed) {
      case 10000: return 2;
      case 5000: return 3;
      case 2500: return 4;
      case 1000: return 5;
      case 100: return 19;
      case 10: return 100;
      case -1: return 100;
      default: if (speed > 10000) return 1;
    }
  }
  if (dev.name.startsWith('lec')) return 7;
  if (dev.name.startsWith('plip')) return 2500;
  return 100;
}

/** find_portno(): the lowest free port number (0 is reserved). */
function findPortno(br: Bridge): number {
  const used = new Set(br.ports.map((p) => p.portNo));
  for (let i = 1; i < BR_MAX_PORTS; i++) if (!used.has(i)) return i;
  throw new KernelError(ENOSPC);
}

/** br_mtu_min() */
function brMtuMin(br: Bridge): number {
  let m = 0;
  for (const p of br.ports) if (!m || m > p.dev.mtu) m = p.dev.mtu;
  return m || 1500;
}

/** br_mtu_auto_adjust(): the smallest port MTU, unless the user set one. */
export function brMtuAutoAdjust(br: Bridge): void {
  if (br.mtuSetByUser) return;
  devSetMtu(br, brMtuMin(br));
  br.mtuSetByUser = false;
}

/** br_set_gso_limits() */
function brSetGsoLimits(br: Bridge): void {
  let size = 524280;
  let segs = 65535;
  for (const p of br.ports) {
    size = Math.min(size, p.dev.tsoMaxSize);
    segs = Math.min(segs, p.dev.tsoMaxSegs);
  }
  br.tsoMaxSize = Math.min(size, 524280);
  br.tsoMaxSegs = segs;
  if (size < br.gsoMaxSize) br.gsoMaxSize = size;
}

/** br_manage_promisc(): without VLAN filtering every port is promiscuous. */
function brManagePromisc(br: Bridge): void {
  for (const p of br.ports) {
    if (p.flags & BR_PROMISC) continue;
    p.dev.promiscCount++;
    p.dev.gen++;
    p.flags |= BR_PROMISC;
  }
}

/** br_add_if() */
export function brAddIf(br: Bridge, dev: NetDevice): void {
  // Don't allow bridging non-ethernet like devices.
  if ((dev.flags & IFF_LOOPBACK) || dev.type !== ARPHRD_ETHER || dev.addr.length !== 6 || !isValidEtherAddr(dev.addr)) {
    throw new KernelError(EINVAL);
  }
  if (dev instanceof Bridge) throw new KernelError(ELOOP, 'Can not enslave a bridge to a bridge');
  if (dev.master) throw new KernelError(EBUSY);
  // new_nbp()
  const p = new NetBridgePort(br, dev, findPortno(br), portCost(dev),
    brMessageAgeTimerExpired, brForwardDelayTimerExpired, brHoldTimerExpired);
  brInitPort(p);
  brSetState(p, BR_STATE_DISABLED);
  dev.allmultiCount++;
  dev.rxHandler = (skb) => brHandleFrame(p, skb);
  dev.brport = p;
  dev.master = br;
  dev.gen++;
  br.ports.unshift(p);
  brManagePromisc(br);
  fdbAddLocal(br, p, dev.addr, 0);
  const changedAddr = brStpRecalculateBridgeId(br);
  if (dev.isUp && netifOperUp(p) && br.isUp) brStpEnablePort(p);
  callNetdeviceNotifiers('CHANGEUPPER', dev);
  if (changedAddr) brNotifyChangeAddr(br);
  brMtuAutoAdjust(br);
  brSetGsoLimits(br);
}

/** del_nbp() */
function delNbp(p: NetBridgePort): void {
  const br = p.br;
  const dev = p.dev;
  dev.allmultiCount--;
  if (p.flags & BR_PROMISC) dev.promiscCount--;
  brStpDisablePort(p);
  const i = br.ports.indexOf(p);
  if (i >= 0) br.ports.splice(i, 1);
  brFdbDeleteByPort(br, p, 0, true);
  // nbp_backup_clear()
  p.backupPort = undefined;
  for (const o of br.ports) if (o.backupPort === p) o.backupPort = undefined;
  dev.master = undefined;
  dev.brport = undefined;
  dev.rxHandler = undefined;
  dev.gen++;
  callNetdeviceNotifiers('CHANGEUPPER', dev);
}

/** br_del_if() */
export function brDelIf(br: Bridge, dev: NetDevice): void {
  const p = brPortOf(dev);
  if (!p || p.br !== br) throw new KernelError(EINVAL);
  delNbp(p);
  brMtuAutoAdjust(br);
  brSetGsoLimits(br);
  if (brStpRecalculateBridgeId(br)) brNotifyChangeAddr(br);
}

/** br_dev_delete(): the ports leave, then the bridge's own entries and timers go. */
export function brDevDelete(br: Bridge): void {
  for (const p of [...br.ports]) delNbp(p);
  brFdbDeleteByPort(br, undefined, 0, true);
  br.helloTimer.del();
  br.topologyChangeTimer.del();
  br.tcnTimer.del();
  br.gcWork.del();
}

/** br_port_carrier_check(): a port that gains carrier joins the spanning tree. */
export function brPortCarrierCheck(p: NetBridgePort): void {
  const dev = p.dev;
  const br = p.br;
  if (!(p.flags & BR_ADMIN_COST) && dev.isUp && netifOperUp(p)) p.pathCost = portCost(dev);
  if (!br.isUp) return;
  if (dev.isUp && netifOperUp(p)) {
    if (p.state === BR_STATE_DISABLED) brStpEnablePort(p);
  } else if (p.state !== BR_STATE_DISABLED) {
    brStpDisablePort(p);
  }
}
