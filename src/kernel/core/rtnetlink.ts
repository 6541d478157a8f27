// net/core/rtnetlink.c: the link requests userspace sends (RTM_NEWLINK/SETLINK/DELLINK),
// dispatched to the rtnl_link_ops of each device kind. Tools talk to the kernel through
// these functions, the same way iproute2 talks to Linux through netlink.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from './netdevice.js';
import {
  registerNetdevice, unregisterNetdevice, devOpen, devClose, devSetMtu, devChangeName,
  devSetMacAddress, devChangeNetNamespace,
} from './dev.js';
import { callNetdeviceNotifiers } from './notifier.js';
import { IFF_UP, IFF_NOARP, IFF_MULTICAST, IFF_ALLMULTI, IFF_PROMISC, IFF_DYNAMIC, IFF_LOOPBACK, IFNAMSIZ } from './if.js';
import { EEXIST, EINVAL, ENODEV, EOPNOTSUPP, KernelError } from '../errno.js';

/** The attributes of a link request (IFLA_*), already parsed by the tool. */
export interface LinkRequest {
  name?: string;
  mtu?: number;
  address?: Uint8Array;
  broadcast?: Uint8Array;
  txqlen?: number;
  group?: number;
  alias?: string;
  /** IFLA_MASTER: 0 detaches (nomaster). */
  master?: number;
  netns?: Netns;
  /** ifi_flags/ifi_change pairs. */
  flagsOn?: number;
  flagsOff?: number;
  ifindex?: number;
  /** Kind-specific attributes (IFLA_INFO_DATA), interpreted by the kind. */
  data?: Record<string, unknown>;
  /** IFLA_INFO_SLAVE_DATA for the bridge port settings etc. */
  slaveData?: Record<string, unknown>;
  /** veth's peer request. */
  peer?: LinkRequest;
}

export interface LinkKind {
  /** Creates (but does not register) the device(s); returns them in registration order. */
  newlink(ns: Netns, name: string, req: LinkRequest): NetDevice;
  /** Applies kind-specific changes on an existing device. */
  changelink?(dev: NetDevice, data: Record<string, unknown>): void;
  /** Applies port settings on a device enslaved to this kind. */
  slaveChangelink?(master: NetDevice, port: NetDevice, data: Record<string, unknown>): void;
  /** Attaches/detaches a port (ndo_add_slave / ndo_del_slave). */
  addSlave?(master: NetDevice, port: NetDevice): void;
  delSlave?(master: NetDevice, port: NetDevice): void;
  /** Deleting one device takes others with it (veth peer). */
  dellink?(dev: NetDevice): NetDevice[];
}

const kinds = new Map<string, LinkKind>();

export function rtnlLinkRegister(kind: string, ops: LinkKind): void {
  kinds.set(kind, ops);
}

export function linkKind(kind: string): LinkKind | undefined {
  return kinds.get(kind);
}

/** rtnl_newlink() for a new device of `kind`. */
export function rtnlNewlink(ns: Netns, kind: string, req: LinkRequest): NetDevice {
  const ops = kinds.get(kind);
  if (!ops) throw new KernelError(EOPNOTSUPP, 'Unknown device type');
  const target = req.netns ?? ns;
  // IFLA_IFNAME's netlink policy, then a taken name; "kind%d" is resolved at registration.
  const name = req.name ?? `${kind}%d`;
  if (Buffer.byteLength(name) >= IFNAMSIZ) throw new KernelError(EINVAL, 'Attribute failed policy validation');
  if (target.devByName(name)) throw new KernelError(EEXIST);
  const dev = ops.newlink(target, name, req);
  try {
    applyCommon(dev, req, true);
  } catch (e) {
    for (const d of ops.dellink ? ops.dellink(dev) : [dev]) if (d.ifindex) unregisterNetdevice(d);
    throw e;
  }
  for (const d of ops.dellink ? ops.dellink(dev) : [dev]) rtnlNotifyLink(d);
  return dev;
}

/** Registers a device built by a kind's newlink, honouring a requested ifindex. */
export function rtnlRegister(dev: NetDevice, req: LinkRequest): void {
  if (req.mtu !== undefined) {
    // dev_validate_mtu()
    if (req.mtu < dev.minMtu) throw new KernelError(EINVAL, 'mtu less than device minimum');
    if (dev.maxMtu && req.mtu > dev.maxMtu) throw new KernelError(EINVAL, 'mtu greater than device maximum');
    dev.mtu = req.mtu;
  }
  if (req.address) {
    dev.addr = req.address.slice();
    dev.addrAssignType = 3;
  }
  if (req.broadcast) dev.broadcast = req.broadcast.slice();
  if (req.txqlen !== undefined) dev.txQueueLen = req.txqlen;
  registerNetdevice(dev, req.ifindex ?? 0);
}

/** do_setlink() */
export function rtnlSetlink(dev: NetDevice, req: LinkRequest): void {
  applyCommon(dev, req, false);
}

function applyCommon(dev: NetDevice, req: LinkRequest, created: boolean): void {
  if (!created) {
    if (req.netns && req.netns !== dev.netns) {
      // rtmsg_ifinfo_newnet(): the RTM_DELLINK left behind names the new namespace by an id.
      dev.netns.idFor(req.netns, true);
      devChangeNetNamespace(dev, req.netns, req.name !== dev.name ? req.name : undefined);
      rtnlNotifyLink(dev);
      const ops = kinds.get(dev.kind);
      for (const d of ops?.dellink ? ops.dellink(dev) : []) rtnlNotifyLink(d);
    }
    if (req.name !== undefined && req.name !== dev.name) devChangeName(dev, req.name);
    if (req.address) {
      if (dev.flags & IFF_LOOPBACK && req.address.some((b) => b !== 0)) throw new KernelError(EOPNOTSUPP);
      devSetMacAddress(dev, req.address);
    }
    if (req.mtu !== undefined) devSetMtu(dev, req.mtu);
    if (req.txqlen !== undefined) {
      dev.txQueueLen = req.txqlen;
      dev.gen++;
    }
    if (req.broadcast) dev.broadcast = req.broadcast.slice();
  }
  if (req.alias !== undefined) dev.alias = req.alias;
  if (req.group !== undefined) dev.group = req.group;
  if (req.data && !created) {
    const ops = kinds.get(dev.kind);
    if (!ops?.changelink) throw new KernelError(EOPNOTSUPP);
    ops.changelink(dev, req.data);
  }
  if (req.master !== undefined) setMaster(dev, req.master);
  if (req.slaveData && dev.master) {
    const ops = kinds.get(dev.master.kind);
    ops?.slaveChangelink?.(dev.master, dev, req.slaveData);
  }
  const on = req.flagsOn ?? 0;
  const off = req.flagsOff ?? 0;
  const simple = IFF_NOARP | IFF_MULTICAST | IFF_ALLMULTI | IFF_PROMISC | IFF_DYNAMIC;
  const before = dev.flags;
  dev.flags = (dev.flags & ~(off & simple)) | (on & simple);
  if (dev.flags !== before) {
    dev.gen++;
    callNetdeviceNotifiers('CHANGE', dev);
  }
  if (on & IFF_UP) devOpen(dev);
  if (off & IFF_UP) devClose(dev);
}

/** do_set_master() */
function setMaster(dev: NetDevice, ifindex: number): void {
  const cur = dev.master;
  if (cur && cur.ifindex === ifindex) return;
  if (cur) {
    kinds.get(cur.kind)?.delSlave?.(cur, dev);
  }
  if (ifindex) {
    const m = dev.netns.devByIndex(ifindex);
    if (!m) throw new KernelError(EINVAL);
    const ops = kinds.get(m.kind);
    if (!ops?.addSlave) throw new KernelError(EOPNOTSUPP);
    ops.addSlave(m, dev);
  }
}

/** rtnl_dellink() */
export function rtnlDellink(dev: NetDevice): void {
  if (dev.flags & IFF_LOOPBACK) throw new KernelError(EOPNOTSUPP);
  const ops = kinds.get(dev.kind);
  if (!ops) throw new KernelError(EOPNOTSUPP);
  const all = ops.dellink ? ops.dellink(dev) : [dev];
  for (const d of all) {
    if (d.master) kinds.get(d.master.kind)?.delSlave?.(d.master, d);
    unregisterNetdevice(d);
  }
}

export function devByIndexOrThrow(ns: Netns, ifindex: number): NetDevice {
  const d = ns.devByIndex(ifindex);
  if (!d) throw new KernelError(ENODEV);
  return d;
}

/** rtnl_fill_link_netnsid() -> peernet2id_alloc(): dumping or announcing a device whose
 *  link lives in another namespace gives that namespace an id here. */
export function linkNetnsid(dev: NetDevice): number {
  const other = dev.linkNetns();
  return other ? dev.netns.idFor(other, true) : -1;
}

/** rtmsg_ifinfo() for a new or moved device: the announcement allocates netns ids. */
export function rtnlNotifyLink(dev: NetDevice): void {
  linkNetnsid(dev);
}
