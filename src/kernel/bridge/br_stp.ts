// net/bridge/br_stp.c and br_stp_timer.c: port states and the spanning tree's timers.
// netsim's kernel STP is that of a bridge that hears no BPDUs (it stays the root bridge
// and every port is designated): ports go listening -> learning -> forwarding on the
// forward delay, topology changes shorten the ageing time, and the timers `ip -d link`
// shows run as on Linux. BPDUs are neither sent nor parsed.
import { netifCarrier } from '../core/dev.js';
import type { Bridge } from './br_device.js';
import {
  BR_KERNEL_STP, BR_NO_STP, BR_STATE_BLOCKING, BR_STATE_DISABLED, BR_STATE_FORWARDING,
  BR_STATE_LEARNING, BR_STATE_LISTENING, BR_USER_STP, BR_MIN_FORWARD_DELAY, BR_MAX_FORWARD_DELAY,
  BR_MIN_HELLO_TIME, BR_MAX_HELLO_TIME, BR_MIN_MAX_AGE, BR_MAX_MAX_AGE, HZ, bridgeIdCmp,
  bridgeIdCopy, clockToJiffies, type NetBridgePort,
} from './br_private.js';
import { ERANGE, KernelError } from '../errno.js';

/** br_set_state() */
export function brSetState(p: NetBridgePort, state: number): void {
  p.state = state;
  p.dev.gen++;
  if (p.br.stpEnabled === BR_KERNEL_STP) {
    if (state === BR_STATE_BLOCKING) p.stpXstats.transition_blk++;
    else if (state === BR_STATE_FORWARDING) p.stpXstats.transition_fwd++;
  }
}

/** br_is_root_bridge() */
export function brIsRootBridge(br: Bridge): boolean {
  return bridgeIdCmp(br.bridgeId, br.designatedRoot) === 0;
}

/** br_is_designated_port() */
export function brIsDesignatedPort(p: NetBridgePort): boolean {
  return bridgeIdCmp(p.designatedBridge, p.br.bridgeId) === 0 && p.designatedPort === p.portId;
}

/** br_become_designated_port() */
export function brBecomeDesignatedPort(p: NetBridgePort): void {
  const br = p.br;
  p.designatedRoot = bridgeIdCopy(br.designatedRoot);
  p.designatedCost = br.rootPathCost;
  p.designatedBridge = bridgeIdCopy(br.bridgeId);
  p.designatedPort = p.portId;
}

/** br_configuration_update(): root selection and designated port selection. With no
 *  BPDUs heard the bridge is the root and every enabled port is designated. */
export function brConfigurationUpdate(br: Bridge): void {
  br.rootPort = 0;
  br.designatedRoot = bridgeIdCopy(br.bridgeId);
  br.rootPathCost = 0;
  for (const p of br.ports) {
    if (p.state !== BR_STATE_DISABLED) brBecomeDesignatedPort(p);
  }
}

/** __br_set_topology_change(): during a change, entries age out after 2 * forward delay. */
export function brSetTopologyChange(br: Bridge, val: number): void {
  if (br.stpEnabled === BR_KERNEL_STP && br.topologyChange !== val) {
    br.ageingTime = val ? 2 * br.forwardDelay : br.bridgeAgeingTime;
  }
  br.topologyChange = val;
}

/** br_topology_change_detection() */
export function brTopologyChangeDetection(br: Bridge): void {
  if (br.stpEnabled !== BR_KERNEL_STP) return;
  if (brIsRootBridge(br)) {
    brSetTopologyChange(br, 1);
    br.topologyChangeTimer.modIn(br.bridgeForwardDelay + br.bridgeMaxAge);
  } else if (!br.topologyChangeDetected) {
    br.tcnTimer.modIn(br.bridgeHelloTime);
  }
  br.topologyChangeDetected = 1;
}

/** br_become_root_bridge() */
export function brBecomeRootBridge(br: Bridge): void {
  br.maxAge = br.bridgeMaxAge;
  br.helloTime = br.bridgeHelloTime;
  br.forwardDelay = br.bridgeForwardDelay;
  brTopologyChangeDetection(br);
  br.tcnTimer.del();
  if (br.isUp) br.helloTimer.modIn(br.helloTime);
}

/** br_make_blocking() */
function brMakeBlocking(p: NetBridgePort): void {
  if (p.state !== BR_STATE_DISABLED && p.state !== BR_STATE_BLOCKING) {
    if (p.state === BR_STATE_FORWARDING || p.state === BR_STATE_LEARNING) brTopologyChangeDetection(p.br);
    brSetState(p, BR_STATE_BLOCKING);
    p.forwardDelayTimer.del();
  }
}

/** br_make_forwarding(): immediately without STP, else through listening/learning. The
 *  forward delay timer runs in every case (ip -d link shows it counting down). */
function brMakeForwarding(p: NetBridgePort): void {
  const br = p.br;
  if (p.state !== BR_STATE_BLOCKING) return;
  if (br.stpEnabled === BR_NO_STP || br.forwardDelay === 0) {
    brSetState(p, BR_STATE_FORWARDING);
    brTopologyChangeDetection(br);
    p.forwardDelayTimer.del();
  } else if (br.stpEnabled === BR_KERNEL_STP) {
    brSetState(p, BR_STATE_LISTENING);
  } else {
    brSetState(p, BR_STATE_LEARNING);
  }
  if (br.forwardDelay !== 0) p.forwardDelayTimer.modIn(br.forwardDelay);
}

/** br_port_state_selection(): also sets the bridge's carrier: on while any port forwards. */
export function brPortStateSelection(br: Bridge): void {
  let liveports = 0;
  for (const p of br.ports) {
    if (p.state === BR_STATE_DISABLED) continue;
    if (br.stpEnabled !== BR_USER_STP) {
      if (p.portNo === br.rootPort) {
        p.configPending = 0;
        p.topologyChangeAck = 0;
        brMakeForwarding(p);
      } else if (brIsDesignatedPort(p)) {
        p.messageAgeTimer.del();
        brMakeForwarding(p);
      } else {
        p.configPending = 0;
        p.topologyChangeAck = 0;
        brMakeBlocking(p);
      }
    }
    if (p.state === BR_STATE_FORWARDING) liveports++;
  }
  netifCarrier(br, liveports > 0);
}

/** br_is_designated_for_some_port() */
function brIsDesignatedForSomePort(br: Bridge): boolean {
  return br.ports.some((p) => p.state !== BR_STATE_DISABLED && bridgeIdCmp(p.designatedBridge, br.bridgeId) === 0);
}

// --- br_stp_timer.c -----------------------------------------------------------------------

/** br_hello_timer_expired(): config BPDUs would go out here; re-armed on a whole second. */
export function brHelloTimerExpired(br: Bridge): void {
  if (br.isUp && br.stpEnabled === BR_KERNEL_STP) {
    // round_jiffies(): to the next whole second
    const t = br.jiffies + br.helloTime;
    br.helloTimer.mod(Math.ceil(t / HZ) * HZ);
  }
}

/** br_message_age_timer_expired(): the root we heard of went silent; we become root. */
export function brMessageAgeTimerExpired(p: NetBridgePort): void {
  const br = p.br;
  if (p.state === BR_STATE_DISABLED) return;
  const wasRoot = brIsRootBridge(br);
  brBecomeDesignatedPort(p);
  brConfigurationUpdate(br);
  brPortStateSelection(br);
  if (brIsRootBridge(br) && !wasRoot) brBecomeRootBridge(br);
}

/** br_forward_delay_timer_expired(): listening -> learning -> forwarding. */
export function brForwardDelayTimerExpired(p: NetBridgePort): void {
  const br = p.br;
  if (p.state === BR_STATE_LISTENING) {
    brSetState(p, BR_STATE_LEARNING);
    p.forwardDelayTimer.modIn(br.forwardDelay);
  } else if (p.state === BR_STATE_LEARNING) {
    brSetState(p, BR_STATE_FORWARDING);
    if (brIsDesignatedForSomePort(br)) brTopologyChangeDetection(br);
    netifCarrier(br, true);
  }
}

/** br_hold_timer_expired(): a pending config BPDU would be sent now. */
export function brHoldTimerExpired(p: NetBridgePort): void {
  p.configPending = 0;
}

/** br_tcn_timer_expired() */
export function brTcnTimerExpired(br: Bridge): void {
  if (!brIsRootBridge(br) && br.isUp) br.tcnTimer.modIn(br.bridgeHelloTime);
}

/** br_topology_change_timer_expired() */
export function brTopologyChangeTimerExpired(br: Bridge): void {
  br.topologyChangeDetected = 0;
  brSetTopologyChange(br, 0);
}

// --- the settings of br_stp.c (values in clock_t, as netlink carries them) -----------------

/** __br_set_forward_delay() */
export function __brSetForwardDelay(br: Bridge, t: number): void {
  br.bridgeForwardDelay = t;
  if (brIsRootBridge(br)) br.forwardDelay = t;
}

/** br_set_forward_delay(): range-checked only while STP runs. */
export function brSetForwardDelay(br: Bridge, val: number): void {
  const t = clockToJiffies(val);
  if (br.stpEnabled !== BR_NO_STP && (t < BR_MIN_FORWARD_DELAY || t > BR_MAX_FORWARD_DELAY)) throw new KernelError(ERANGE);
  __brSetForwardDelay(br, t);
}

/** br_set_hello_time() */
export function brSetHelloTime(br: Bridge, val: number): void {
  const t = clockToJiffies(val);
  if (t < BR_MIN_HELLO_TIME || t > BR_MAX_HELLO_TIME) throw new KernelError(ERANGE);
  br.bridgeHelloTime = t;
  if (brIsRootBridge(br)) br.helloTime = t;
}

/** br_set_max_age() */
export function brSetMaxAge(br: Bridge, val: number): void {
  const t = clockToJiffies(val);
  if (t < BR_MIN_MAX_AGE || t > BR_MAX_MAX_AGE) throw new KernelError(ERANGE);
  br.bridgeMaxAge = t;
  if (brIsRootBridge(br)) br.maxAge = t;
}

/** br_set_ageing_time(): also runs the ageing sweep at once. */
export function brSetAgeingTime(br: Bridge, val: number): void {
  const t = clockToJiffies(val);
  br.bridgeAgeingTime = t;
  br.ageingTime = t;
  br.gcWork.modIn(0);
}
