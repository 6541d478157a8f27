// net/bridge/br_multicast.c, the little of it netsim needs: the bridge joins the multicast
// router discovery groups (224.0.0.106, ff02::6a) while it is up with snooping on — as IPv4
// and IPv6 group memberships, so they land on its address list (01:00:5e:00:00:6a,
// 33:33:00:00:00:6a) and are announced with IGMP/MLD reports — and the validation of the
// multicast settings. Snooping itself is not emulated: with no querier elected, Linux
// floods every group, and so does netsim.
import { EINVAL, KernelError } from '../errno.js';
import type { Bridge } from './br_device.js';
import { mcGroupOps } from './dev_addr_lists.js';
import { MDB_RTR_TYPE_DISABLED, MDB_RTR_TYPE_PERM, MDB_RTR_TYPE_TEMP, MDB_RTR_TYPE_TEMP_QUERY, type NetBridgePort } from './br_private.js';

/** INADDR_ALLSNOOPERS_GROUP */
const ALLSNOOPERS_V4 = 0xe000006a;
/** ff02::6a */
const ALLSNOOPERS_V6 = new Uint8Array([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x6a]);

/** br_multicast_join_snoopers(): br_ip4_ then br_ip6_multicast_join_snoopers(). */
export function brMulticastJoinSnoopers(br: Bridge): void {
  if (br.snoopersJoined) return;
  mcGroupOps.ip4Inc?.(br, ALLSNOOPERS_V4);
  mcGroupOps.ip6Inc?.(br, ALLSNOOPERS_V6);
  br.snoopersJoined = true;
}

/** br_multicast_leave_snoopers() */
export function brMulticastLeaveSnoopers(br: Bridge): void {
  if (!br.snoopersJoined) return;
  mcGroupOps.ip4Dec?.(br, ALLSNOOPERS_V4);
  mcGroupOps.ip6Dec?.(br, ALLSNOOPERS_V6);
  br.snoopersJoined = false;
}

/** br_multicast_toggle() */
export function brMulticastToggle(br: Bridge, val: number): void {
  const on = val !== 0;
  if (br.mcastSnooping === on) return;
  br.mcastSnooping = on;
  if (!on) brMulticastLeaveSnoopers(br);
  else if (br.isUp) brMulticastJoinSnoopers(br);
}

/** br_multicast_set_router() */
export function brMulticastSetRouter(br: Bridge, val: number): void {
  if (val !== MDB_RTR_TYPE_DISABLED && val !== MDB_RTR_TYPE_TEMP_QUERY && val !== MDB_RTR_TYPE_PERM) throw new KernelError(EINVAL);
  br.mcastRouter = val;
}

/** br_multicast_set_port_router() */
export function brMulticastSetPortRouter(p: NetBridgePort, val: number): void {
  if (val > MDB_RTR_TYPE_TEMP) throw new KernelError(EINVAL);
  p.multicastRouter = val;
}

/** br_multicast_set_igmp_version() */
export function brMulticastSetIgmpVersion(br: Bridge, val: number): void {
  if (val !== 2 && val !== 3) throw new KernelError(EINVAL);
  br.mcastIgmpVersion = val;
}

/** br_multicast_set_mld_version() */
export function brMulticastSetMldVersion(br: Bridge, val: number): void {
  if (val !== 1 && val !== 2) throw new KernelError(EINVAL);
  br.mcastMldVersion = val;
}
