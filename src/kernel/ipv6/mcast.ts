// net/ipv6/mcast.c: the multicast groups an interface has joined (struct ifmcaddr6) and
// MLDv2 (RFC 3810) unsolicited reports: every join or leave of a reportable group sends
// State-Change Reports, robustness-variable (2) times, the first at once and the next after
// a random part of the unsolicited report interval; when DAD finishes on an interface's
// only link-local address the current state is reported again from that address (before
// that, reports come from ::). Queries are not answered (nothing sends them here).
// A group of link-local scope or wider is also loaded into the device's multicast address
// list (33:33:xx:xx:xx:xx on ethernet), as long as the group is joined and the interface
// not down (ipv6_mc_down() unloads them, ipv6_mc_up() loads them again).
import type { TimerHandle } from '../clock.js';
import type { NetDevice } from '../core/netdevice.js';
import { emitIcmpv6 } from '../../wire/icmpv6.js';
import {
  IN6ADDR_ANY, IN6ADDR_LINKLOCAL_ALLMLDV2ROUTERS, IN6ADDR_LINKLOCAL_ALLNODES, IN6ADDR_INTERFACELOCAL_ALLNODES,
  ipv6AddrEqual, ipv6Key, IPV6_ADDR_SCOPE_LINKLOCAL,
} from './addr.js';
import type { Inet6Dev } from './addrconf.js';
import { ipv6GetLladdr, in6DevGet, IFA_F_TENTATIVE } from './addrconf.js';
import { ip6SendOnDev } from './ip6_output.js';
import { ip6Stats } from './stats.js';
import { ipv6Timer, randomJiffiesBelow, JIFFY_MS } from './timer.js';
import { ARPHRD_ETHER } from '../core/if.js';
import { devMcAdd, devMcDel, ipv6EthMcMap, mcGroupOps } from '../bridge/dev_addr_lists.js';

export const ICMPV6_MLD2_REPORT = 143;
export const MLD2_MODE_IS_INCLUDE = 1, MLD2_MODE_IS_EXCLUDE = 2, MLD2_CHANGE_TO_INCLUDE = 3,
  MLD2_CHANGE_TO_EXCLUDE = 4, MLD2_ALLOW_NEW_SOURCES = 5, MLD2_BLOCK_OLD_SOURCES = 6;
/** sysctl_mld_qrv: the robustness variable. */
export const MLD_QRV_DEFAULT = 2;

/** struct ifmcaddr6 */
export interface Ifmcaddr6 {
  addr: Uint8Array;
  key: string;
  users: number;
  /** Pending change records (mca_crcount). */
  crcount: number;
  /** MAF_NOREPORT: ff02::1 and scopes below link-local are never reported. */
  noreport: boolean;
  /** MAF_LOADED: the group's link-layer address is on the device's address list. */
  loaded: boolean;
}

/** The per-interface MLD state hung off the inet6_dev. */
export class Ipv6McState {
  /** idev->mc_list: newest first, as `ip maddr` lists it. */
  list: Ifmcaddr6[] = [];
  /** idev->mc_tomb: left groups whose TO_IN records are still to be sent. */
  tomb: Ifmcaddr6[] = [];
  qrv = MLD_QRV_DEFAULT;
  ifcCount = 0;
  dadCount = 0;
  ifcTimer: TimerHandle | undefined;
  dadTimer: TimerHandle | undefined;
}

function mcScope(a: Uint8Array): number {
  return a[1]! & 0x0f;
}

function isReportable(a: Uint8Array): boolean {
  const allNodes = a[0] === 0xff && a[1] === 0x02 && a.subarray(2, 15).every((b) => b === 0) && a[15] === 1;
  return !allNodes && mcScope(a) >= IPV6_ADDR_SCOPE_LINKLOCAL;
}

function unsolicitedReportInterval(idev: Inet6Dev): number {
  const iv = idev.cnf.mldv2_unsolicited_report_interval ?? 1000;
  return iv > 0 ? iv : 1;
}

/** ipv6_dev_mc_inc(): joins `addr` on the device (or counts one more user). */
export function ipv6DevMcInc(idev: Inet6Dev, addr: Uint8Array): void {
  const key = ipv6Key(addr);
  const have = idev.mc.list.find((m) => m.key === key);
  if (have) {
    have.users++;
    return;
  }
  // The well-known groups are shared constants; others get their own copy.
  const shared = addr === IN6ADDR_LINKLOCAL_ALLNODES || addr === IN6ADDR_INTERFACELOCAL_ALLNODES;
  const mc: Ifmcaddr6 = { addr: shared ? addr : addr.slice(), key, users: 1, crcount: 0, noreport: !isReportable(addr), loaded: false };
  idev.mc.list.unshift(mc);
  mldDelDelrec(idev, mc);
  igmp6GroupAdded(idev, mc);
}

/** __ipv6_dev_mc_dec(): one user fewer; the group is left when none remain. */
export function ipv6DevMcDec(idev: Inet6Dev, addr: Uint8Array): void {
  const key = ipv6Key(addr);
  const i = idev.mc.list.findIndex((m) => m.key === key);
  if (i < 0) return;
  const mc = idev.mc.list[i]!;
  if (--mc.users > 0) return;
  idev.mc.list.splice(i, 1);
  igmp6GroupDropped(idev, mc);
}

/** ipv6_chk_mcast_addr(): has `dev` joined `group`? */
export function ipv6ChkMcastAddr(dev: NetDevice, group: Uint8Array): boolean {
  const idev = in6DevGet(dev);
  if (!idev) return false;
  for (const m of idev.mc.list) if (ipv6AddrEqual(m.addr, group)) return true;
  return false;
}

/** The groups of a device, newest first, with their user counts (for `ip maddr`). */
export function ipv6McList(dev: NetDevice): { addr: Uint8Array; users: number }[] {
  const idev = in6DevGet(dev);
  return idev ? idev.mc.list.map((m) => ({ addr: m.addr.slice(), users: m.users })) : [];
}

/** ndisc_mc_map() for receiving: only ethernet-like devices map groups to addresses. */
function ndiscMcMap(dev: NetDevice, a: Uint8Array): Uint8Array | undefined {
  if (dev.type !== ARPHRD_ETHER) return undefined;
  return ipv6EthMcMap(((a[12]! << 24) | (a[13]! << 16) | (a[14]! << 8) | a[15]!) >>> 0);
}

function igmp6GroupAdded(idev: Inet6Dev, mc: Ifmcaddr6): void {
  if (mcScope(mc.addr) < IPV6_ADDR_SCOPE_LINKLOCAL) return;
  if (!mc.loaded) {
    mc.loaded = true;
    const ha = ndiscMcMap(idev.dev, mc.addr);
    if (ha) devMcAdd(idev.dev, ha);
  }
  if (!idev.dev.isUp || mc.noreport) return;
  if (mldInV1Mode(idev)) return;
  mc.crcount = idev.mc.qrv;
  mldIfcEvent(idev);
}

function igmp6GroupDropped(idev: Inet6Dev, mc: Ifmcaddr6): void {
  if (mcScope(mc.addr) < IPV6_ADDR_SCOPE_LINKLOCAL) return;
  if (mc.loaded) {
    mc.loaded = false;
    const ha = ndiscMcMap(idev.dev, mc.addr);
    if (ha) {
      try {
        devMcDel(idev.dev, ha);
      } catch { /* the list was flushed (unregistration) */ }
    }
  }
  if (mc.noreport) return;
  if (idev.dead || mldInV1Mode(idev)) return;
  // igmp6_leave_group(): mld_add_delrec() + mld_ifc_event()
  idev.mc.tomb = idev.mc.tomb.filter((t) => t.key !== mc.key);
  idev.mc.tomb.unshift({ ...mc, users: 0, crcount: idev.mc.qrv });
  mldIfcEvent(idev);
}

function mldDelDelrec(idev: Inet6Dev, mc: Ifmcaddr6): void {
  idev.mc.tomb = idev.mc.tomb.filter((t) => t.key !== mc.key);
}

function mldInV1Mode(idev: Inet6Dev): boolean {
  return (idev.cnf.force_mld_version ?? 0) === 1;
}

/** mld_ifc_event() */
function mldIfcEvent(idev: Inet6Dev): void {
  idev.mc.ifcCount = idev.mc.qrv;
  mldIfcStartWork(idev, JIFFY_MS);
}

/** mld_ifc_start_work(): random delay below `delay` plus two jiffies. */
function mldIfcStartWork(idev: Inet6Dev, delay: number): void {
  const tv = randomJiffiesBelow(idev.dev.netns, delay);
  idev.mc.ifcTimer?.cancel();
  idev.mc.ifcTimer = ipv6Timer(idev.dev.netns, tv + 2 * JIFFY_MS, () => {
    idev.mc.ifcTimer = undefined;
    mldIfcWork(idev);
  });
}

/** mld_ifc_work() */
function mldIfcWork(idev: Inet6Dev): void {
  mldSendCr(idev);
  if (idev.mc.ifcCount) {
    idev.mc.ifcCount--;
    if (idev.mc.ifcCount) mldIfcStartWork(idev, unsolicitedReportInterval(idev));
  }
}

interface Grec {
  type: number;
  addr: Uint8Array;
}

/** mld_send_cr(): the pending change records, deleted groups first. */
function mldSendCr(idev: Inet6Dev): void {
  const recs: Grec[] = [];
  for (const t of [...idev.mc.tomb]) {
    if (t.crcount <= 0) continue;
    recs.push({ type: MLD2_CHANGE_TO_INCLUDE, addr: t.addr });
    t.crcount--;
  }
  idev.mc.tomb = idev.mc.tomb.filter((t) => t.crcount > 0);
  for (const m of idev.mc.list) {
    if (m.noreport || m.crcount <= 0) continue;
    recs.push({ type: MLD2_CHANGE_TO_EXCLUDE, addr: m.addr });
    m.crcount--;
  }
  if (recs.length) mldSendpack(idev, recs);
}

/** mld_send_initial_cr(): the current state of every reportable group. */
function mldSendInitialCr(idev: Inet6Dev): void {
  if (mldInV1Mode(idev)) return;
  const recs: Grec[] = [];
  for (const m of idev.mc.list) if (!m.noreport) recs.push({ type: MLD2_CHANGE_TO_EXCLUDE, addr: m.addr });
  if (recs.length) mldSendpack(idev, recs);
}

/** The hop-by-hop header every MLD report carries: next header ICMPv6, router alert (MLD),
 *  then a two-byte PadN. */
const MLD_HBH = new Uint8Array([58, 0, 5, 2, 0, 0, 1, 0]);

/** mld_newpack() + mld_sendpack(): one report to ff02::16, hop limit 1, from the link-local
 *  address or, while that is still tentative, from ::. */
function mldSendpack(idev: Inet6Dev, recs: Grec[]): void {
  const dev = idev.dev;
  if (!dev.isUp) return;
  const src = ipv6GetLladdr(dev, IFA_F_TENTATIVE) ?? IN6ADDR_ANY;
  const data = new Uint8Array(recs.length * 20);
  recs.forEach((r, i) => {
    data[i * 20] = r.type;
    data.set(r.addr, i * 20 + 4);
  });
  const dst = IN6ADDR_LINKLOCAL_ALLMLDV2ROUTERS;
  const icmp = emitIcmpv6({ type: ICMPV6_MLD2_REPORT, code: 0, rest: recs.length, data }, undefined, { src, dst });
  const st = ip6Stats(dev.netns);
  st.Icmp6OutMsgs++;
  st.icmpOut[ICMPV6_MLD2_REPORT] = (st.icmpOut[ICMPV6_MLD2_REPORT] ?? 0) + 1;
  ip6SendOnDev(dev.netns, dev, { src, dst, nexthdr: 58, hoplimit: 1 }, icmp, MLD_HBH);
}

/** ipv6_mc_dad_complete(): DAD finished on the lonely link-local address. */
export function ipv6McDadComplete(idev: Inet6Dev): void {
  idev.mc.dadCount = idev.mc.qrv;
  if (idev.mc.dadCount) {
    mldSendInitialCr(idev);
    idev.mc.dadCount--;
    if (idev.mc.dadCount) mldDadStartWork(idev, unsolicitedReportInterval(idev));
  }
}

function mldDadStartWork(idev: Inet6Dev, delay: number): void {
  const tv = randomJiffiesBelow(idev.dev.netns, delay);
  idev.mc.dadTimer?.cancel();
  idev.mc.dadTimer = ipv6Timer(idev.dev.netns, tv + 2 * JIFFY_MS, () => {
    idev.mc.dadTimer = undefined;
    mldSendInitialCr(idev);
    if (idev.mc.dadCount) {
      idev.mc.dadCount--;
      if (idev.mc.dadCount) mldDadStartWork(idev, unsolicitedReportInterval(idev));
    }
  });
}

/** ipv6_mc_up(): the link is (again) usable — every group is announced afresh. */
export function ipv6McUp(idev: Inet6Dev): void {
  idev.mc.qrv = MLD_QRV_DEFAULT;
  for (const m of idev.mc.list) {
    mldDelDelrec(idev, m);
    igmp6GroupAdded(idev, m);
  }
}

/** ipv6_mc_down(): the interface went down; reports stop (pending leaves stay queued). */
export function ipv6McDown(idev: Inet6Dev): void {
  for (const m of idev.mc.list) igmp6GroupDropped(idev, m);
  idev.mc.ifcTimer?.cancel();
  idev.mc.ifcTimer = undefined;
  idev.mc.dadTimer?.cancel();
  idev.mc.dadTimer = undefined;
  idev.mc.ifcCount = 0;
  idev.mc.dadCount = 0;
}

/** ipv6_mc_destroy_dev(): the interface is going away. */
export function ipv6McDestroyDev(idev: Inet6Dev): void {
  ipv6McDown(idev);
  idev.mc.list = [];
  idev.mc.tomb = [];
}

mcGroupOps.ip6Inc = (dev, group) => {
  const idev = in6DevGet(dev);
  if (idev) ipv6DevMcInc(idev, group);
};
mcGroupOps.ip6Dec = (dev, group) => {
  const idev = in6DevGet(dev);
  if (idev) ipv6DevMcDec(idev, group);
};
