// net/core/dev_addr_lists.c: a device's secondary unicast and multicast address lists
// (dev->uc, dev->mc). They are what `bridge fdb show` prints as "self permanent" entries
// (ndo_dflt_fdb_dump) and what `bridge fdb add ... self` edits (ndo_dflt_fdb_add).
// It lives beside the bridge until core/ takes it over; IPv4 (ip_mc_inc_group) and IPv6
// (ipv6_dev_mc_inc) join their groups' link-layer addresses through devMcAdd/devMcDel.
import type { NetDevice } from '../core/netdevice.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { EEXIST, ENOENT, KernelError } from '../errno.js';

interface HwAddr {
  addr: Uint8Array;
  refcount: number;
}

interface AddrLists {
  uc: HwAddr[];
  mc: HwAddr[];
}

const lists = new WeakMap<NetDevice, AddrLists>();

function get(dev: NetDevice): AddrLists {
  let l = lists.get(dev);
  if (!l) {
    l = { uc: [], mc: [] };
    lists.set(dev, l);
  }
  return l;
}

function find(list: HwAddr[], addr: Uint8Array): number {
  return list.findIndex((h) => h.addr.every((b, i) => b === addr[i]));
}

/** __hw_addr_add_ex(): appends, or takes another reference on an existing entry. */
function hwAddrAdd(list: HwAddr[], addr: Uint8Array, exclusive: boolean): void {
  const i = find(list, addr);
  if (i >= 0) {
    if (exclusive) throw new KernelError(EEXIST);
    list[i]!.refcount++;
    return;
  }
  list.push({ addr: addr.slice(), refcount: 1 });
}

function hwAddrDel(list: HwAddr[], addr: Uint8Array): void {
  const i = find(list, addr);
  if (i < 0) throw new KernelError(ENOENT);
  if (--list[i]!.refcount === 0) list.splice(i, 1);
}

/** __dev_set_rx_mode(): the devices netsim has (veth, bridges) filter unicast themselves
 *  (IFF_UNICAST_FLT), so a secondary unicast address does not make them promiscuous. */
function setRxMode(_dev: NetDevice): void {}

/** dev_uc_add_excl() */
export function devUcAddExcl(dev: NetDevice, addr: Uint8Array): void {
  hwAddrAdd(get(dev).uc, addr, true);
  setRxMode(dev);
}

/** dev_uc_add() */
export function devUcAdd(dev: NetDevice, addr: Uint8Array): void {
  hwAddrAdd(get(dev).uc, addr, false);
  setRxMode(dev);
}

/** dev_uc_del() */
export function devUcDel(dev: NetDevice, addr: Uint8Array): void {
  hwAddrDel(get(dev).uc, addr);
  setRxMode(dev);
}

/** dev_mc_add_excl() */
export function devMcAddExcl(dev: NetDevice, addr: Uint8Array): void {
  hwAddrAdd(get(dev).mc, addr, true);
}

/** dev_mc_add() */
export function devMcAdd(dev: NetDevice, addr: Uint8Array): void {
  hwAddrAdd(get(dev).mc, addr, false);
}

/** dev_mc_del() */
export function devMcDel(dev: NetDevice, addr: Uint8Array): void {
  hwAddrDel(get(dev).mc, addr);
}

/** dev_uc_flush() + dev_mc_flush(): unregister_netdevice_many() and
 *  __dev_change_net_namespace() empty both lists once the protocols have let go. */
export function devAddrListsFlush(dev: NetDevice): void {
  lists.delete(dev);
}

registerNetdeviceNotifier((event, dev) => {
  if (event === 'UNREGISTER') devAddrListsFlush(dev);
});

/** Joining and leaving a multicast group as a protocol member, for code outside the
 *  protocols (the bridge's snooper groups go through in_dev / inet6_dev on Linux). IPv4
 *  (ipv4/igmp.ts) and IPv6 (ipv6/mcast.ts) fill these in when they are loaded; without
 *  them a device has no in_device / inet6_dev and the calls do nothing. */
export const mcGroupOps: {
  ip4Inc?: (dev: NetDevice, group: number) => void;
  ip4Dec?: (dev: NetDevice, group: number) => void;
  ip6Inc?: (dev: NetDevice, group: Uint8Array) => void;
  ip6Dec?: (dev: NetDevice, group: Uint8Array) => void;
} = {};

/** The unicast list in insertion order. */
export function devUcList(dev: NetDevice): Uint8Array[] {
  return lists.get(dev)?.uc.map((h) => h.addr) ?? [];
}

/** The multicast list in insertion order. */
export function devMcList(dev: NetDevice): Uint8Array[] {
  return lists.get(dev)?.mc.map((h) => h.addr) ?? [];
}

/** ip_eth_mc_map(): 224.0.0.x -> 01:00:5e:00:00:x */
export function ipEthMcMap(addr: number): Uint8Array {
  return new Uint8Array([0x01, 0x00, 0x5e, (addr >>> 16) & 0x7f, (addr >>> 8) & 0xff, addr & 0xff]);
}

/** ipv6_eth_mc_map(): ff02::x -> 33:33 + last four bytes */
export function ipv6EthMcMap(last4: number): Uint8Array {
  return new Uint8Array([0x33, 0x33, (last4 >>> 24) & 0xff, (last4 >>> 16) & 0xff, (last4 >>> 8) & 0xff, last4 & 0xff]);
}
