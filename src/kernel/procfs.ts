// The files the emulated kernel shows userspace: /proc/sys (the sysctl tree), /proc/net
// (and /proc/self/net), /sys/class/net and /sys/devices/virtual/net, each as the process's
// network namespace sees them. Tools open them through readProcFile()/writeProcFile(),
// the same way real tools open the real files; errors come back as KernelError with the
// errno the real open()/read()/write() would give.
import type { Kernel } from './kernel.js';
import type { Netns } from './net_namespace.js';
import { EACCES, EISDIR, ENOENT, ENOTDIR, KernelError } from './errno.js';
import { sysctlDirAt, dirNode, byteCompare, sysctlNotify, type SysNode, type SysDir } from './fs/sysctl_core.js';
import { procNetDir } from './fs/proc_net.js';
import { sysClassNetDir } from './fs/sysfs_net.js';
import './sysctl.js';

export interface ProcStat {
  isDir: boolean;
  /** Permission bits (0644, 0444, 0200, 0555 for directories). */
  mode: number;
}

/** The directory prefixes whose contents are emulated; everything else under /proc and
 *  /sys is the host's. */
const EMULATED = ['/proc/sys', '/proc/net', '/proc/self/net', '/proc/thread-self/net', '/sys/class/net', '/sys/devices/virtual/net'];

/** Resolves "." and ".." and repeated slashes; `path` must be absolute. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

/** True when `path` (absolute) lies in a part of /proc or /sys the emulation provides. */
export function isEmulatedPath(path: string): boolean {
  const p = normalizePath(path);
  return EMULATED.some((e) => p === e || p.startsWith(e + '/'));
}

function root(kernel: Kernel, ns: Netns): SysDir {
  const ctx = { kernel, ns };
  const net = () => procNetDir(ns);
  return dirNode(() => new Map<string, SysNode>([
    ['proc', dirNode(() => new Map<string, SysNode>([
      ['sys', sysctlDirAt(ctx, [])],
      ['net', net()],
      ['self', dirNode(() => new Map([['net', net()]]))],
      ['thread-self', dirNode(() => new Map([['net', net()]]))],
    ]))],
    ['sys', dirNode(() => new Map<string, SysNode>([
      ['class', dirNode(() => new Map([['net', sysClassNetDir(ns)]]))],
      ['devices', dirNode(() => new Map([['virtual', dirNode(() => new Map([['net', sysClassNetDir(ns)]]))]]))],
    ]))],
  ]));
}

function lookup(kernel: Kernel, ns: Netns, path: string): SysNode {
  let node: SysNode = root(kernel, ns);
  for (const c of normalizePath(path).split('/').filter(Boolean)) {
    if (node.kind !== 'dir') throw new KernelError(ENOTDIR);
    const next: SysNode | undefined = node.children().get(c);
    if (!next) throw new KernelError(ENOENT);
    node = next;
  }
  return node;
}

/** stat(): throws ENOENT/ENOTDIR. */
export function procStat(kernel: Kernel, netns: Netns, path: string): ProcStat {
  const n = lookup(kernel, netns, path);
  return { isDir: n.kind === 'dir', mode: n.mode };
}

/** open(O_RDONLY) + read() to the end. */
export function readProcFile(kernel: Kernel, netns: Netns, path: string): string {
  const n = lookup(kernel, netns, path);
  if (n.kind === 'dir') throw new KernelError(EISDIR);
  // Root passes DAC checks on ordinary files, but sysctl and sysfs apply the owner bits.
  if (!(n.mode & 0o400)) throw new KernelError(EACCES);
  return n.read();
}

/** open(O_WRONLY) + one write() of `data` (what `echo 1 > FILE` does). */
export function writeProcFile(kernel: Kernel, netns: Netns, path: string, data: string): void {
  const p = normalizePath(path);
  const n = lookup(kernel, netns, p);
  if (n.kind === 'dir') throw new KernelError(EISDIR);
  if (!(n.mode & 0o200)) throw new KernelError(EACCES);
  n.write(data);
  if (p.startsWith('/proc/sys/')) {
    const rel = p.slice('/proc/sys/'.length);
    sysctlNotify({ kernel, netns: rel.startsWith('net/') ? netns : undefined, path: rel, dev: devOf(netns, rel) });
  }
}

function devOf(ns: Netns, rel: string) {
  const m = /^net\/ipv[46]\/(?:conf|neigh)\/([^/]+)\//.exec(rel);
  return m ? ns.devByName(m[1]!) : undefined;
}

/** readdir() without "." and "..", in the order the kernel returns entries. */
export function listProcDir(kernel: Kernel, netns: Netns, path: string): string[] {
  const n = lookup(kernel, netns, path);
  if (n.kind !== 'dir') throw new KernelError(ENOTDIR);
  return [...n.children().keys()].sort(byteCompare);
}
