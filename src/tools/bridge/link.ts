// `bridge link` (iproute2 6.1 bridge/link.c): the ports of the bridges, and their settings.
import type { BridgeContext } from './main.js';
import { UsageError, duparg, incomplete, matches } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, type Printer } from '../lib/json_print.js';
import { KernelError } from '../../kernel/errno.js';
import { rtnlErrorText } from '../ip/errors.js';
import {
  rtnlBridgeGetlink, rtnlBridgeSetlink, BRIDGE_FLAGS_MASTER, BRIDGE_FLAGS_SELF,
  type BridgeLinkMsg, type BridgePortData,
} from '../../kernel/bridge/br_netlink.js';
import {
  IFF_UP, IFF_RUNNING, IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP,
  IFF_ALLMULTI, IFF_PROMISC, IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA,
  IFF_PORTSEL, IFF_NOTRAILERS, IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO,
} from '../../kernel/core/if.js';
import { parseOnOff, PORT_STATES } from './link_details.js';

const FLAG_NAMES: [number, string][] = [
  [IFF_LOOPBACK, 'LOOPBACK'], [IFF_BROADCAST, 'BROADCAST'], [IFF_POINTOPOINT, 'POINTOPOINT'],
  [IFF_MULTICAST, 'MULTICAST'], [IFF_NOARP, 'NOARP'], [IFF_ALLMULTI, 'ALLMULTI'],
  [IFF_PROMISC, 'PROMISC'], [IFF_MASTER, 'MASTER'], [IFF_SLAVE, 'SLAVE'], [IFF_DEBUG, 'DEBUG'],
  [IFF_DYNAMIC, 'DYNAMIC'], [IFF_AUTOMEDIA, 'AUTOMEDIA'], [IFF_PORTSEL, 'PORTSEL'],
  [IFF_NOTRAILERS, 'NOTRAILERS'], [IFF_UP, 'UP'], [IFF_LOWER_UP, 'LOWER_UP'],
  [IFF_DORMANT, 'DORMANT'], [IFF_ECHO, 'ECHO'],
];

/** print_link_flags() of bridge/link.c */
function printLinkFlags(p: Printer, flags: number, mdown: boolean): void {
  if (p.json) p.openArray(PRINT_JSON, 'flags');
  else p.text('<');
  if (flags & IFF_UP && !(flags & IFF_RUNNING)) p.string(PRINT_ANY, null, flags ? '%s,' : '%s', 'NO-CARRIER');
  flags &= ~IFF_RUNNING;
  for (const [bit, name] of FLAG_NAMES) {
    if (!(flags & bit)) continue;
    flags &= ~bit;
    p.string(PRINT_ANY, null, flags ? '%s,' : '%s', name);
  }
  if (flags) p.string(PRINT_ANY, null, '%s', flags.toString(16));
  if (mdown) p.string(PRINT_ANY, null, ',%s', 'M-DOWN');
  if (p.json) p.closeArray(PRINT_JSON);
  else p.text('> ');
}

/** print_stp_state() */
export function printStpState(p: Printer, state: number): void {
  if (state <= 4) p.string(PRINT_ANY, 'state', 'state %s ', PORT_STATES[state]!);
  else p.number(PRINT_ANY, 'state', 'state (%d) ', state);
}

function onOff(p: Printer, key: string, v: number): void {
  if (p.json) p.bool(PRINT_JSON, key, '', v !== 0);
  else p.string(PRINT_FP, null, `${key} %s `, v ? 'on' : 'off');
}

/** print_linkinfo() of bridge/link.c for one port. */
function printLinkinfo(ctx: BridgeContext, p: Printer, m: BridgeLinkMsg): void {
  const ns = ctx.ns;
  const sl = ctx.opts.oneline ? '\\' : '\n';
  p.openObject();
  p.number(PRINT_ANY, 'ifindex', '%d: ', m.ifindex);
  // print_name_and_link(): the AF_BRIDGE message has no IFLA_LINK_NETNSID, so the link
  // index is looked up in this namespace (a peer in another one shows as a local name).
  let name = m.ifname;
  let mdown = false;
  if (m.link !== undefined) {
    if (m.link) {
      const l = ns.devByIndex(m.link);
      const lname = l ? l.name : `if${m.link}`;
      if (p.json) p.string(PRINT_JSON, 'link', '', lname);
      else name = `${name}@${lname}`;
      mdown = !l || !(l.getFlags() & IFF_UP);
    } else if (p.json) p.null(PRINT_JSON, 'link', '');
    else name = `${name}@NONE`;
  }
  p.string(PRINT_ANY, 'ifname', '%s: ', name, 'ifname');
  printLinkFlags(p, m.flags, mdown);
  p.number(PRINT_ANY, 'mtu', 'mtu %u ', m.mtu);
  const master = ns.devByIndex(m.master)?.name ?? `if${m.master}`;
  p.string(PRINT_ANY, 'master', 'master %s ', master);
  const i = m.protinfo;
  printStpState(p, i.state);
  p.number(PRINT_ANY, 'priority', 'priority %u ', i.priority);
  p.number(PRINT_ANY, 'cost', 'cost %u ', i.cost);
  if (ctx.opts.details) {
    p.text(`${sl}    `);
    onOff(p, 'hairpin', i.mode);
    onOff(p, 'guard', i.guard);
    onOff(p, 'root_block', i.protect);
    onOff(p, 'fastleave', i.fast_leave);
    onOff(p, 'learning', i.learning);
    onOff(p, 'flood', i.unicast_flood);
    onOff(p, 'mcast_flood', i.mcast_flood);
    onOff(p, 'bcast_flood', i.bcast_flood);
    p.number(PRINT_ANY, 'mcast_router', 'mcast_router %u ', i.multicast_router);
    onOff(p, 'mcast_to_unicast', i.mcast_to_ucast);
    onOff(p, 'neigh_suppress', i.neigh_suppress);
    onOff(p, 'vlan_tunnel', i.vlan_tunnel);
    if (i.backup_port !== undefined) {
      p.string(PRINT_ANY, 'backup_port', 'backup_port %s ', ns.devByIndex(i.backup_port)?.name ?? `if${i.backup_port}`);
    }
    onOff(p, 'isolated', i.isolated);
    onOff(p, 'locked', i.locked);
  }
  p.text('\n');
  p.closeObject();
}

function usage(): never {
  throw new UsageError(USAGE['bridge link']!, 255);
}

/** brlink_show() */
function brlinkShow(ctx: BridgeContext, argv: string[]): number {
  let filterDev: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') {
      if (++i >= argv.length) throw incomplete();
      if (filterDev !== undefined) throw duparg('dev', argv[i]!);
      filterDev = argv[i]!;
    }
  }
  let filterIndex = 0;
  if (filterDev !== undefined) {
    const d = ctx.ns.devByName(filterDev);
    if (!d) {
      ctx.err(`Cannot find device "${filterDev}"\n`);
      return 255;
    }
    filterIndex = d.ifindex;
  }
  const p = ctx.printer();
  p.openDump();
  for (const m of rtnlBridgeGetlink(ctx.ns)) {
    if (filterIndex && m.ifindex !== filterIndex) continue;
    printLinkinfo(ctx, p, m);
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** atoi() */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : 0;
}

/** brlink_modify() */
function brlinkModify(ctx: BridgeContext, argv: string[]): number {
  const d: BridgePortData = {};
  let dev: string | undefined;
  let flags = 0;
  let mode: number | undefined;
  let cost = 0;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    const flag = (key: string): number => {
      const r = parseOnOff(key, next());
      // parse_on_off() failed: brlink_modify returns -EINVAL, so the exit status is 234.
      if (r instanceof UsageError) throw new UsageError(r.text, 234);
      return r;
    };
    if (w === 'dev') dev = next();
    else if (w === 'guard') d.guard = flag('guard');
    else if (w === 'hairpin') d.mode = flag('hairpin');
    else if (w === 'fastleave') d.fast_leave = flag('fastleave');
    else if (w === 'root_block') d.protect = flag('root_block');
    else if (w === 'learning') d.learning = flag('learning');
    else if (w === 'learning_sync') d.learning_sync = flag('learning_sync');
    else if (w === 'flood') d.unicast_flood = flag('flood');
    else if (w === 'mcast_router') d.multicast_router = atoi(next()) & 0xff;
    else if (w === 'mcast_flood') d.mcast_flood = flag('mcast_flood');
    else if (w === 'bcast_flood') d.bcast_flood = flag('bcast_flood');
    else if (w === 'mcast_to_unicast') d.mcast_to_ucast = flag('mcast_to_unicast');
    else if (w === 'cost') cost = atoi(next()) >>> 0;
    else if (w === 'priority') d.priority = atoi(next()) & 0xffff;
    else if (w === 'state') {
      const v = next();
      let state: number;
      if (/^[+-]?\d+$/.test(v)) state = parseInt(v, 10);
      else {
        state = PORT_STATES.indexOf(v);
        if (state < 0) {
          ctx.err('Error: invalid STP port state\n');
          return 255;
        }
      }
      d.state = state & 0xff;
    } else if (w === 'hwmode') {
      const v = next();
      flags = BRIDGE_FLAGS_SELF;
      if (v === 'vepa') mode = 1;
      else if (v === 'veb') mode = 0;
      else {
        ctx.err('Mode argument must be "vepa" or "veb".\n');
        return 255;
      }
    } else if (w === 'self') flags |= BRIDGE_FLAGS_SELF;
    else if (w === 'master') flags |= BRIDGE_FLAGS_MASTER;
    else if (w === 'neigh_suppress') d.neigh_suppress = flag('neigh_suppress');
    else if (w === 'vlan_tunnel') d.vlan_tunnel = flag('vlan_tunnel');
    else if (w === 'isolated') d.isolated = flag('isolated');
    else if (w === 'locked') d.locked = flag('locked');
    else if (w === 'backup_port') {
      const v = next();
      const b = ctx.ns.devByName(v);
      if (!b) {
        ctx.err(`Error: device ${v} does not exist\n`);
        return 255;
      }
      d.backup_port = b.ifindex;
    } else if (w === 'nobackup_port') d.backup_port = 0;
    else usage();
  }
  if (dev === undefined) {
    ctx.err('Device is a required argument.\n');
    return 255;
  }
  const target = ctx.ns.devByName(dev);
  if (!target) {
    ctx.err(`Cannot find bridge device "${dev}"\n`);
    return 255;
  }
  if (cost > 0) d.cost = cost;
  try {
    rtnlBridgeSetlink(ctx.ns, target.ifindex, d, flags, mode);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    ctx.err(rtnlErrorText(e));
    return 255;
  }
  return 0;
}

/** do_link() */
export function doLink(ctx: BridgeContext, argv: string[]): number {
  if (argv.length === 0) return brlinkShow(ctx, []);
  const cmd = argv[0]!;
  if (matches(cmd, 'set') || matches(cmd, 'change')) return brlinkModify(ctx, argv.slice(1));
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return brlinkShow(ctx, argv.slice(1));
  if (matches(cmd, 'help')) usage();
  ctx.err(`Command "${cmd}" is unknown, try "bridge link help".\n`);
  return 255;
}
