// The /run/netns registry `ip netns` maintains (a bind mount per name on Linux), and what
// happens to a namespace when its last reference goes: cleanup_net() moves physical
// devices back to the initial namespace and destroys virtual ones.
import type { Kernel } from './kernel.js';
import type { Netns } from './net_namespace.js';
import { devChangeNetNamespace } from './core/dev.js';
import { rtnlDellink } from './core/rtnetlink.js';
import { EEXIST, KernelError } from './errno.js';

export function netnsAdd(k: Kernel, name: string): Netns {
  const ns = k.createNetns();
  k.namedNetns.set(name, ns);
  return ns;
}

/** ip netns delete: the namespace dies with its name (no processes hold it in netsim). */
export function netnsDelete(k: Kernel, name: string): void {
  const ns = k.namedNetns.get(name);
  if (!ns) return;
  k.namedNetns.delete(name);
  if (ns === k.initNet) return;
  // default_device_exit_batch(): virtual devices go, devices that can move go home.
  for (const dev of ns.devices().reverse()) {
    if (dev.netns !== ns) continue;
    if (dev.kind === '' && dev.name !== 'lo') devChangeNetNamespace(dev, k.initNet, k.initNet.devByName(dev.name) ? `dev${dev.ifindex}` : undefined);
    else if (dev.name !== 'lo') rtnlDellink(dev);
  }
  for (const other of [k.initNet, ...k.namedNetns.values()]) other.netnsIds.delete(ns);
}

/** RTM_NEWNSID: `ip netns set NAME ID` (-1 means auto). */
export function netnsSetId(here: Netns, peer: Netns, id: number): void {
  if (here.netnsIds.has(peer)) throw new KernelError(EEXIST, 'Peer netns already has a nsid assigned');
  if (id < 0) {
    here.idFor(peer, true);
    return;
  }
  if (here.peerById(id)) throw new KernelError(EEXIST, 'The specified nsid is already used');
  here.netnsIds.set(peer, id);
}
