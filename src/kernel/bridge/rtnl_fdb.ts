// The PF_BRIDGE neighbour requests of net/core/rtnetlink.c (rtnl_fdb_add, rtnl_fdb_del,
// rtnl_fdb_dump, rtnl_fdb_get, bulk delete) with ndo_dflt_fdb_add/del/dump, which is what
// `bridge fdb` talks to. They dispatch to the bridge (NTF_MASTER, the default for a port)
// or to the device itself (NTF_SELF: its own address lists, or the bridge's FDB when the
// device is a bridge). Kept beside the bridge until core/ takes them over.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { ARPHRD_ETHER } from '../core/if.js';
import { EEXIST, EINVAL, ENODEV, ENOENT, EOPNOTSUPP, KernelError } from '../errno.js';
import { Bridge } from './br_device.js';
import {
  brFdbAdd, brFdbDelete, brFdbDeleteBulk, brFdbDumpEntries, brFdbFind, fdbNdmFlags, fdbToNud,
  type NdmRequest,
} from './br_fdb.js';
import { BR_FDB_ADDED_BY_EXT_LEARN, BR_FDB_ADDED_BY_USER, BR_FDB_LOCAL, BR_FDB_OFFLOADED, BR_FDB_STATIC, BR_FDB_STICKY, NTF_EXT_LEARNED, NTF_MASTER, NTF_OFFLOADED, NTF_SELF, NTF_STICKY, NTF_USE, NUD_NOARP, NUD_PERMANENT, brPortOf, jiffiesToClock } from './br_private.js';
import {
  devMcAddExcl, devMcDel, devMcList, devUcAddExcl, devUcDel, devUcList,
} from './dev_addr_lists.js';

/** One RTM_NEWNEIGH message of an AF_BRIDGE dump. */
export interface FdbMsg {
  ifindex: number;
  mac: Uint8Array;
  /** ndm_flags (NTF_*) */
  flags: number;
  /** ndm_state (NUD_*) */
  state: number;
  /** NDA_MASTER */
  master?: number;
  /** NDA_VLAN */
  vlan?: number;
  /** NDA_CACHEINFO: clock_t since last use and last update. */
  cacheinfo?: { used: number; updated: number };
}

/** An RTM_NEWNEIGH/RTM_DELNEIGH request. */
export interface FdbRequest {
  ifindex: number;
  mac: Uint8Array;
  flags: number;
  state: number;
  vlan?: number;
  /** NLM_F_CREATE / NLM_F_EXCL / NLM_F_REPLACE / NLM_F_APPEND */
  create?: boolean;
  excl?: boolean;
  replace?: boolean;
  append?: boolean;
}

function devOrThrow(ns: Netns, ifindex: number): NetDevice {
  if (!ifindex) throw new KernelError(EINVAL, 'invalid ifindex');
  const dev = ns.devByIndex(ifindex);
  if (!dev) throw new KernelError(ENODEV, 'unknown ifindex');
  return dev;
}

/** fdb_vid_parse() */
function vidParse(vlan: number | undefined): number {
  if (vlan === undefined) return 0;
  if (!vlan || vlan >= 4095) throw new KernelError(EINVAL, 'invalid vlan id');
  return vlan;
}

function isUnicastOrLinkLocal(a: Uint8Array): boolean {
  return (a[0]! & 1) === 0 ||
    (a[0] === 0x01 && a[1] === 0x80 && a[2] === 0xc2 && a[3] === 0 && a[4] === 0 && (a[5]! & 0xf0) === 0);
}

/** ndo_dflt_fdb_add(): the device's own unicast/multicast address lists. */
function ndoDfltFdbAdd(req: FdbRequest, dev: NetDevice, vid: number): void {
  if (req.state && !(req.state & NUD_PERMANENT)) throw new KernelError(EINVAL);
  if (vid) throw new KernelError(EINVAL);
  try {
    if (isUnicastOrLinkLocal(req.mac)) devUcAddExcl(dev, req.mac);
    else devMcAddExcl(dev, req.mac);
  } catch (e) {
    // Only report duplicates when NLM_F_EXCL is set.
    if (e instanceof KernelError && e.errno === EEXIST && !req.excl) return;
    throw e;
  }
}

/** ndo_dflt_fdb_del() */
function ndoDfltFdbDel(req: FdbRequest, dev: NetDevice, vid: number): void {
  if (!(req.state & NUD_PERMANENT)) throw new KernelError(EINVAL);
  if (vid) throw new KernelError(EINVAL);
  if (isUnicastOrLinkLocal(req.mac)) devUcDel(dev, req.mac);
  else devMcDel(dev, req.mac);
}

/** rtnl_fdb_add(): `bridge fdb add/append/replace`. */
export function rtnlFdbAdd(ns: Netns, req: FdbRequest): void {
  const dev = devOrThrow(ns, req.ifindex);
  if (req.mac.length !== 6) throw new KernelError(EINVAL, 'invalid address');
  if (dev.type !== ARPHRD_ETHER) throw new KernelError(EINVAL, 'FDB add only supported for Ethernet devices');
  const vid = vidParse(req.vlan);
  let flags = req.flags;
  const ndm: NdmRequest = { state: req.state, flags, nlCreate: req.create, nlExcl: req.excl, nlReplace: req.replace };
  let err: KernelError | undefined = new KernelError(EOPNOTSUPP);
  // Support fdb on master device the net/bridge default case.
  if ((!flags || (flags & NTF_MASTER)) && brPortOf(dev)) {
    brFdbAdd(ndm, dev, req.mac, vid);
    err = undefined;
    flags &= ~NTF_MASTER;
  }
  // Embedded bridge, macvlan, and any other device support.
  if (flags & NTF_SELF) {
    if (dev instanceof Bridge) brFdbAdd(ndm, dev, req.mac, vid);
    else ndoDfltFdbAdd(req, dev, vid);
    err = undefined;
  }
  if (err) throw err;
}

/** rtnl_fdb_del(): `bridge fdb del`. */
export function rtnlFdbDel(ns: Netns, req: FdbRequest): void {
  const dev = devOrThrow(ns, req.ifindex);
  if (req.mac.length !== 6) throw new KernelError(EINVAL, 'invalid address');
  const vid = vidParse(req.vlan);
  if (dev.type !== ARPHRD_ETHER) throw new KernelError(EINVAL, 'FDB delete only supported for Ethernet devices');
  let flags = req.flags;
  let err: KernelError | undefined = new KernelError(EOPNOTSUPP);
  if ((!flags || (flags & NTF_MASTER)) && brPortOf(dev)) {
    brFdbDelete(dev, req.mac, vid);
    err = undefined;
    flags &= ~NTF_MASTER;
  }
  if (flags & NTF_SELF) {
    if (dev instanceof Bridge) brFdbDelete(dev, req.mac, vid);
    else ndoDfltFdbDel(req, dev, vid);
    err = undefined;
  }
  if (err) throw err;
}

/** An NLM_F_BULK delete (`bridge fdb flush`): state and flags with their masks. */
export interface FdbFlushRequest {
  ifindex: number;
  flags: number;
  state: number;
  stateMask?: number;
  flagsMask?: number;
  /** NDA_IFINDEX: only entries on this port. */
  portIfindex?: number;
  vlan?: number;
}

/** __ndm_state_to_fdb_flags() / __ndm_flags_to_fdb_flags() */
function ndmStateToFdbFlags(s: number): number {
  let f = 0;
  if (s & NUD_PERMANENT) f |= BR_FDB_LOCAL;
  if (s & NUD_NOARP) f |= BR_FDB_STATIC;
  return f;
}
function ndmFlagsToFdbFlags(n: number): number {
  let f = 0;
  if (n & NTF_USE) f |= BR_FDB_ADDED_BY_USER;
  if (n & NTF_EXT_LEARNED) f |= BR_FDB_ADDED_BY_EXT_LEARN;
  if (n & NTF_OFFLOADED) f |= BR_FDB_OFFLOADED;
  if (n & NTF_STICKY) f |= BR_FDB_STICKY;
  return f;
}

/** rtnl_fdb_del() with NLM_F_BULK -> br_fdb_delete_bulk() */
export function rtnlFdbFlush(ns: Netns, req: FdbFlushRequest): void {
  const dev = devOrThrow(ns, req.ifindex);
  if (dev.type !== ARPHRD_ETHER) throw new KernelError(EINVAL, 'FDB delete only supported for Ethernet devices');
  const vid = req.vlan ?? 0;
  const desc = {
    flags: ndmStateToFdbFlags(req.state) | ndmFlagsToFdbFlags(req.flags),
    flagsMask: ndmStateToFdbFlags(req.stateMask ?? 0) | ndmFlagsToFdbFlags(req.flagsMask ?? 0),
    portIfindex: req.portIfindex ?? 0,
    vlanId: vid,
  };
  let flags = req.flags;
  let err: KernelError | undefined = new KernelError(EOPNOTSUPP);
  if ((!(flags & (NTF_SELF | NTF_MASTER)) || (flags & NTF_MASTER)) && brPortOf(dev)) {
    brFdbDeleteBulk(dev, desc);
    err = undefined;
    flags &= ~NTF_MASTER;
  }
  if (flags & NTF_SELF) {
    if (dev instanceof Bridge) brFdbDeleteBulk(dev, desc);
    else throw new KernelError(EOPNOTSUPP);
    err = undefined;
  }
  if (err) throw err;
}

/** ndo_dflt_fdb_dump(): the address lists, unicast then multicast, as "self permanent". */
function ndoDfltFdbDump(dev: NetDevice, out: FdbMsg[]): void {
  if (dev.type !== ARPHRD_ETHER) return;
  for (const a of [...devUcList(dev), ...devMcList(dev)]) {
    out.push({ ifindex: dev.ifindex, mac: a.slice(), flags: NTF_SELF, state: NUD_PERMANENT });
  }
}

/** fdb_fill_info() */
function fdbFill(br: Bridge, f: ReturnType<typeof brFdbDumpEntries>[number]): FdbMsg {
  const now = br.jiffies;
  const m: FdbMsg = {
    ifindex: f.dst ? f.dst.dev.ifindex : br.ifindex,
    mac: f.addr.slice(),
    flags: fdbNdmFlags(f),
    state: fdbToNud(br, f),
    master: br.ifindex,
    cacheinfo: { used: jiffiesToClock(now - f.used), updated: jiffiesToClock(now - f.updated) },
  };
  if (f.vid) m.vlan = f.vid;
  return m;
}

/** br_fdb_dump() */
function brFdbDump(br: Bridge, filterDev: NetDevice | undefined, out: FdbMsg[]): void {
  if (!filterDev) ndoDfltFdbDump(br, out);
  for (const f of brFdbDumpEntries(br, filterDev)) out.push(fdbFill(br, f));
}

/** rtnl_fdb_dump(): `bridge fdb show [br BR] [brport|dev DEV]`, device by device in ifindex
 *  order: a port's entries in its bridge, then each device's own ("self") addresses. */
export function rtnlFdbDump(ns: Netns, filter: { brIndex?: number; portIndex?: number } = {}): FdbMsg[] {
  const out: FdbMsg[] = [];
  let filterBr: NetDevice | undefined;
  if (filter.brIndex) {
    filterBr = ns.devByIndex(filter.brIndex);
    if (!filterBr) throw new KernelError(ENODEV);
  }
  for (const dev of ns.devices()) {
    if (filter.portIndex && dev.ifindex !== filter.portIndex) continue;
    let brDev: NetDevice | undefined;
    const isPort = brPortOf(dev) !== undefined;
    if (!filterBr) {
      if (isPort) brDev = dev.master;
    } else {
      if (dev !== filterBr && !isPort) continue;
      if (filterBr !== dev.master && !(dev instanceof Bridge)) continue;
      brDev = filterBr;
    }
    if (isPort && brDev instanceof Bridge) brFdbDump(brDev, dev, out);
    if (dev instanceof Bridge) brFdbDump(dev, undefined, out);
    else ndoDfltFdbDump(dev, out);
  }
  return out;
}

/** rtnl_fdb_get() -> br_fdb_get(): `bridge fdb get ADDR br BR | dev PORT`. */
export function rtnlFdbGet(ns: Netns, req: { mac: Uint8Array; ifindex?: number; brIndex?: number; flags: number; vlan?: number }): FdbMsg {
  let dev: NetDevice | undefined;
  let brDev: NetDevice | undefined;
  let opsDev: NetDevice | undefined;
  if (req.ifindex) {
    dev = ns.devByIndex(req.ifindex);
    if (!dev) throw new KernelError(ENODEV, 'Unknown device ifindex');
  }
  if (req.brIndex) {
    if (dev) throw new KernelError(EINVAL, 'Master and device are mutually exclusive');
    brDev = ns.devByIndex(req.brIndex);
    if (!brDev) throw new KernelError(EINVAL, 'Invalid master ifindex');
    opsDev = brDev;
  }
  if (dev) {
    const flags = req.flags & (NTF_SELF | NTF_MASTER);
    if (!flags || (flags & NTF_MASTER)) {
      if (!brPortOf(dev)) throw new KernelError(EINVAL, 'Device is not a bridge port');
      brDev = dev.master;
      if (!brDev) throw new KernelError(EINVAL, 'Master of device not found');
      opsDev = brDev;
    } else {
      opsDev = dev;
    }
  }
  if (!brDev && !dev) throw new KernelError(ENODEV, 'No device specified');
  // Only the bridge implements ndo_fdb_get among netsim's devices.
  if (!(opsDev instanceof Bridge)) throw new KernelError(EOPNOTSUPP, 'Fdb get operation not supported by device');
  const vid = vidParse(req.vlan);
  const f = brFdbFind(opsDev, req.mac, vid);
  if (!f) throw new KernelError(ENOENT, 'Fdb entry not found');
  return fdbFill(opsDev, f);
}
