// inet_rtm_newaddr() / inet_rtm_deladdr(): the IPv4 address requests of rtnetlink, with
// the kernel's extended-ack messages.
import type { NetDevice } from '../core/netdevice.js';
import { prefixMask } from '../../wire/inet.js';
import {
  inDev, inetInsertIfa, inetDelIfa, newIfa, fibAddIfaddr, fibDelIfaddr, type InIfaddr,
  IFA_F_PERMANENT, IFA_F_SECONDARY, IFA_F_DEPRECATED, INFINITY_LIFE_TIME,
} from './devinet.js';
import { EADDRNOTAVAIL, EEXIST, EINVAL, ENOENT, KernelError } from '../errno.js';

export interface AddrRequest {
  local?: number;
  address?: number;
  prefixlen: number;
  broadcast?: number;
  label?: string;
  scope: number;
  flags: number;
  validLft?: number;
  preferredLft?: number;
  metric?: number;
  proto?: number;
}

export interface AddrFlags {
  excl: boolean;
  replace: boolean;
}

/** inet_rtm_newaddr() */
export function inetRtmNewaddr(dev: NetDevice, r: AddrRequest, fl: AddrFlags): void {
  const ind = inDev(dev);
  if (!ind) throw new KernelError(ENOENT);
  if (r.prefixlen > 32) throw new KernelError(EINVAL);
  const local = r.local ?? r.address;
  if (local === undefined) throw new KernelError(EINVAL);
  const address = r.address ?? local;
  const valid = r.validLft ?? INFINITY_LIFE_TIME;
  const preferred = r.preferredLft ?? INFINITY_LIFE_TIME;
  if (valid === 0 || preferred > valid) throw new KernelError(EINVAL, 'ipv4: address lifetime invalid');
  // find_matching_ifa()
  const m = prefixMask(r.prefixlen);
  const existing = ind.addrs.find((a) => a.prefixlen === r.prefixlen && ((a.address ^ address) & m) === 0 && a.local === local);
  let flags = r.flags & ~(IFA_F_SECONDARY | IFA_F_PERMANENT | IFA_F_DEPRECATED);
  if (valid === INFINITY_LIFE_TIME) flags |= IFA_F_PERMANENT;
  if (preferred === 0) flags |= IFA_F_DEPRECATED;
  const now = dev.netns.kernel.clock.now();
  if (existing) {
    if (fl.excl || !fl.replace) throw new KernelError(EEXIST, 'ipv4: Address already assigned');
    // Replacing keeps the address, updates lifetimes, flags and the prefix route's metric.
    const metricChanged = r.metric !== undefined && r.metric !== existing.rtPriority;
    if (metricChanged) fibDelIfaddr(existing, undefined);
    existing.flags = (existing.flags & IFA_F_SECONDARY) | flags;
    existing.validLft = valid;
    existing.preferredLft = preferred;
    existing.tstamp = now;
    if (r.metric !== undefined) existing.rtPriority = r.metric;
    if (r.proto !== undefined) existing.proto = r.proto;
    if (metricChanged) fibAddIfaddr(existing);
    dev.gen++;
    scheduleLifetime(existing);
    return;
  }
  // IPv4 adds a missing address whatever NLM_F_CREATE says (`ip addr change` adds too).
  const ifa: InIfaddr = newIfa(dev, {
    local, address, prefixlen: r.prefixlen, broadcast: r.broadcast ?? 0, label: r.label ?? dev.name,
    scope: r.scope, flags, validLft: valid, preferredLft: preferred, rtPriority: r.metric ?? 0, proto: r.proto ?? 0,
  });
  inetInsertIfa(ifa);
  scheduleLifetime(ifa);
}

/** inet_rtm_deladdr(): the first address matching every attribute given. */
export function inetRtmDeladdr(dev: NetDevice, r: { local?: number; address?: number; prefixlen: number; label?: string }): void {
  const ind = inDev(dev);
  if (!ind) throw new KernelError(EADDRNOTAVAIL, 'ipv4: Address not found');
  const hit = ind.addrs.find((a) => {
    if (r.local !== undefined && a.local !== r.local) return false;
    if (r.label !== undefined && a.label !== r.label) return false;
    if (r.address !== undefined && (r.prefixlen !== a.prefixlen || ((a.address ^ r.address) & prefixMask(a.prefixlen)) !== 0)) return false;
    return true;
  });
  if (!hit) throw new KernelError(EADDRNOTAVAIL, 'ipv4: Address not found');
  inetDelIfa(hit);
}

/** check_lifetime(): past its preferred lifetime an address is deprecated, past its valid
 *  lifetime it is deleted. */
function scheduleLifetime(ifa: InIfaddr): void {
  if (ifa.validLft === INFINITY_LIFE_TIME && ifa.preferredLft === INFINITY_LIFE_TIME) return;
  const clock = ifa.dev.netns.kernel.clock;
  const stamp = ifa.tstamp;
  const check = () => {
    const ind = inDev(ifa.dev);
    if (!ind || !ind.addrs.includes(ifa) || ifa.tstamp !== stamp) return;
    const age = clock.now() - ifa.tstamp;
    if (ifa.validLft !== INFINITY_LIFE_TIME && age >= ifa.validLft * 1000) {
      inetDelIfa(ifa);
      return;
    }
    if (ifa.preferredLft !== INFINITY_LIFE_TIME && age >= ifa.preferredLft * 1000) ifa.flags |= IFA_F_DEPRECATED;
    const next = [ifa.validLft, ifa.preferredLft].filter((l) => l !== INFINITY_LIFE_TIME && l * 1000 > age).map((l) => l * 1000 - age);
    if (next.length) clock.setTimeout(Math.min(...next), check);
  };
  check();
}
