// Shared set-up for the IPv6 tests: a kernel with the IPv6 stack loaded and veth pairs
// built through the kernel's own link requests.
import { Kernel } from '../../src/index.js';
import '../../src/kernel/ipv6/af_inet6.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import { rtnlNewlink } from '../../src/kernel/core/rtnetlink.js';
import { devOpen, devSetMacAddress } from '../../src/kernel/core/dev.js';
import { parseIPv6, formatIPv6 } from '../../src/wire/inet.js';
import { parseMac } from '../../src/kernel/core/eth.js';
import { inet6Addrs, IFA_F_TENTATIVE, IFA_F_DADFAILED } from '../../src/kernel/ipv6/addrconf.js';

export { Kernel };

export function ip6(s: string): Uint8Array {
  const a = parseIPv6(s);
  if (!a) throw new Error(`bad address ${s}`);
  return a;
}

export function mac(s: string): Uint8Array {
  const m = parseMac(s);
  if (!m) throw new Error(`bad mac ${s}`);
  return m;
}

export interface Pair {
  k: Kernel;
  a: Netns;
  b: Netns;
  va: NetDevice;
  vb: NetDevice;
}

/** Two namespaces joined by veth0 (in a, 02:00:00:00:00:01) and veth1 (in b, ...:02), both
 *  down unless `up`. */
export function vethPair(opts: { up?: boolean; seed?: number; sameNs?: boolean } = {}): Pair {
  const k = new Kernel({ seed: opts.seed ?? Number(process.env.NETSIM_TEST_SEED ?? 7) });
  const a = k.initNet;
  const b = opts.sameNs ? a : k.createNetns();
  const va = rtnlNewlink(a, 'veth', { name: 'veth0', peer: { name: 'veth1', netns: b } });
  const vb = b.devByName('veth1')!;
  devSetMacAddress(va, mac('02:00:00:00:00:01'));
  devSetMacAddress(vb, mac('02:00:00:00:00:02'));
  if (opts.up) {
    devOpen(va);
    devOpen(vb);
  }
  return { k, a, b, va, vb };
}

/** `ip -6 addr show dev X` reduced to "addr/plen flags" lines. */
export function addrLines(dev: NetDevice): string[] {
  return inet6Addrs(dev).map((i) => {
    const f: string[] = [];
    if (i.flags & IFA_F_DADFAILED) f.push('dadfailed');
    if (i.flags & IFA_F_TENTATIVE) f.push('tentative');
    return `${formatIPv6(i.address)}/${i.prefixlen}${f.length ? ' ' + f.join(' ') : ''}`;
  });
}

import { inet6DumpFib } from '../../src/kernel/ipv6/route.js';
import type { NetDevice as Dev } from '../../src/kernel/core/netdevice.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';

const TYPES: Record<number, string> = { 2: 'local', 4: 'anycast', 5: 'multicast' };

/** `ip -6 route show table all` as iproute2 prints the kernel routes addrconf makes. */
export function routeLines(ns: Netns): string[] {
  return inet6DumpFib(ns, {}).map((m) => {
    const type = TYPES[m.type] ? `${TYPES[m.type]} ` : '';
    const dst = m.dstLen === 128 ? formatIPv6(m.dst as Uint8Array) : `${formatIPv6(m.dst as Uint8Array)}/${m.dstLen}`;
    const dev = ns.devByIndex(m.oif!)!.name;
    const table = m.tableId === 254 ? '' : ` table ${m.tableId === 255 ? 'local' : m.tableId}`;
    const proto = m.protocol === 2 ? ' proto kernel' : '';
    const exp = m.cacheinfo?.expires ? ` expires ${m.cacheinfo.expires}sec` : '';
    const linkdown = m.flags & 16 ? ' linkdown' : '';
    return `${type}${dst} dev ${dev}${table}${proto} metric ${m.priority}${exp}${linkdown} pref medium`;
  });
}

/** Records every frame `dev` transmits (a tap in front of ndo_start_xmit). */
export function tap(dev: Dev): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const orig = dev.xmit.bind(dev);
  dev.xmit = (skb: SkBuff) => {
    frames.push(skb.data.slice());
    orig(skb);
  };
  return frames;
}

export function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
