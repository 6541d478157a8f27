// net/bridge/br_fdb.c: the forwarding database — learning (br_fdb_update), the permanent
// entries for the bridge's and its ports' own addresses, ageing (br_fdb_cleanup on the world
// clock), and the RTM_NEWNEIGH/RTM_DELNEIGH handlers behind `bridge fdb add/del/replace`.
import type { NetDevice } from '../core/netdevice.js';
import { EEXIST, EINVAL, ENOENT, EPERM, KernelError } from '../errno.js';
import type { Bridge } from './br_device.js';
import {
  BR_FDB_ADDED_BY_EXT_LEARN, BR_FDB_ADDED_BY_USER, BR_FDB_LOCAL, BR_FDB_LOCKED,
  BR_FDB_OFFLOADED, BR_FDB_STATIC, BR_FDB_STICKY, BR_STATE_FORWARDING, BR_STATE_LEARNING,
  NTF_EXT_LEARNED, NTF_STICKY, NTF_USE, NUD_NOARP, NUD_PERMANENT, NUD_REACHABLE, NUD_STALE,
  brPortOf, isValidEtherAddr, isZeroEtherAddr, macEq, type FdbEntry, type NetBridgePort,
} from './br_private.js';

function key(addr: Uint8Array, vid: number): string {
  let s = String(vid);
  for (let i = 0; i < 6; i++) s += ':' + addr[i];
  return s;
}

/** br_fdb_find() */
export function brFdbFind(br: Bridge, addr: Uint8Array, vid: number): FdbEntry | undefined {
  return br.fdbTable.get(key(addr, vid));
}

/** br_fdb_find_rcu() */
export const brFdbFindRcu = brFdbFind;

/** has_expired() */
export function hasExpired(br: Bridge, f: FdbEntry): boolean {
  return !(f.flags & BR_FDB_STATIC) && !(f.flags & BR_FDB_ADDED_BY_EXT_LEARN) &&
    f.updated + br.holdTime() <= br.jiffies;
}

/** fdb_to_nud() */
export function fdbToNud(br: Bridge, f: FdbEntry): number {
  if (f.flags & BR_FDB_LOCAL) return NUD_PERMANENT;
  if (f.flags & BR_FDB_STATIC) return NUD_NOARP;
  if (hasExpired(br, f)) return NUD_STALE;
  return NUD_REACHABLE;
}

/** fdb_create(): hashed, and put at the head of the list. */
function fdbCreate(br: Bridge, source: NetBridgePort | undefined, addr: Uint8Array, vid: number, flags: number): FdbEntry {
  const now = br.jiffies;
  const f: FdbEntry = { addr: addr.slice(), vid, dst: source, flags, updated: now, used: now };
  br.fdbTable.set(key(addr, vid), f);
  br.fdbList.unshift(f);
  return f;
}

/** fdb_delete() (fdb_del_hw_addr() has nothing to do: every port is promiscuous). */
function fdbDelete(br: Bridge, f: FdbEntry): void {
  const k = key(f.addr, f.vid);
  if (br.fdbTable.get(k) !== f) return;
  br.fdbTable.delete(k);
  const i = br.fdbList.indexOf(f);
  if (i >= 0) br.fdbList.splice(i, 1);
}

/** fdb_delete_local(): a local address another port (or the bridge) still has moves there. */
function fdbDeleteLocal(br: Bridge, p: NetBridgePort | undefined, f: FdbEntry): void {
  for (const op of br.ports) {
    if (op !== p && macEq(op.dev.addr, f.addr) && !f.vid) {
      f.dst = op;
      f.flags &= ~BR_FDB_ADDED_BY_USER;
      return;
    }
  }
  if (p && macEq(br.addr, f.addr) && !f.vid) {
    f.dst = undefined;
    f.flags &= ~BR_FDB_ADDED_BY_USER;
    return;
  }
  fdbDelete(br, f);
}

/** fdb_add_local(): a permanent entry for one of our own addresses. */
export function fdbAddLocal(br: Bridge, source: NetBridgePort | undefined, addr: Uint8Array, vid: number): number {
  if (!isValidEtherAddr(addr)) return EINVAL;
  const f = brFdbFind(br, addr, vid);
  if (f) {
    // It is okay to have multiple ports with the same address; use the first one.
    if (f.flags & BR_FDB_LOCAL) return 0;
    fdbDelete(br, f);
  }
  fdbCreate(br, source, addr, vid, BR_FDB_LOCAL | BR_FDB_STATIC);
  return 0;
}

/** br_fdb_changeaddr(): a port's own address changed. */
export function brFdbChangeaddr(p: NetBridgePort, newaddr: Uint8Array): void {
  const br = p.br;
  for (const f of [...br.fdbList]) {
    if (f.dst === p && (f.flags & BR_FDB_LOCAL) && !(f.flags & BR_FDB_ADDED_BY_USER)) {
      fdbDeleteLocal(br, p, f);
      break;
    }
  }
  fdbAddLocal(br, p, newaddr, 0);
}

/** br_fdb_change_mac_address(): the bridge's own address changes from `oldaddr`. */
export function brFdbChangeMacAddress(br: Bridge, oldaddr: Uint8Array, newaddr: Uint8Array): void {
  const f = brFdbFind(br, oldaddr, 0);
  if (f && (f.flags & BR_FDB_LOCAL) && !f.dst && !(f.flags & BR_FDB_ADDED_BY_USER)) fdbDeleteLocal(br, undefined, f);
  fdbAddLocal(br, undefined, newaddr, 0);
}

/** br_fdb_cleanup(): the ageing sweep. Runs again when the next entry is due (at least
 *  10 ms apart), or after a whole hold time when nothing is. */
export function brFdbCleanup(br: Bridge): void {
  const delay = br.holdTime();
  let workDelay = delay;
  const now = br.jiffies;
  for (const f of [...br.fdbList]) {
    const thisTimer = f.updated + delay;
    if ((f.flags & BR_FDB_STATIC) || (f.flags & BR_FDB_ADDED_BY_EXT_LEARN)) continue;
    if (thisTimer > now) workDelay = Math.min(workDelay, thisTimer - now);
    else fdbDelete(br, f);
  }
  // msecs_to_jiffies(10) at HZ=250 rounds up to 3 jiffies.
  workDelay = Math.max(workDelay, 3);
  br.gcWork.modIn(workDelay);
}

export interface FdbFlushDesc {
  flags: number;
  flagsMask: number;
  portIfindex: number;
  vlanId: number;
}

/** br_fdb_flush() */
export function brFdbFlush(br: Bridge, desc: FdbFlushDesc): void {
  for (const f of [...br.fdbList]) {
    const portIfidx = f.dst ? f.dst.dev.ifindex : br.ifindex;
    if (desc.vlanId && desc.vlanId !== f.vid) continue;
    if (desc.portIfindex && desc.portIfindex !== portIfidx) continue;
    if (desc.flagsMask && (f.flags & desc.flagsMask) !== desc.flags) continue;
    fdbDelete(br, f);
  }
}

/** br_fdb_delete_by_port(): with doAll, every entry of the port, else the dynamic ones. */
export function brFdbDeleteByPort(br: Bridge, p: NetBridgePort | undefined, vid: number, doAll: boolean): void {
  for (const f of [...br.fdbList]) {
    if (f.dst !== p) continue;
    if (!doAll && ((f.flags & BR_FDB_STATIC) ||
      ((f.flags & BR_FDB_ADDED_BY_EXT_LEARN) && !(f.flags & BR_FDB_OFFLOADED)) || (vid && f.vid !== vid))) continue;
    if (f.flags & BR_FDB_LOCAL) fdbDeleteLocal(br, p, f);
    else fdbDelete(br, f);
  }
}

/** br_fdb_update(): learning. A known address moves to the port it was last seen on. */
export function brFdbUpdate(br: Bridge, source: NetBridgePort, addr: Uint8Array, vid: number, flags: number): void {
  // Some users want to always flood.
  if (br.holdTime() === 0) return;
  const f = brFdbFind(br, addr, vid);
  if (f) {
    // An update for one of our own addresses is a loop or a spoof: leave it.
    if (f.flags & BR_FDB_LOCAL) return;
    const now = br.jiffies;
    if (now !== f.updated) f.updated = now;
    if (source !== f.dst && !(f.flags & BR_FDB_STICKY)) {
      f.dst = source;
      f.flags &= ~(BR_FDB_ADDED_BY_EXT_LEARN | BR_FDB_LOCKED);
    }
    if (flags & BR_FDB_ADDED_BY_USER) f.flags |= BR_FDB_ADDED_BY_USER;
  } else {
    fdbCreate(br, source, addr, vid, flags);
  }
}

/** What a neighbour request carries (struct ndmsg and the NLM_F_* flags). */
export interface NdmRequest {
  state: number;
  flags: number;
  nlCreate?: boolean;
  nlExcl?: boolean;
  nlReplace?: boolean;
}

/** nbp_state_should_learn() */
function stateShouldLearn(p: NetBridgePort): boolean {
  return p.state === BR_STATE_LEARNING || p.state === BR_STATE_FORWARDING;
}

/** fdb_add_entry() */
function fdbAddEntry(br: Bridge, source: NetBridgePort | undefined, addr: Uint8Array, ndm: NdmRequest, vid: number): void {
  const isSticky = (ndm.flags & NTF_STICKY) !== 0;
  const state = ndm.state;
  // If the port cannot learn allow only local and static entries.
  if (source && !(state & NUD_PERMANENT) && !(state & NUD_NOARP) && !stateShouldLearn(source)) throw new KernelError(EPERM);
  if (!source && !(state & NUD_PERMANENT)) throw new KernelError(EINVAL);
  if (isSticky && (state & NUD_PERMANENT)) throw new KernelError(EINVAL);
  let modified = false;
  let f = brFdbFind(br, addr, vid);
  if (!f) {
    if (!ndm.nlCreate) throw new KernelError(ENOENT);
    f = fdbCreate(br, source, addr, vid, 0);
    modified = true;
  } else {
    if (ndm.nlExcl) throw new KernelError(EEXIST);
    if (f.dst !== source) {
      f.dst = source;
      modified = true;
    }
  }
  if (fdbToNud(br, f) !== state) {
    if (state & NUD_PERMANENT) f.flags |= BR_FDB_LOCAL | BR_FDB_STATIC;
    else if (state & NUD_NOARP) f.flags = (f.flags & ~BR_FDB_LOCAL) | BR_FDB_STATIC;
    else f.flags &= ~(BR_FDB_LOCAL | BR_FDB_STATIC);
    modified = true;
  }
  if (isSticky !== ((f.flags & BR_FDB_STICKY) !== 0)) {
    f.flags ^= BR_FDB_STICKY;
    modified = true;
  }
  if (f.flags & BR_FDB_LOCKED) {
    f.flags &= ~BR_FDB_LOCKED;
    modified = true;
  }
  f.flags |= BR_FDB_ADDED_BY_USER;
  f.used = br.jiffies;
  if (modified) f.updated = br.jiffies;
}

/** br_fdb_external_learn_add() (the part `bridge fdb add ... extern_learn` reaches). */
function externalLearnAdd(br: Bridge, p: NetBridgePort | undefined, addr: Uint8Array, vid: number): void {
  let f = brFdbFind(br, addr, vid);
  const flags = BR_FDB_ADDED_BY_USER | BR_FDB_ADDED_BY_EXT_LEARN | (p ? 0 : BR_FDB_LOCAL);
  if (!f) {
    f = fdbCreate(br, p, addr, vid, flags);
    return;
  }
  f.updated = br.jiffies;
  if (f.dst !== p) f.dst = p;
  f.flags |= BR_FDB_ADDED_BY_EXT_LEARN | BR_FDB_ADDED_BY_USER;
  if (!p) f.flags |= BR_FDB_LOCAL;
}

/** Resolves ndo_fdb_add's device to its bridge and port (br_fdb_add's preamble). */
function bridgeAndPort(dev: NetDevice): { br: Bridge; p: NetBridgePort | undefined } {
  if (dev.kind === 'bridge') return { br: dev as Bridge, p: undefined };
  const p = brPortOf(dev);
  if (!p) throw new KernelError(EINVAL);
  return { br: p.br, p };
}

/** br_fdb_add(): ndo_fdb_add of the bridge, for a port (master) or the bridge (self). */
export function brFdbAdd(ndm: NdmRequest, dev: NetDevice, addr: Uint8Array, vid: number): void {
  if (!(ndm.state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE))) throw new KernelError(EINVAL);
  if (isZeroEtherAddr(addr)) throw new KernelError(EINVAL);
  const { br, p } = bridgeAndPort(dev);
  // No VLAN is ever configured (the reference kernel has no CONFIG_BRIDGE_VLAN_FILTERING).
  if (vid) throw new KernelError(EINVAL);
  // __br_fdb_add()
  if (ndm.flags & NTF_USE) {
    if (!p) throw new KernelError(EINVAL);
    if (!stateShouldLearn(p)) return;
    brFdbUpdate(br, p, addr, 0, BR_FDB_ADDED_BY_USER);
  } else if (ndm.flags & NTF_EXT_LEARNED) {
    if (!p && !(ndm.state & NUD_PERMANENT)) throw new KernelError(EINVAL, 'bridge: FDB entry towards bridge must be permanent');
    externalLearnAdd(br, p, addr, 0);
  } else {
    fdbAddEntry(br, p, addr, ndm, 0);
  }
}

/** br_fdb_delete(): ndo_fdb_del of the bridge. */
export function brFdbDelete(dev: NetDevice, addr: Uint8Array, vid: number): void {
  const { br, p } = bridgeAndPort(dev);
  const f = brFdbFind(br, addr, vid);
  if (!f || f.dst !== p) throw new KernelError(ENOENT);
  fdbDelete(br, f);
}

/** br_fdb_delete_bulk(): `bridge fdb flush`; through a port, only that port's entries. */
export function brFdbDeleteBulk(dev: NetDevice, desc: FdbFlushDesc): void {
  const { br, p } = bridgeAndPort(dev);
  if (!desc.portIfindex && p) desc = { ...desc, portIfindex: p.dev.ifindex };
  brFdbFlush(br, desc);
}

/** br_fdb_dump(): the entries a device contributes to a dump. For the bridge itself
 *  (filterDev undefined) those of its own addresses; for a port those pointing at it. */
export function brFdbDumpEntries(br: Bridge, filterDev: NetDevice | undefined): FdbEntry[] {
  const out: FdbEntry[] = [];
  for (const f of br.fdbList) {
    const dst = f.dst;
    if (filterDev && (!dst || dst.dev !== filterDev)) {
      if (filterDev !== br) continue;
      if (dst) continue;
    }
    if (!filterDev && dst) continue;
    out.push(f);
  }
  return out;
}

/** Flags for an entry in a dump (fdb_fill_info's ndm_flags). */
export function fdbNdmFlags(f: FdbEntry): number {
  let fl = 0;
  if (f.flags & BR_FDB_OFFLOADED) fl |= 0x20; // NTF_OFFLOADED
  if (f.flags & BR_FDB_ADDED_BY_EXT_LEARN) fl |= NTF_EXT_LEARNED;
  if (f.flags & BR_FDB_STICKY) fl |= NTF_STICKY;
  return fl;
}

