// The sysctl tree (/proc/sys) of an emulated machine: net.* per network namespace, the
// rest per kernel, with Linux's defaults, handlers, ranges and side effects. The tables
// live in kernel/fs/; this module loads them and is what the rest of the kernel imports.
//
//   sysctlInt(ns, 'net.ipv4.icmp_ratelimit')          -> 1000 (what `sysctl -n` prints)
//   sysctlWrite(k, ns, 'net.ipv4.ip_forward', '1')    -> as `sysctl -w` would, or throws
//   onSysctlChange(({ netns, path, dev }) => ...)     -> react to a setting
//   neighParam(dev, 4, 'retrans_time_ms')             -> a neighbour parameter (ms)
import type { Kernel } from './kernel.js';
import type { Netns } from './net_namespace.js';
import { EACCES, EISDIR, ENOENT, KernelError } from './errno.js';
import { sysctlLookup, sysctlNotify, plainValue, plainRaw } from './fs/sysctl_core.js';
import './fs/sysctl_ipv4.js';
import './fs/sysctl_ipv6.js';
import './fs/neigh_parms.js';
import './fs/sysctl_net.js';
import './fs/sysctl_kernel.js';

export {
  onSysctlChange, registerSysctl, registerTable, bindSysctlRecord, ctlFile, customFile, dirNode, HZ, USER_HZ,
  type SysctlChange, type SysctlCtx, type SysNode, type SysFile, type SysDir, type Row,
} from './fs/sysctl_core.js';
export { neighParam, setNeighParam, type NeighFamily } from './fs/neigh_parms.js';
export { ipv6DevConf, ipv6NetConf, ipv6StableSecret, type Ipv6Conf } from './fs/sysctl_ipv6.js';
export { ipv4DevconfCopyState } from './fs/sysctl_ipv4.js';
export { registerBridgeNfSysctls, registerNfConntrackSysctls, registerNfLogSysctls } from './fs/sysctl_net.js';

const keyPaths = new Map<string, string>();

/** "net.ipv4.conf.all.rp_filter" or "net/ipv4/conf/eth0.100/rp_filter" -> path components.
 *  A key with a slash is taken as a path (device names may contain dots). */
export function sysctlKeyPath(key: string): string[] {
  return (key.includes('/') ? key.split('/') : key.split('.')).filter(Boolean);
}

function fileOf(kernel: Kernel, ns: Netns, key: string) {
  const n = sysctlLookup({ kernel, ns }, sysctlKeyPath(key));
  if (!n) throw new KernelError(ENOENT);
  if (n.kind === 'dir') throw new KernelError(EISDIR);
  return n;
}

/** The text of a sysctl (with its trailing newline), as reading /proc/sys/<key> gives it. */
export function sysctlRead(kernel: Kernel, ns: Netns, key: string): string {
  const f = fileOf(kernel, ns, key);
  if (!(f.mode & 0o400)) throw new KernelError(EACCES);
  return f.read();
}

/** Writes a sysctl as `sysctl -w key=value` does (the value plus a newline). Throws the
 *  KernelError the write would fail with (EINVAL for a bad value, EACCES read-only). */
export function sysctlWrite(kernel: Kernel, ns: Netns, key: string, value: string): void {
  const f = fileOf(kernel, ns, key);
  if (!(f.mode & 0o200)) throw new KernelError(EACCES);
  f.write(value.endsWith('\n') ? value : value + '\n');
  const path = sysctlKeyPath(key).join('/');
  const m = /^net\/ipv[46]\/(?:conf|neigh)\/([^/]+)\//.exec(path);
  sysctlNotify({ kernel, netns: path.startsWith('net/') ? ns : undefined, path, dev: m ? ns.devByName(m[1]!) : undefined });
}

/** The numbers of a vector sysctl (tcp_rmem, ip_local_port_range) or the words of a string
 *  one (tcp_congestion_control), as `sysctl -n` prints them; cheap for kernel code. */
export function sysctlFields(ns: Netns, key: string): string[] {
  let p = keyPaths.get(key);
  if (p === undefined) keyPaths.set(key, p = sysctlKeyPath(key).join('/'));
  const raw = plainRaw(ns.kernel, ns, p);
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string') return raw.trim().split(/\s+/);
  return sysctlRead(ns.kernel, ns, key).trim().split(/\s+/);
}

/** The number a sysctl holds, in the unit `sysctl -n` prints it in (seconds for *_time,
 *  milliseconds for *_ms and icmp_ratelimit, the first field of a vector); NaN when the
 *  key does not exist. For kernel code: cheap, no text round trip for plain entries. */
export function sysctlInt(ns: Netns, key: string): number {
  // Kernel code reads a few keys for every packet: their paths are worked out once.
  let p = keyPaths.get(key);
  if (p === undefined) keyPaths.set(key, p = sysctlKeyPath(key).join('/'));
  const fast = plainValue(ns.kernel, ns, p);
  if (fast !== undefined) return fast;
  const n = sysctlLookup({ kernel: ns.kernel, ns }, p.split('/'));
  if (!n || n.kind !== 'file') return NaN;
  if (n.num) return n.num();
  return parseInt(n.read(), 10);
}
