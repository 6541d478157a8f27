// The "files" source of the C library's resolver: the emulated /etc/hosts (Debian's default
// when the world has none), as getaddrinfo() and getnameinfo() read it.
import type { Kernel } from '../../kernel/kernel.js';
import { parseIPv4 } from '../../wire/inet.js';

export const DEFAULT_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n';

export interface HostEntry {
  addr: string;
  names: string[];
}

/** The lines of /etc/hosts: an address and its names, comments and blank lines dropped. */
export function hostsEntries(kernel: Kernel): HostEntry[] {
  const text = kernel.files.get('/etc/hosts') ?? DEFAULT_HOSTS;
  const out: HostEntry[] = [];
  for (const line of text.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (w.length >= 2) out.push({ addr: w[0]!, names: w.slice(1) });
  }
  return out;
}

/** Every IPv4 address /etc/hosts gives `name` (names compare without case), in file order. */
export function hostsLookup4(kernel: Kernel, name: string): number[] {
  const lower = name.toLowerCase();
  const out: number[] = [];
  for (const e of hostsEntries(kernel)) {
    const a = parseIPv4(e.addr);
    if (a !== undefined && e.names.some((n) => n.toLowerCase() === lower)) out.push(a);
  }
  return out;
}
