// struct net: one network namespace — its devices, ifindex space, netns ids of its peers,
// and the per-namespace protocol state (IPv4/IPv6 routing, neighbours, sysctls).
import type { Kernel } from './kernel.js';
import type { NetDevice } from './core/netdevice.js';
import { EEXIST, ENODEV, KernelError } from './errno.js';

let nextInum = 4026531840; // proc_inum of init_net on Linux; later namespaces count up

export class Netns {
  readonly kernel: Kernel;
  /** The namespace's inode number (what `ip netns identify` compares). */
  readonly inum: number;
  private byIndex = new Map<number, NetDevice>();
  private byName = new Map<string, NetDevice>();
  /** net->ifindex: the last index handed out; allocation is cyclic as in dev_index_reserve(). */
  private ifindexCursor = 0;
  /** peernet2id(): the ids this namespace gave to other namespaces. */
  readonly netnsIds = new Map<Netns, number>();
  /** Per-protocol state, installed by kernel/ipv4, kernel/ipv6 etc. at creation. */
  readonly proto: Record<string, unknown> = {};
  /** Bumped whenever a device is added, removed or renamed. */
  gen = 0;

  constructor(kernel: Kernel, inum?: number) {
    this.kernel = kernel;
    this.inum = inum ?? nextInum++;
  }

  /** Devices in ifindex order, as a netlink dump returns them. */
  devices(): NetDevice[] {
    return [...this.byIndex.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  /** Devices in dev_base_head order: as they registered or moved in (/proc/net/dev). */
  devicesInListOrder(): NetDevice[] {
    return [...this.byIndex.values()];
  }

  devByIndex(ifindex: number): NetDevice | undefined {
    return this.byIndex.get(ifindex);
  }

  devByName(name: string): NetDevice | undefined {
    return this.byName.get(name);
  }

  /** dev_index_reserve(): keep `wanted` when free, else the next free index after the cursor. */
  reserveIfindex(wanted = 0): number {
    if (wanted) {
      if (this.byIndex.has(wanted)) throw new KernelError(EEXIST);
      return wanted;
    }
    let i = this.ifindexCursor;
    for (;;) {
      i = i >= 0x7fffffff ? 1 : i + 1;
      if (!this.byIndex.has(i)) break;
    }
    this.ifindexCursor = i;
    return i;
  }

  /** list_netdevice() */
  attach(dev: NetDevice): void {
    if (this.byName.has(dev.name)) throw new KernelError(EEXIST);
    dev.netns = this;
    this.byIndex.set(dev.ifindex, dev);
    this.byName.set(dev.name, dev);
    this.gen++;
  }

  /** unlist_netdevice() */
  detach(dev: NetDevice): void {
    if (this.byIndex.get(dev.ifindex) !== dev) throw new KernelError(ENODEV);
    this.byIndex.delete(dev.ifindex);
    this.byName.delete(dev.name);
    this.gen++;
  }

  rename(dev: NetDevice, name: string): void {
    if (this.byName.has(name)) throw new KernelError(EEXIST);
    this.byName.delete(dev.name);
    dev.name = name;
    this.byName.set(name, dev);
    this.gen++;
  }

  /** peernet2id_alloc(): the id this namespace uses for `peer`, allocated on first use. */
  idFor(peer: Netns, alloc: boolean): number {
    if (peer === this) return -1;
    const have = this.netnsIds.get(peer);
    if (have !== undefined || !alloc) return have ?? -1;
    const used = new Set(this.netnsIds.values());
    let id = 0;
    while (used.has(id)) id++;
    this.netnsIds.set(peer, id);
    return id;
  }

  peerById(id: number): Netns | undefined {
    for (const [ns, i] of this.netnsIds) if (i === id) return ns;
    return undefined;
  }
}
