// net/core/dev.c: registering devices, bringing them up and down, carrier, MTU, names,
// moving between namespaces, and the two ends of the datapath (dev_queue_xmit and
// netif_receive_skb).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from './netdevice.js';
import type { SkBuff } from './skbuff.js';
import { callNetdeviceNotifiers } from './notifier.js';
import { IFF_UP, devValidName } from './if.js';
import { EEXIST, EINVAL, KernelError } from '../errno.js';

/** dev_alloc_name(): the first free "name%d". */
export function devAllocName(ns: Netns, pattern: string): string {
  for (let i = 0; ; i++) {
    const n = pattern.replace('%d', String(i));
    if (!ns.devByName(n)) return n;
  }
}

/** register_netdevice(): resolves a "name%d" pattern, gives the device an ifindex in its
 *  namespace and announces it. */
export function registerNetdevice(dev: NetDevice, ifindex = 0): void {
  const ns = dev.netns;
  if (dev.name.includes('%d')) dev.name = devAllocName(ns, dev.name);
  if (!devValidName(dev.name)) throw new KernelError(EINVAL);
  if (ns.devByName(dev.name)) throw new KernelError(EEXIST);
  dev.ifindex = ns.reserveIfindex(ifindex);
  ns.attach(dev);
  callNetdeviceNotifiers('REGISTER', dev);
}

/** unregister_netdevice(): closes the device, lets everyone drop references, unlists it. */
export function unregisterNetdevice(dev: NetDevice): void {
  if (dev.isUp) devClose(dev);
  callNetdeviceNotifiers('UNREGISTER', dev);
  dev.uninit();
  dev.netns.detach(dev);
}

/** Carrier changes reach the notifiers through linkwatch, after the operation that caused
 *  them (dev_open() announces NETDEV_UP first). A depth counter stands for the rtnl lock. */
let rtnlDepth = 0;
const linkwatchQueue: NetDevice[] = [];

function rtnlLocked<T>(fn: () => T): T {
  rtnlDepth++;
  try {
    return fn();
  } finally {
    if (--rtnlDepth === 0) linkwatchRunQueue();
  }
}

/** linkwatch_run_queue() */
function linkwatchRunQueue(): void {
  while (linkwatchQueue.length) callNetdeviceNotifiers('CHANGE', linkwatchQueue.shift()!);
}

/** dev_open() */
export function devOpen(dev: NetDevice): void {
  if (dev.isUp) return;
  rtnlLocked(() => {
    dev.flags |= IFF_UP;
    if (dev.qdisc === 'noop') dev.qdisc = dev.noQueue ? 'noqueue' : 'pfifo_fast';
    dev.open();
    dev.gen++;
    callNetdeviceNotifiers('UP', dev);
  });
}

/** dev_close() */
export function devClose(dev: NetDevice): void {
  if (!dev.isUp) return;
  rtnlLocked(() => {
    callNetdeviceNotifiers('GOING_DOWN', dev);
    dev.flags &= ~IFF_UP;
    dev.stop();
    dev.gen++;
    callNetdeviceNotifiers('DOWN', dev);
  });
}

/** netif_carrier_on()/netif_carrier_off(); the NETDEV_CHANGE comes via linkwatch. */
export function netifCarrier(dev: NetDevice, on: boolean): void {
  if (dev.carrier === on) return;
  dev.carrier = on;
  dev.carrierChanges++;
  dev.gen++;
  if (rtnlDepth > 0) {
    if (!linkwatchQueue.includes(dev)) linkwatchQueue.push(dev);
  } else callNetdeviceNotifiers('CHANGE', dev);
}

/** dev_set_mtu_ext() */
export function devSetMtu(dev: NetDevice, mtu: number): void {
  if (mtu === dev.mtu) return;
  if (mtu < dev.minMtu) throw new KernelError(EINVAL, `mtu less than device minimum`);
  if (dev.maxMtu && mtu > dev.maxMtu) throw new KernelError(EINVAL, `mtu greater than device maximum`);
  const err = dev.changeMtu(mtu);
  if (err) throw new KernelError(err);
  dev.mtu = mtu;
  dev.gen++;
  callNetdeviceNotifiers('CHANGEMTU', dev);
}

/** dev_change_name(). Linux 6.x renames running devices too (the oracle kernel allows it). */
export function devChangeName(dev: NetDevice, name: string): void {
  if (name === dev.name) return;
  if (!devValidName(name)) throw new KernelError(EINVAL);
  if (dev.netns.devByName(name)) throw new KernelError(EEXIST);
  dev.netns.rename(dev, name);
  dev.gen++;
  callNetdeviceNotifiers('CHANGENAME', dev);
}

/** dev_set_mac_address() */
export function devSetMacAddress(dev: NetDevice, addr: Uint8Array): void {
  const err = dev.setMacAddress(addr);
  if (err) throw new KernelError(err);
  dev.addr = addr.slice();
  dev.addrAssignType = 3; // NET_ADDR_SET
  dev.gen++;
  callNetdeviceNotifiers('CHANGEADDR', dev);
}

/** __dev_change_net_namespace(): keeps the ifindex when it is free in the target. */
export function devChangeNetNamespace(dev: NetDevice, target: Netns, newName?: string): void {
  if (dev.netns === target) return;
  if (dev.netnsLocal) throw new KernelError(EINVAL, 'The interface netns is immutable');
  const name = newName ?? dev.name;
  if (target.devByName(name)) throw new KernelError(EEXIST, 'An interface with the same name exists in the target netns');
  const wasUp = dev.isUp;
  if (wasUp) devClose(dev);
  callNetdeviceNotifiers('UNREGISTER', dev);
  dev.netns.detach(dev);
  dev.name = name;
  dev.netns = target;
  const keep = target.devByIndex(dev.ifindex) ? 0 : dev.ifindex;
  dev.ifindex = target.reserveIfindex(keep);
  target.attach(dev);
  dev.gen++;
  callNetdeviceNotifiers('REGISTER', dev);
}

/** Protocol handlers by ethertype (dev_add_pack()). */
type PacketHandler = (skb: SkBuff, dev: NetDevice) => void;
const ptypes = new Map<number, PacketHandler>();
export function devAddPack(ethertype: number, h: PacketHandler): void {
  ptypes.set(ethertype, h);
}

/** A ptype_all entry (dev_add_pack() with ETH_P_ALL): a tap that sees every frame a device
 *  sends or receives; packet sockets (kernel/packet/af_packet.ts) are the users. Bound to one
 *  device, or (dev undefined) to every device of its namespace. */
export interface PacketTap {
  netns: Netns;
  dev: NetDevice | undefined;
  func(skb: SkBuff, dev: NetDevice, outgoing: boolean): void;
}
const ptypeAll: PacketTap[] = [];
export function devAddPackAll(pt: PacketTap): void {
  ptypeAll.push(pt);
}
export function devRemovePackAll(pt: PacketTap): void {
  const i = ptypeAll.indexOf(pt);
  if (i >= 0) ptypeAll.splice(i, 1);
}

/** dev_queue_xmit_nit() (outgoing) and the ptype_all walk of __netif_receive_skb_core(). */
function deliverPtypeAll(skb: SkBuff, dev: NetDevice, outgoing: boolean): void {
  for (const pt of ptypeAll.length === 1 ? ptypeAll : ptypeAll.slice()) {
    if (pt.dev ? pt.dev === dev : pt.netns === dev.netns) pt.func(skb, dev, outgoing);
  }
}

/** dev_queue_xmit(): hand a fully built frame to the driver, counting drops for down devices.
 *  Taps see it just before the driver (xmit_one(): dev_nit_active() -> dev_queue_xmit_nit()). */
export function devQueueXmit(skb: SkBuff): void {
  const dev = skb.dev!;
  if (!dev.isUp) {
    dev.stats.tx_dropped++;
    return;
  }
  if (ptypeAll.length !== 0) deliverPtypeAll(skb, dev, true);
  const tr = dev.netns.kernel.trace;
  if (tr) tr({ fn: 'dev_queue_xmit', ns: dev.netns, dev, skb });
  dev.xmit(skb);
}

/** __netif_receive_skb_core(): taps first, then rx_handler (bridge port), then the protocol
 *  handler. A bridge hands frames for the host back here with the bridge as the device, so
 *  taps see them again there. */
export function netifReceiveSkb(skb: SkBuff): void {
  const dev = skb.dev!;
  skb.iif = dev.ifindex;
  if (ptypeAll.length !== 0) deliverPtypeAll(skb, dev, false);
  if (dev.rxHandler && dev.rxHandler(skb)) return;
  const h = ptypes.get(skb.protocol);
  if (h) h(skb, dev);
  else dev.stats.rx_nohandler++;
}

/** The per-CPU backlog: netif_rx() queues, the softirq loop drains in order. Keeps deep
 *  topologies from recursing and gives the same ordering Linux's backlog does. */
const backlog: SkBuff[] = [];
let draining = false;

/** netif_rx() */
export function netifRx(skb: SkBuff): void {
  backlog.push(skb);
  if (draining) return;
  draining = true;
  drainBacklog();
}

/** net_rx_action(): runs the backlog to empty, then leaves softirq context. */
function drainBacklog(): void {
  try {
    for (let i = 0; i < backlog.length; i++) netifReceiveSkb(backlog[i]!);
  } finally {
    backlog.length = 0;
    draining = false;
  }
}

/** local_bh_disable() ... local_bh_enable(): packets that `fn` sends are received only after
 *  it returns, as a socket call or a timer runs to its end before the softirq does. Without
 *  it, a TCP segment's answer would arrive while its sender is still updating its state. */
export function localBh<T>(fn: () => T): T {
  if (draining) return fn();
  draining = true;
  let r: T;
  try {
    r = fn();
  } catch (e) {
    drainBacklog();
    throw e;
  }
  drainBacklog();
  return r;
}
