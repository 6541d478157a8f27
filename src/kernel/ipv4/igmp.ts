// net/ipv4/igmp.c, the host side of it netsim needs: the IPv4 multicast groups an interface
// has joined (struct ip_mc_list, in_dev->mc_list), their link-layer addresses on the
// device's address list (ip_mc_filter_add: 01:00:5e:xx:xx:xx on ethernet), and the
// unsolicited membership reports a join or leave sends.
//
// Every interface joins the all-hosts group 224.0.0.1 when it comes up (ip_mc_up) and leaves
// it when it goes down (ip_mc_down); that group is never reported. Other groups — a bridge's
// 224.0.0.106, for now — are announced with IGMPv3 State-Change Reports to 224.0.0.22:
// robustness-variable (net.ipv4.igmp_qrv, 2) times, the first two jiffies after the change,
// the next after a random part of igmpv3_unsolicited_report_interval (1 s). With
// force_igmp_version 1 or 2 the group is reported with v1/v2 membership reports instead
// (and a v2 leave). Queries are not answered and no querier is tracked: nothing here sends
// them.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { TimerHandle } from '../clock.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { ARPHRD_ETHER } from '../core/if.js';
import { ETH_HLEN, ETH_P_IP } from '../core/eth.js';
import { SkBuff } from '../core/skbuff.js';
import { timerWheelExpiry, HZ } from '../core/neighbour.js';
import { inDev, ipv4Net } from './devinet.js';
import { ipRouteOutput, mcMembership } from './route.js';
import { allocBytes, ipLocalOut, ipSendCheck, writeAddr } from './ip_output.js';
import { inetAddProtocol } from './ip_input.js';
import { sysctlInt } from '../sysctl.js';
import { devMcAdd, devMcDel, ipEthMcMap, mcGroupOps } from '../bridge/dev_addr_lists.js';

export const IPPROTO_IGMP = 2;
export const IGMP_HOST_MEMBERSHIP_REPORT = 0x12, IGMPV2_HOST_MEMBERSHIP_REPORT = 0x16,
  IGMP_HOST_LEAVE_MESSAGE = 0x17, IGMPV3_HOST_MEMBERSHIP_REPORT = 0x22;
export const IGMPV3_MODE_IS_INCLUDE = 1, IGMPV3_MODE_IS_EXCLUDE = 2, IGMPV3_CHANGE_TO_INCLUDE = 3,
  IGMPV3_CHANGE_TO_EXCLUDE = 4, IGMPV3_ALLOW_NEW_SOURCES = 5, IGMPV3_BLOCK_OLD_SOURCES = 6;

export const IGMP_ALL_HOSTS = 0xe0000001;
export const IGMP_ALL_ROUTER = 0xe0000002;
export const IGMPV3_ALL_MCR = 0xe0000016;

const JIFFY_MS = 1000 / HZ;
/** IGMP_INITIAL_REPORT_DELAY, in jiffies. */
const IGMP_INITIAL_REPORT_DELAY = 1;

/** struct ip_mc_list (no source filters: every group is joined in EXCLUDE mode with no
 *  sources, the way ip_mc_inc_group() joins). */
interface IpMcList {
  multiaddr: number;
  users: number;
  /** im->loaded: the link-layer address is on the device's list. */
  loaded: boolean;
  /** Pending filter-mode change reports (im->crcount). */
  crcount: number;
  /** v1/v2: im->unsolicit_count, the report timer and whether we reported last. */
  unsolicitCount: number;
  timer: TimerHandle | undefined;
  reporter: boolean;
}

/** The multicast half of struct in_device. */
class IgmpDev {
  /** in_dev->mc_list: newest first. */
  list: IpMcList[] = [];
  /** in_dev->mc_tomb: left groups whose TO_IN records are still to be sent. */
  tomb: IpMcList[] = [];
  /** in_dev->mr_qrv */
  qrv: number;
  /** in_dev->mr_ifc_count and mr_ifc_timer */
  ifcCount = 0;
  ifcTimer: TimerHandle | undefined;
  dead = false;
  constructor(readonly dev: NetDevice) {
    this.qrv = igmpQrv(dev.netns);
  }
}

const state = new WeakMap<NetDevice, IgmpDev>();

function igmpQrv(ns: Netns): number {
  const v = sysctlInt(ns, 'net.ipv4.igmp_qrv');
  return Number.isFinite(v) ? v : 2;
}

function llmReports(ns: Netns): boolean {
  const v = sysctlInt(ns, 'net.ipv4.igmp_link_local_mcast_reports');
  return !Number.isFinite(v) || v !== 0;
}

/** ipv4_is_local_multicast(): 224.0.0.0/24 */
function isLocalMulticast(a: number): boolean {
  return (a & 0xffffff00) >>> 0 === 0xe0000000;
}

/** IN_DEV_CONF_GET / IPV4_DEVCONF_ALL of force_igmp_version. */
function forcedVersion(dev: NetDevice): number {
  const all = ipv4Net(dev.netns).all.force_igmp_version ?? 0;
  const own = inDev(dev)?.conf.force_igmp_version ?? 0;
  if (all === 1 || own === 1) return 1;
  if (all === 2 || own === 2) return 2;
  return 3;
}

/** unsolicited_report_interval(), in jiffies (at least one). */
function unsolicitedReportInterval(dev: NetDevice): number {
  const c = inDev(dev)?.conf;
  const ms = forcedVersion(dev) < 3 ? c?.igmpv2_unsolicited_report_interval ?? 10000 : c?.igmpv3_unsolicited_report_interval ?? 1000;
  const j = Math.ceil(ms / JIFFY_MS);
  return j > 0 ? j : 1;
}

/** mod_timer(jiffies + get_random_u32_below(delay) + 2) */
function startTimer(ns: Netns, delayJiffies: number, fn: () => void): TimerHandle {
  const tv = delayJiffies > 1 ? ns.kernel.random.int(0, delayJiffies - 1) : 0;
  const clock = ns.kernel.clock;
  const now = clock.now();
  const at = timerWheelExpiry(now, now + (tv + 2) * JIFFY_MS);
  return clock.setTimeout(Math.max(0, at - now), fn);
}

// ---------------------------------------------------------------------------------------
// The address list

/** ip_mc_filter_add(): arp_mc_map() maps groups on ethernet devices only. */
function ipMcFilterAdd(dev: NetDevice, addr: number): void {
  if (dev.type === ARPHRD_ETHER) devMcAdd(dev, ipEthMcMap(addr));
}

function ipMcFilterDel(dev: NetDevice, addr: number): void {
  if (dev.type !== ARPHRD_ETHER) return;
  try {
    devMcDel(dev, ipEthMcMap(addr));
  } catch { /* already flushed */ }
}

// ---------------------------------------------------------------------------------------
// Joining and leaving

/** igmp_group_added() */
function igmpGroupAdded(st: IgmpDev, im: IpMcList): void {
  const dev = st.dev;
  if (!im.loaded) {
    im.loaded = true;
    ipMcFilterAdd(dev, im.multiaddr);
  }
  if (im.multiaddr === IGMP_ALL_HOSTS) return;
  if (isLocalMulticast(im.multiaddr) && !llmReports(dev.netns)) return;
  if (st.dead) return;
  im.unsolicitCount = igmpQrv(dev.netns);
  if (forcedVersion(dev) < 3) {
    igmpStartTimer(st, im, IGMP_INITIAL_REPORT_DELAY);
    return;
  }
  im.crcount = st.qrv || igmpQrv(dev.netns);
  igmpIfcEvent(st);
}

/** igmp_group_dropped() */
function igmpGroupDropped(st: IgmpDev, im: IpMcList): void {
  const dev = st.dev;
  if (im.loaded) {
    im.loaded = false;
    ipMcFilterDel(dev, im.multiaddr);
  }
  if (im.multiaddr === IGMP_ALL_HOSTS) return;
  if (isLocalMulticast(im.multiaddr) && !llmReports(dev.netns)) return;
  const reporter = im.reporter;
  igmpStopTimer(im);
  if (st.dead) return;
  const v = forcedVersion(dev);
  if (v === 1) return;
  if (v === 2) {
    if (reporter) igmpSendReport(st, im.multiaddr, IGMP_HOST_LEAVE_MESSAGE);
    return;
  }
  // igmpv3_add_delrec()
  st.tomb = st.tomb.filter((t) => t.multiaddr !== im.multiaddr);
  st.tomb.unshift({ ...im, users: 0, timer: undefined, crcount: st.qrv || igmpQrv(dev.netns) });
  igmpIfcEvent(st);
}

/** igmpv3_del_delrec(): a group joined again stops being reported as left. */
function igmpv3DelDelrec(st: IgmpDev, im: IpMcList): void {
  const i = st.tomb.findIndex((t) => t.multiaddr === im.multiaddr);
  if (i < 0) return;
  st.tomb.splice(i, 1);
  im.crcount = st.qrv || igmpQrv(st.dev.netns);
}

/** ip_mc_inc_group(): joins `addr` on `dev` (or counts one more user). */
export function ipMcIncGroup(dev: NetDevice, addr: number): void {
  const st = state.get(dev);
  if (!st || st.dead) return;
  addr >>>= 0;
  const have = st.list.find((m) => m.multiaddr === addr);
  if (have) {
    have.users++;
    return;
  }
  const im: IpMcList = { multiaddr: addr, users: 1, loaded: false, crcount: 0, unsolicitCount: 0, timer: undefined, reporter: false };
  st.list.unshift(im);
  igmpv3DelDelrec(st, im);
  igmpGroupAdded(st, im);
}

/** __ip_mc_dec_group(): one user fewer; the group is left when none remain. */
export function ipMcDecGroup(dev: NetDevice, addr: number): void {
  const st = state.get(dev);
  if (!st) return;
  addr >>>= 0;
  const i = st.list.findIndex((m) => m.multiaddr === addr);
  if (i < 0) return;
  const im = st.list[i]!;
  if (--im.users > 0) return;
  st.list.splice(i, 1);
  if (!st.dead) igmpGroupDropped(st, im);
  else igmpStopTimer(im);
}

/** ip_mc_up(): the interface came up — all-hosts is joined and every group announced. */
function ipMcUp(st: IgmpDev): void {
  // ip_mc_reset()
  st.qrv = igmpQrv(st.dev.netns);
  ipMcIncGroup(st.dev, IGMP_ALL_HOSTS);
  for (const im of [...st.list]) {
    igmpv3DelDelrec(st, im);
    igmpGroupAdded(st, im);
  }
}

/** ip_mc_down(): the interface went down — reports stop, all-hosts is left. */
function ipMcDown(st: IgmpDev): void {
  for (const im of [...st.list]) igmpGroupDropped(st, im);
  st.ifcCount = 0;
  st.ifcTimer?.cancel();
  st.ifcTimer = undefined;
  ipMcDecGroup(st.dev, IGMP_ALL_HOSTS);
}

/** ip_mc_destroy_dev(): the in_device goes away with its device. */
function ipMcDestroyDev(st: IgmpDev): void {
  st.dead = true;
  ipMcDown(st);
  st.tomb = [];
  for (const im of st.list) igmpStopTimer(im);
  st.list = [];
}

/** ip_check_mc_rcu(): has `dev` joined `group`? */
export function ipCheckMc(dev: NetDevice, group: number): boolean {
  const st = state.get(dev);
  return !!st && st.list.some((m) => m.multiaddr === group >>> 0);
}

/** The groups of a device, newest first, with their user counts (for `ip maddr`). */
export function ipMcList(dev: NetDevice): { addr: number; users: number }[] {
  return state.get(dev)?.list.map((m) => ({ addr: m.multiaddr, users: m.users })) ?? [];
}

// ---------------------------------------------------------------------------------------
// IGMPv3 State-Change Reports

/** igmp_ifc_event() */
function igmpIfcEvent(st: IgmpDev): void {
  if (forcedVersion(st.dev) < 3) return;
  st.ifcCount = st.qrv || igmpQrv(st.dev.netns);
  igmpIfcStartTimer(st, 1);
}

/** igmp_ifc_start_timer() */
function igmpIfcStartTimer(st: IgmpDev, delay: number): void {
  st.ifcTimer?.cancel();
  st.ifcTimer = startTimer(st.dev.netns, delay, () => {
    st.ifcTimer = undefined;
    igmpIfcTimerExpire(st);
  });
}

/** igmp_ifc_timer_expire() */
function igmpIfcTimerExpire(st: IgmpDev): void {
  igmpv3SendCr(st);
  if (st.ifcCount) {
    st.ifcCount--;
    if (st.ifcCount) igmpIfcStartTimer(st, unsolicitedReportInterval(st.dev));
  }
}

/** Would add_grec() put a record for this group in a report? */
function reportable(ns: Netns, addr: number): boolean {
  if (addr === IGMP_ALL_HOSTS) return false;
  return !(isLocalMulticast(addr) && !llmReports(ns));
}

/** igmpv3_send_cr(): the pending change records, left groups first. */
function igmpv3SendCr(st: IgmpDev): void {
  const ns = st.dev.netns;
  const recs: { type: number; addr: number }[] = [];
  for (const t of st.tomb) {
    if (t.crcount > 0) {
      if (reportable(ns, t.multiaddr)) recs.push({ type: IGMPV3_CHANGE_TO_INCLUDE, addr: t.multiaddr });
      t.crcount--;
    }
  }
  st.tomb = st.tomb.filter((t) => t.crcount > 0);
  for (const im of st.list) {
    if (im.crcount > 0) {
      if (reportable(ns, im.multiaddr)) recs.push({ type: IGMPV3_CHANGE_TO_EXCLUDE, addr: im.multiaddr });
      im.crcount--;
    }
  }
  if (!recs.length) return;
  // igmpv3_newpack() sizes each packet to the MTU: 24 bytes of IP header with the router
  // alert option, 8 of report header, 8 per record without sources.
  const per = Math.max(1, Math.floor((st.dev.mtu - 24 - 8) / 8));
  for (let i = 0; i < recs.length; i += per) {
    const chunk = recs.slice(i, i + per);
    const igmp = new Uint8Array(8 + chunk.length * 8);
    igmp[0] = IGMPV3_HOST_MEMBERSHIP_REPORT;
    igmp[6] = chunk.length >> 8;
    igmp[7] = chunk.length & 0xff;
    chunk.forEach((r, j) => {
      igmp[8 + j * 8] = r.type;
      writeAddr(igmp, 8 + j * 8 + 4, r.addr);
    });
    igmpXmit(st.dev, IGMPV3_ALL_MCR, igmp);
  }
}

// ---------------------------------------------------------------------------------------
// IGMPv1/v2 reports

/** igmp_start_timer() */
function igmpStartTimer(st: IgmpDev, im: IpMcList, maxDelay: number): void {
  im.timer?.cancel();
  im.timer = startTimer(st.dev.netns, maxDelay, () => {
    im.timer = undefined;
    igmpTimerExpire(st, im);
  });
}

function igmpStopTimer(im: IpMcList): void {
  im.timer?.cancel();
  im.timer = undefined;
  im.reporter = false;
}

/** igmp_timer_expire() */
function igmpTimerExpire(st: IgmpDev, im: IpMcList): void {
  if (im.unsolicitCount && --im.unsolicitCount) igmpStartTimer(st, im, unsolicitedReportInterval(st.dev));
  im.reporter = true;
  const v = forcedVersion(st.dev);
  // A v3 report from here would be a current-state report, which only queries ask for.
  if (v < 3) igmpSendReport(st, im.multiaddr, v === 1 ? IGMP_HOST_MEMBERSHIP_REPORT : IGMPV2_HOST_MEMBERSHIP_REPORT);
}

/** igmp_send_report() for v1/v2 reports and v2 leaves. */
function igmpSendReport(st: IgmpDev, group: number, type: number): void {
  const dst = type === IGMP_HOST_LEAVE_MESSAGE ? IGMP_ALL_ROUTER : group;
  const igmp = new Uint8Array(8);
  igmp[0] = type;
  writeAddr(igmp, 4, group);
  igmpXmit(st.dev, dst, igmp);
}

// ---------------------------------------------------------------------------------------
// Output

/** The end of igmpv3_newpack()/igmp_send_report(): routed out of `dev` (no route, no
 *  packet), with a 24-byte IP header — TOS 0xc0, DF, id 0, TTL 1, router alert — from the
 *  address the route chose (0.0.0.0 on an interface without one). */
function igmpXmit(dev: NetDevice, dst: number, igmp: Uint8Array): void {
  const ns = dev.netns;
  const rt = ipRouteOutput(ns, { dst, oif: dev.ifindex, proto: IPPROTO_IGMP });
  if (typeof rt === 'number') return;
  // ip_compute_csum() over the IGMP message
  let s = 0;
  for (let i = 0; i < igmp.length; i += 2) s += (igmp[i]! << 8) | (igmp[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  s = ~s & 0xffff;
  igmp[2] = s >> 8;
  igmp[3] = s & 0xff;
  const tot = 24 + igmp.length;
  const skb = new SkBuff(allocBytes(ETH_HLEN + tot));
  skb.off = ETH_HLEN;
  const b = skb.buf;
  const o = ETH_HLEN;
  b[o] = 0x46;
  b[o + 1] = 0xc0;
  b[o + 2] = tot >> 8;
  b[o + 3] = tot & 0xff;
  b[o + 6] = 0x40;
  b[o + 8] = 1;
  b[o + 9] = IPPROTO_IGMP;
  writeAddr(b, o + 12, rt.fl.saddr);
  writeAddr(b, o + 16, dst);
  b[o + 20] = 0x94; // IPOPT_RA
  b[o + 21] = 4;
  b.set(igmp, o + 24);
  ipSendCheck(b, o);
  skb.networkOffset = o;
  skb.transportOffset = o + 24;
  skb.protocol = ETH_P_IP;
  skb.dst = rt;
  ipLocalOut(ns, skb);
}

// ---------------------------------------------------------------------------------------
// Input: igmp_rcv() takes IGMP for the host; reports from others need nothing from us, and
// no queries are answered.

inetAddProtocol(IPPROTO_IGMP, { handler: () => {} });

mcMembership.check = ipCheckMc;
mcGroupOps.ip4Inc = ipMcIncGroup;
mcGroupOps.ip4Dec = ipMcDecGroup;

// ---------------------------------------------------------------------------------------
// inetdev_event(): the part of it that is ip_mc_init_dev / ip_mc_up / ip_mc_down /
// ip_mc_destroy_dev. Registered right after devinet's own notifier, so NETDEV_UP joins
// all-hosts before IPv6 announces its groups, as on Linux.

registerNetdeviceNotifier((event, dev) => {
  switch (event) {
    case 'REGISTER':
      if (!state.has(dev)) state.set(dev, new IgmpDev(dev));
      break;
    case 'UP': {
      const st = state.get(dev);
      if (st && !st.dead) ipMcUp(st);
      break;
    }
    case 'DOWN': {
      const st = state.get(dev);
      if (st && !st.dead) ipMcDown(st);
      break;
    }
    case 'UNREGISTER': {
      const st = state.get(dev);
      if (st) ipMcDestroyDev(st);
      state.delete(dev);
      break;
    }
    default:
  }
});
