// net/netfilter/xt_recent.c: per-namespace named lists of recently seen addresses with the
// times they were seen (recent_mt()); ip_pkt_list_tot = 20 timestamps per address.
import { xtRegisterMatch } from './x_tables.js';
import type { Netns } from '../net_namespace.js';

export const XT_RECENT_CHECK = 1, XT_RECENT_SET = 2, XT_RECENT_UPDATE = 4, XT_RECENT_REMOVE = 8,
  XT_RECENT_TTL = 16, XT_RECENT_REAP = 32;
export const XT_RECENT_SOURCE = 0, XT_RECENT_DEST = 1;
const IP_PKT_LIST_TOT = 20;
const HZ = 1000;

/** struct xt_recent_mtinfo_v1 */
export interface RecentInfo {
  seconds: number;
  hitCount: number;
  checkSet: number;
  invert: boolean;
  name: string;
  side: number;
  mask: number;
}

/** struct recent_entry */
export interface RecentEntry {
  addr: number;
  ttl: number;
  stamps: number[];
  index: number;
  lastSeen: number;
}

/** The namespace's recent tables by name, entries in least-recently-updated order. */
export function recentTables(ns: Netns): Map<string, Map<number, RecentEntry>> {
  let t = ns.proto['xt_recent'] as Map<string, Map<number, RecentEntry>> | undefined;
  if (!t) {
    t = new Map();
    ns.proto['xt_recent'] = t;
  }
  return t;
}

xtRegisterMatch<RecentInfo>({
  name: 'recent',
  match(p, info) {
    let ret = info.invert;
    const addr = ((info.side === XT_RECENT_DEST ? p.daddr : p.saddr) & info.mask) >>> 0;
    let ttl = p.buf[p.nh + 8]!;
    // The TTL as seen before forwarding.
    if (p.out !== undefined && p.skb.iif !== 0) ttl++;
    const tables = recentTables(p.ns);
    let t = tables.get(info.name);
    if (!t) {
      t = new Map();
      tables.set(info.name, t);
    }
    const now = p.ns.kernel.clock.jiffies();
    let e = t.get(addr);
    if (e && (info.checkSet & XT_RECENT_TTL) && e.ttl !== ttl) e = undefined;
    if (!e) {
      if (!(info.checkSet & XT_RECENT_SET)) return ret;
      t.set(addr, { addr, ttl, stamps: [now], index: 1, lastSeen: now });
      return !ret;
    }
    if (info.checkSet & XT_RECENT_SET) ret = !ret;
    else if (info.checkSet & XT_RECENT_REMOVE) {
      t.delete(addr);
      return !ret;
    } else if (info.checkSet & (XT_RECENT_CHECK | XT_RECENT_UPDATE)) {
      const time = now - info.seconds * HZ;
      let hits = 0;
      for (const st of e.stamps) {
        if (info.seconds && time > st) continue;
        if (!info.hitCount || ++hits >= info.hitCount) {
          ret = !ret;
          break;
        }
      }
      // recent_entry_reap(): forget the address when its newest stamp is too old.
      if ((info.checkSet & XT_RECENT_REAP) && e.lastSeen < time) t.delete(addr);
    }
    if ((info.checkSet & XT_RECENT_SET) || ((info.checkSet & XT_RECENT_UPDATE) && ret)) {
      // recent_entry_update()
      if (e.stamps.length < IP_PKT_LIST_TOT) e.stamps.push(now);
      else e.stamps[e.index % IP_PKT_LIST_TOT] = now;
      e.index++;
      e.lastSeen = now;
      e.ttl = ttl;
      t.delete(addr);
      t.set(addr, e);
    }
    return ret;
  },
});
