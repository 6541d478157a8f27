// net/bridge/br_multicast.c, the little of it netsim needs: the bridge joins the multicast
// router discovery groups (224.0.0.106, ff02::6a) while it is up with snooping on, which
// puts 01:00:5e:00:00:6a and 33:33:00:00:00:6a on its address list, and the validation of
// the multicast settings. Snooping itself is not emulated: with no querier elected, Linux
// floods every group, and so does netsim.
import { EINVAL, KernelError } from '../errno.js';
import type { Bridge } from './br_device.js';
import { devMcAdd, devMcDel, ipEthMcMap, ipv6EthMcMap } from './dev_addr_lists.js';
import { MDB_RTR_TYPE_DISABLED, MDB_RTR_TYPE_PERM, MDB_RTR_TYPE_TEMP, MDB_RTR_TYPE_TEMP_QUERY, type NetBridgePort } from './br_private.js';

const SNOOPERS_V4 = ipEthMcMap(0xe000006a);
const SNOOPERS_V6 = ipv6EthMcMap(0x6a);

/** br_multicast_join_snoopers() */
export function brMulticastJoinSnoopers(br: Bridge): void {
  if (br.snoopersJoined) return;
  devMcAdd(br, SNOOPERS_V4);
  devMcAdd(br, SNOOPERS_V6);
  br.snoopersJoined = true;
}

/** br_multicast_leave_snoopers() */
export function brMulticastLeaveSnoopers(br: Bridge): void {
  if (!br.snoopersJoined) return;
  for (const a of [SNOOPERS_V4, SNOOPERS_V6]) {
    try {
      devMcDel(br, a);
    } catch { /* not joined */ }
  }
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
