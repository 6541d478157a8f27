// Memory per namespace: N namespaces, each holding one end of a veth pair (the other end in
// the initial namespace) with an IPv4 address on it — the shape of a node full of pods.
import { Kernel } from '../src/index.js';
import { rtnlNewlink } from '../src/kernel/core/rtnetlink.js';
import { devOpen } from '../src/kernel/core/dev.js';
import { netnsAdd } from '../src/kernel/netns_files.js';
import { inetRtmNewaddr } from '../src/kernel/ipv4/devinet_rtnl.js';

export interface NetnsMemoryResult {
  namespaces: number;
  bytesPerNetns: number;
  seconds: number;
}

function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export function netnsMemory(n: number): NetnsMemoryResult {
  const k = new Kernel({ seed: 1 });
  const before = heapUsed();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const ns = netnsAdd(k, `pod${i}`);
    const host = rtnlNewlink(k.initNet, 'veth', { name: `veth${i}`, peer: { name: 'eth0', netns: ns } });
    const eth0 = ns.devByName('eth0')!;
    const addr = (10 << 24) | (244 << 16) | (i + 2);
    inetRtmNewaddr(eth0, { local: addr >>> 0, prefixlen: 16, scope: 0, flags: 0 }, { excl: true, replace: false });
    devOpen(eth0);
    devOpen(host);
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = heapUsed();
  // Keep the kernel alive until measured.
  if (k.namedNetns.size !== n) throw new Error('namespaces lost');
  return { namespaces: n, bytesPerNetns: (after - before) / n, seconds };
}
