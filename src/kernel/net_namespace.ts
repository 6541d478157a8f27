// struct net: one network namespace — its devices, ifindex space, netns ids of its peers,
// and the per-namespace protocol state (IPv4/IPv6 routing, neighbours, sysctls).
import type { Kernel } from './kernel.js';
import type { NetDevice } from './core/netdevice.js';
import { EEXIST, ENODEV, KernelError } from './errno.js';

let nextInum = 4026531840; // proc_inum of init_net on Linux; later namespaces count up

/** net->netns_ids: peer -> nsid. Allocating the lowest free id (idr_alloc(..., 0, 0)) scans
 *  the ids in use; a namespace with many peers (the initial namespace of a node full of
 *  pods has one per pod) counts them instead, so that allocation does not scan every peer.
 *  Behaves as a plain Map for everyone else. */
class NetnsIdMap extends Map<Netns, number> {
  /** id -> how many peers hold it; kept only once the map is big (see lowestFreeId()). */
  private used: Map<number, number> | undefined;
  /** With `used`: every id below this one is in use. */
  private lowFree = 0;

  override set(peer: Netns, id: number): this {
    const used = this.used;
    if (used) {
      if (super.has(peer)) this.release(used, super.get(peer)!);
      used.set(id, (used.get(id) ?? 0) + 1);
    }
    return super.set(peer, id);
  }

  override delete(peer: Netns): boolean {
    if (!super.has(peer)) return false;
    if (this.used) this.release(this.used, super.get(peer)!);
    return super.delete(peer);
  }

  override clear(): void {
    super.clear();
    this.used = undefined;
    this.lowFree = 0;
  }

  private release(used: Map<number, number>, id: number): void {
    const n = used.get(id)! - 1;
    if (n > 0) used.set(id, n);
    else {
      used.delete(id);
      if (id < this.lowFree) this.lowFree = id;
    }
  }

  /** The lowest id >= 0 no peer holds. */
  lowestFreeId(): number {
    let used = this.used;
    if (!used) {
      if (this.size < 16) {
        const ids = new Set(this.values());
        let id = 0;
        while (ids.has(id)) id++;
        return id;
      }
      used = this.used = new Map();
      for (const id of this.values()) used.set(id, (used.get(id) ?? 0) + 1);
      this.lowFree = 0;
    }
    let id = this.lowFree;
    while (used.has(id)) id++;
    this.lowFree = id;
    return id;
  }
}

export class Netns {
  readonly kernel: Kernel;
  /** The namespace's inode number (what `ip netns identify` compares). */
  readonly inum: number;
  private byIndex = new Map<number, NetDevice>();
  private byName = new Map<string, NetDevice>();
  /** net->ifindex: the last index handed out; allocation is cyclic as in dev_index_reserve(). */
  private ifindexCursor = 0;
  /** peernet2id(): the ids this namespace gave to other namespaces. */
  readonly netnsIds: Map<Netns, number> = new NetnsIdMap();
  /** Per-protocol state, installed by kernel/ipv4, kernel/ipv6 etc. at creation. */
  readonly proto: Record<string, unknown> = {};
  /** Bumped whenever a device is added, removed or renamed. */
  gen = 0;
  /** devicesSorted()'s array and the `gen` it was built at. */
  private sortedDevs: NetDevice[] | undefined;
  private sortedGen = -1;

  constructor(kernel: Kernel, inum?: number) {
    this.kernel = kernel;
    this.inum = inum ?? nextInum++;
  }

  /** Devices in ifindex order, as a netlink dump returns them. */
  devices(): NetDevice[] {
    return this.devicesSorted().slice();
  }

  /** devices() without the copy, for the datapath: the array is shared and rebuilt when
   *  `gen` moves, so callers must neither modify nor keep it. */
  devicesSorted(): readonly NetDevice[] {
    if (this.sortedGen !== this.gen || !this.sortedDevs) {
      this.sortedDevs = [...this.byIndex.values()].sort((a, b) => a.ifindex - b.ifindex);
      this.sortedGen = this.gen;
    }
    return this.sortedDevs;
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
    const id = (this.netnsIds as NetnsIdMap).lowestFreeId();
    this.netnsIds.set(peer, id);
    return id;
  }

  peerById(id: number): Netns | undefined {
    for (const [ns, i] of this.netnsIds) if (i === id) return ns;
    return undefined;
  }
}
