// net/bridge/br_stp_if.c: turning ports and the bridge on and off as far as spanning tree
// is concerned, the bridge id (and with it the bridge's MAC address), priorities and costs.
import { ERANGE, KernelError } from '../errno.js';
import { callNetdeviceNotifiers } from '../core/notifier.js';
import type { Bridge } from './br_device.js';
import { brFdbChangeMacAddress, brFdbDeleteByPort } from './br_fdb.js';
import {
  BR_ADMIN_COST, BR_KERNEL_STP, BR_MAX_FORWARD_DELAY, BR_MAX_PATH_COST, BR_MAX_PORT_PRIORITY,
  BR_MIN_FORWARD_DELAY, BR_MIN_PATH_COST, BR_NO_STP, BR_PORT_BITS, BR_STATE_BLOCKING,
  BR_STATE_DISABLED, bridgeIdCmp, macCmp, macEq, type NetBridgePort,
} from './br_private.js';
import {
  brBecomeDesignatedPort, brBecomeRootBridge, brConfigurationUpdate, brIsDesignatedPort,
  brIsRootBridge, brPortStateSelection, brSetState, brSetTopologyChange, __brSetForwardDelay,
} from './br_stp.js';

/** br_make_port_id() */
function brMakePortId(priority: number, portNo: number): number {
  return ((priority << BR_PORT_BITS) | (portNo & ((1 << BR_PORT_BITS) - 1))) & 0xffff;
}

/** br_init_port() */
export function brInitPort(p: NetBridgePort): void {
  p.portId = brMakePortId(p.priority, p.portNo);
  brBecomeDesignatedPort(p);
  brSetState(p, BR_STATE_BLOCKING);
  p.topologyChangeAck = 0;
  p.configPending = 0;
}

/** br_stp_enable_bridge(): the FDB sweep starts 100 ms after the bridge comes up. */
export function brStpEnableBridge(br: Bridge): void {
  if (br.stpEnabled === BR_KERNEL_STP) br.helloTimer.modIn(br.helloTime);
  br.gcWork.modIn(Math.floor(250 / 10));
  for (const p of br.ports) {
    if (p.dev.isUp && netifOperUp(p)) brStpEnablePort(p);
  }
}

/** br_stp_disable_bridge() */
export function brStpDisableBridge(br: Bridge): void {
  for (const p of br.ports) {
    if (p.state !== BR_STATE_DISABLED) brStpDisablePort(p);
  }
  brSetTopologyChange(br, 0);
  br.topologyChangeDetected = 0;
  br.helloTimer.del();
  br.topologyChangeTimer.del();
  br.tcnTimer.del();
  br.gcWork.del();
}

/** netif_oper_up() */
export function netifOperUp(p: NetBridgePort): boolean {
  const op = p.dev.operstate;
  return op === 'UP' || op === 'UNKNOWN';
}

/** br_stp_enable_port() */
export function brStpEnablePort(p: NetBridgePort): void {
  brInitPort(p);
  brPortStateSelection(p.br);
}

/** br_stp_disable_port(): the port's learned entries go with it. */
export function brStpDisablePort(p: NetBridgePort): void {
  const br = p.br;
  const wasRoot = brIsRootBridge(br);
  brBecomeDesignatedPort(p);
  brSetState(p, BR_STATE_DISABLED);
  p.topologyChangeAck = 0;
  p.configPending = 0;
  p.messageAgeTimer.del();
  p.forwardDelayTimer.del();
  p.holdTimer.del();
  if (!p.backupPort) brFdbDeleteByPort(br, p, 0, false);
  brConfigurationUpdate(br);
  brPortStateSelection(br);
  if (brIsRootBridge(br) && !wasRoot) brBecomeRootBridge(br);
}

/** br_stp_start(): no /sbin/bridge-stp here, so always the kernel's STP. */
function brStpStart(br: Bridge): void {
  if (br.bridgeForwardDelay < BR_MIN_FORWARD_DELAY) __brSetForwardDelay(br, BR_MIN_FORWARD_DELAY);
  else if (br.bridgeForwardDelay > BR_MAX_FORWARD_DELAY) __brSetForwardDelay(br, BR_MAX_FORWARD_DELAY);
  br.stpEnabled = BR_KERNEL_STP;
  if (br.isUp) br.helloTimer.modIn(br.helloTime);
  brPortStateSelection(br);
}

/** br_stp_stop() */
function brStpStop(br: Bridge): void {
  br.stpEnabled = BR_NO_STP;
}

/** br_stp_set_enabled() */
export function brStpSetEnabled(br: Bridge, val: number): void {
  if (val) {
    if (br.stpEnabled === BR_NO_STP) brStpStart(br);
  } else if (br.stpEnabled !== BR_NO_STP) {
    brStpStop(br);
  }
}

/** br_stp_change_bridge_id(): also the bridge device's MAC address. */
export function brStpChangeBridgeId(br: Bridge, addr: Uint8Array): void {
  const wasRoot = brIsRootBridge(br);
  brFdbChangeMacAddress(br, br.ownAddr, addr);
  const oldaddr = br.bridgeId.addr.slice();
  br.bridgeId.addr = addr.slice();
  // eth_hw_addr_set(): addr_assign_type is left as it was
  br.addr = addr.slice();
  br.ownAddr = addr.slice();
  br.gen++;
  for (const p of br.ports) {
    if (macEq(p.designatedBridge.addr, oldaddr)) p.designatedBridge.addr = addr.slice();
    if (macEq(p.designatedRoot.addr, oldaddr)) p.designatedRoot.addr = addr.slice();
  }
  brConfigurationUpdate(br);
  brPortStateSelection(br);
  if (brIsRootBridge(br) && !wasRoot) brBecomeRootBridge(br);
}

/** br_stp_recalculate_bridge_id(): unless the user chose one, the bridge takes the lowest
 *  port address — or 00:00:00:00:00:00 once it has no ports. Returns true when it changed. */
export function brStpRecalculateBridgeId(br: Bridge): boolean {
  if (br.addrAssignType === 3) return false; // NET_ADDR_SET
  let addr: Uint8Array = new Uint8Array(6);
  let first = true;
  for (const p of br.ports) {
    if (first || macCmp(p.dev.addr, addr) < 0) addr = p.dev.addr;
    first = false;
  }
  if (macEq(br.bridgeId.addr, addr)) return false;
  brStpChangeBridgeId(br, addr);
  return true;
}

/** The caller's follow-up to a changed bridge id (call_netdevice_notifiers(CHANGEADDR)). */
export function brNotifyChangeAddr(br: Bridge): void {
  callNetdeviceNotifiers('CHANGEADDR', br);
}

/** br_stp_set_bridge_priority() */
export function brStpSetBridgePriority(br: Bridge, newprio: number): void {
  const wasRoot = brIsRootBridge(br);
  for (const p of br.ports) {
    if (p.state !== BR_STATE_DISABLED && brIsDesignatedPort(p)) p.designatedBridge.prio = newprio;
  }
  br.bridgeId.prio = newprio;
  brConfigurationUpdate(br);
  brPortStateSelection(br);
  if (brIsRootBridge(br) && !wasRoot) brBecomeRootBridge(br);
}

/** br_stp_set_port_priority() */
export function brStpSetPortPriority(p: NetBridgePort, newprio: number): void {
  if (newprio > BR_MAX_PORT_PRIORITY) throw new KernelError(ERANGE);
  const newPortId = brMakePortId(newprio, p.portNo);
  if (brIsDesignatedPort(p)) p.designatedPort = newPortId;
  p.portId = newPortId;
  p.priority = newprio;
  if (bridgeIdCmp(p.br.bridgeId, p.designatedBridge) === 0 && p.portId < p.designatedPort) {
    brBecomeDesignatedPort(p);
    brPortStateSelection(p.br);
  }
}

/** br_stp_set_path_cost() */
export function brStpSetPathCost(p: NetBridgePort, cost: number): void {
  if (cost < BR_MIN_PATH_COST || cost > BR_MAX_PATH_COST) throw new KernelError(ERANGE);
  p.flags |= BR_ADMIN_COST;
  p.pathCost = cost;
  brConfigurationUpdate(p.br);
  brPortStateSelection(p.br);
}
