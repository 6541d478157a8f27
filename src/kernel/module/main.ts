// kernel/module/main.c: loadable modules. The machine's /lib/modules/<release> holds the
// modules registered here (modules.dep, with each module's dependencies) and names the parts
// netsim always has as built in (modules.builtin); which modules are loaded is per kernel.
// A module's init and exit (module_init()/module_exit()) run when it is loaded and removed.
import type { Kernel } from '../kernel.js';
import { EBUSY, EEXIST, ENOENT } from '../errno.js';

export interface KernelModule {
  name: string;
  /** Modules it needs loaded first (its modules.dep line). */
  deps?: string[];
  init?(k: Kernel): void;
  exit?(k: Kernel): void;
}

const available = new Map<string, KernelModule>();

/** What netsim always has, as a kernel with these parts built in would list them in
 *  modules.builtin: the bridge, the drivers and the IPv4 netfilter core. */
const builtin = new Set([
  'bridge', 'veth', 'dummy', 'ipv6', 'x_tables', 'ip_tables', 'iptable_filter', 'iptable_nat',
  'iptable_mangle', 'iptable_raw', 'iptable_security', 'nf_conntrack', 'nf_nat', 'nf_defrag_ipv4',
  'ip_set', 'ip_set_hash_ip', 'ip_set_hash_net', 'ip_set_hash_ipport', 'ip_set_hash_netiface',
  'ip_set_bitmap_port', 'xt_physdev', 'xt_conntrack', 'xt_nat', 'xt_mark', 'xt_connmark',
  'xt_comment', 'xt_multiport', 'xt_addrtype', 'xt_statistic', 'xt_set', 'xt_tcpudp', 'xt_CT',
  'xt_LOG', 'xt_limit', 'xt_owner', 'xt_recent', 'xt_mac', 'xt_iprange', 'xt_length', 'xt_pkttype',
  'xt_dscp', 'xt_hl', 'ipt_REJECT', 'xt_MASQUERADE',
]);

/** Loaded modules of each kernel, with the number of loaded modules using each (refcnt). */
const loadedOf = new WeakMap<Kernel, Map<string, number>>();

function loaded(k: Kernel): Map<string, number> {
  let m = loadedOf.get(k);
  if (!m) loadedOf.set(k, (m = new Map()));
  return m;
}

/** modname_normalize(): '-' and '_' are the same in a module name. */
export function moduleNormalize(name: string): string {
  return name.replace(/-/g, '_');
}

/** Puts a module into /lib/modules (every kernel can then load it). */
export function registerModule(m: KernelModule): void {
  available.set(m.name, m);
}

/** Where a name is found: a loadable module, a built-in one, or nowhere. */
export function moduleLookup(name: string): 'module' | 'builtin' | undefined {
  const n = moduleNormalize(name);
  if (builtin.has(n)) return 'builtin';
  return available.has(n) ? 'module' : undefined;
}

/** The modules a module needs, deepest first (as modprobe loads them). */
export function moduleDeps(name: string): string[] {
  const out: string[] = [];
  const walk = (n: string) => {
    for (const d of available.get(n)?.deps ?? []) {
      if (out.includes(d)) continue;
      walk(d);
      out.push(d);
    }
  };
  walk(moduleNormalize(name));
  return out;
}

/** kmod_module_get_initstate(): 'builtin', 'live' (loaded), or undefined. */
export function moduleState(k: Kernel, name: string): 'builtin' | 'live' | undefined {
  const n = moduleNormalize(name);
  if (builtin.has(n)) return 'builtin';
  return loaded(k).has(n) ? 'live' : undefined;
}

/** Whether `name` is loaded (or built in) in `k`: what a module's hooks check per packet. */
export function moduleLoaded(k: Kernel, name: string): boolean {
  return builtin.has(name) || (loadedOf.get(k)?.has(name) ?? false);
}

/** The number of loaded modules using `name` (/sys/module/NAME/refcnt). */
export function moduleRefcnt(k: Kernel, name: string): number {
  return loaded(k).get(moduleNormalize(name)) ?? 0;
}

/** init_module(): loads one module whose dependencies are loaded; -EEXIST when it already is,
 *  -ENOENT when there is no such module. */
export function initModule(k: Kernel, name: string): number {
  const n = moduleNormalize(name);
  const m = available.get(n);
  if (!m) return -ENOENT;
  const l = loaded(k);
  if (l.has(n) || builtin.has(n)) return -EEXIST;
  l.set(n, 0);
  for (const d of m.deps ?? []) if (l.has(d)) l.set(d, l.get(d)! + 1);
  m.init?.(k);
  return 0;
}

/** delete_module(): -ENOENT when not loaded, -EBUSY while another loaded module uses it. */
export function deleteModule(k: Kernel, name: string): number {
  const n = moduleNormalize(name);
  const l = loaded(k);
  if (!l.has(n)) return -ENOENT;
  if (l.get(n)! > 0) return -EBUSY;
  const m = available.get(n)!;
  m.exit?.(k);
  l.delete(n);
  for (const d of m.deps ?? []) if (l.has(d)) l.set(d, Math.max(0, l.get(d)! - 1));
  return 0;
}

/** request_module(): loads a module and its dependencies if it is not there yet (what the
 *  kernel asks modprobe for when a feature needs one); false when there is no such module. */
export function requestModule(k: Kernel, name: string): boolean {
  const n = moduleNormalize(name);
  if (moduleState(k, n)) return true;
  if (!available.has(n)) return false;
  for (const d of moduleDeps(n)) if (!moduleState(k, d)) initModule(k, d);
  initModule(k, n);
  return true;
}
