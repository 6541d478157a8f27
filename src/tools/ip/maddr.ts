// `ip maddress`: iproute2's ip/ipmaddr.c. `show` reads /proc/net/dev_mcast (the link-layer
// multicast list, dev_mc_seq_show()), /proc/net/igmp (in_dev->mc_list, newest first) and
// /proc/net/igmp6 (idev->mc_list), in that order, and inserts every entry into one list
// sorted by ifindex (maddr_ins(): stable, so within a device the link addresses come first,
// then inet, then inet6, each in its file's order). Here the same lists are read from the
// kernel's structures those files print.
import type { IpContext } from './context.js';
import { AF_INET, AF_INET6, AF_PACKET, AF_UNSPEC } from './context.js';
import { Args, matches, duparg2 } from '../lib/args.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON } from '../lib/json_print.js';
import type { NetDevice } from '../../kernel/core/netdevice.js';
import * as devAddrLists from '../../kernel/bridge/dev_addr_lists.js';
import { ipMcList } from '../../kernel/ipv4/igmp.js';
import { ipv6McList } from '../../kernel/ipv6/mcast.js';
import { formatIPv4, formatIPv6 } from '../../wire/inet.js';

const USAGE_TEXT = 'Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n       ip maddr show [ dev STRING ]\n';

/** struct ma_info */
interface MaInfo {
  index: number;
  name: string;
  family: number;
  /** The address as ipmaddr.c prints it. */
  addr: string;
  users: number;
  /** "static" for an address added with SIOCADDMULTI (ha->global_use). */
  features?: string;
}

/** A link-layer multicast address with its reference count and global_use flag. */
interface HwMcEntry {
  addr: Uint8Array;
  refcount?: number;
  globalUse?: boolean;
}

/** dev->mc as /proc/net/dev_mcast shows it. dev_addr_lists.ts's devMcEntries() (address,
 *  refcount, global_use) is used when it exists; devMcList() (addresses only) otherwise. */
function devMcEntries(dev: NetDevice): HwMcEntry[] {
  const full = (devAddrLists as unknown as { devMcEntries?: (d: NetDevice) => HwMcEntry[] }).devMcEntries;
  if (full) return full(dev);
  return devAddrLists.devMcList(dev).map((addr) => ({ addr }));
}

/** ll_addr_n2a() for an ethernet-sized address. */
function llAddr(a: Uint8Array): string {
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join(':');
}

/** maddr_ins(): after every entry whose index is not greater. */
function maddrIns(list: MaInfo[], m: MaInfo): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.index > m.index) i--;
  list.splice(i, 0, m);
}

/** multiaddr_list() */
function multiaddrList(ctx: IpContext, a: Args): number {
  let filterDev: string | undefined;
  while (!a.done) {
    let arg = a.peek()!;
    if (arg === 'dev') arg = a.next();
    else if (matches(arg, 'help')) return usage(ctx);
    if (filterDev !== undefined) throw duparg2('dev', arg);
    filterDev = arg;
    a.i++;
  }
  const family = ctx.opts.family;
  const devs = ctx.ns.devices().filter((d) => filterDev === undefined || d.name === filterDev);
  const list: MaInfo[] = [];
  if (family === AF_UNSPEC || family === AF_PACKET) {
    // read_dev_mcast()
    for (const d of devs) {
      for (const h of devMcEntries(d)) {
        maddrIns(list, { index: d.ifindex, name: d.name, family: AF_PACKET, addr: llAddr(h.addr), users: h.refcount ?? 1,
          features: h.globalUse ? 'static' : undefined });
      }
    }
  }
  if (family === AF_UNSPEC || family === AF_INET) {
    // read_igmp()
    for (const d of devs) {
      for (const g of ipMcList(d)) maddrIns(list, { index: d.ifindex, name: d.name, family: AF_INET, addr: formatIPv4(g.addr), users: g.users });
    }
  }
  if (family === AF_UNSPEC || family === AF_INET6) {
    // read_igmp6()
    for (const d of devs) {
      for (const g of ipv6McList(d)) maddrIns(list, { index: d.ifindex, name: d.name, family: AF_INET6, addr: formatIPv6(g.addr), users: g.users });
    }
  }
  const p = ctx.printer();
  p.openDump();
  // print_mlist()
  let cur = -1;
  for (const m of list) {
    if (m.index !== cur) {
      if (cur !== -1) {
        p.closeArray(PRINT_JSON);
        p.closeObject();
      }
      cur = m.index;
      p.openObject();
      p.number(PRINT_ANY, 'ifindex', '%d:', m.index);
      p.string(PRINT_ANY, 'ifname', '\t%s\n', m.name, 'ifname');
      p.openArray(PRINT_JSON, 'maddr');
    }
    // print_maddr()
    p.string(PRINT_FP, null, '\t', '');
    p.openObject();
    if (m.family === AF_PACKET) {
      p.string(PRINT_FP, null, 'link  ', '');
      p.string(PRINT_ANY, 'link', '%s', m.addr, 'mac');
    } else {
      p.string(PRINT_ANY, 'family', '%-5s ', m.family === AF_INET ? 'inet' : 'inet6');
      p.string(PRINT_ANY, 'address', '%s', m.addr, m.family === AF_INET ? 'inet' : 'inet6');
    }
    if (m.users !== 1) p.number(PRINT_ANY, 'users', ' users %u', m.users);
    if (m.features) p.string(PRINT_ANY, 'features', ' %s', m.features);
    p.string(PRINT_FP, null, '\n', '');
    p.closeObject();
  }
  if (cur !== -1) {
    p.closeArray(PRINT_JSON);
    p.closeObject();
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

function usage(ctx: IpContext): number {
  ctx.err(USAGE_TEXT);
  return 255;
}

/** do_multiaddr() */
export function doIpmaddr(ctx: IpContext, a: Args): number {
  if (a.done) return multiaddrList(ctx, a);
  const cmd = a.take();
  if (matches(cmd, 'add') || matches(cmd, 'delete')) {
    // multiaddr_modify(): SIOCADDMULTI / SIOCDELMULTI (dev_mc_add_global) are not emulated.
    ctx.err(`ip maddress ${cmd}: not emulated by netsim\n`);
    return 1;
  }
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return multiaddrList(ctx, a);
  if (matches(cmd, 'help')) return usage(ctx);
  ctx.err(`Command "${cmd}" is unknown, try "ip maddr help".\n`);
  return 255;
}
