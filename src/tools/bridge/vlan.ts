// `bridge vlan` (iproute2 6.1 bridge/vlan.c). The reference kernel is built without
// CONFIG_BRIDGE_VLAN_FILTERING, so no port ever has VLANs: `show` prints its header only and
// changes are refused with EOPNOTSUPP, as there.
import type { BridgeContext } from './main.js';
import { UsageError, duparg, incomplete, matches } from '../lib/args.js';

const VLAN_USAGE =
  'Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ tunnel_info id TUNNEL_ID ]\n' +
  '                                                     [ pvid ] [ untagged ]\n' +
  '                                                     [ self ] [ master ]\n' +
  '       bridge vlan { set } vid VLAN_ID dev DEV [ state STP_STATE ]\n' +
  '                                               [ mcast_router MULTICAST_ROUTER ]\n' +
  '       bridge vlan { show } [ dev DEV ] [ vid VLAN_ID ]\n' +
  '       bridge vlan { tunnelshow } [ dev DEV ] [ vid VLAN_ID ]\n' +
  '       bridge vlan global { set } vid VLAN_ID dev DEV\n' +
  '                      [ mcast_snooping MULTICAST_SNOOPING ]\n' +
  '                      [ mcast_querier MULTICAST_QUERIER ]\n' +
  '                      [ mcast_igmp_version IGMP_VERSION ]\n' +
  '                      [ mcast_mld_version MLD_VERSION ]\n' +
  '                      [ mcast_last_member_count LAST_MEMBER_COUNT ]\n' +
  '                      [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n' +
  '                      [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n' +
  '                      [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n' +
  '                      [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n' +
  '                      [ mcast_querier_interval QUERIER_INTERVAL ]\n' +
  '                      [ mcast_query_interval QUERY_INTERVAL ]\n' +
  '                      [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n' +
  '       bridge vlan global { show } [ dev DEV ] [ vid VLAN_ID ]\n';

function usage(): never {
  throw new UsageError(VLAN_USAGE, 255);
}

/** vlan_show(): "%-16s  %-9s" header, then (with no VLANs anywhere) nothing. */
function vlanShow(ctx: BridgeContext, argv: string[], tunnel: boolean): number {
  let filterDev: string | undefined;
  let vid = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') {
      if (++i >= argv.length) throw incomplete();
      if (filterDev !== undefined) throw duparg('dev', argv[i]!);
      filterDev = argv[i]!;
    } else if (argv[i] === 'vid') {
      if (++i >= argv.length) throw incomplete();
      if (vid) throw duparg('vid', argv[i]!);
      vid = true;
    }
  }
  if (filterDev !== undefined && !ctx.ns.devByName(filterDev)) {
    ctx.err(`Cannot find device "${filterDev}"\n`);
    return 255;
  }
  const p = ctx.printer();
  p.openDump();
  if (!p.json) {
    if (ctx.opts.stats && !ctx.opts.details) p.text(`${'port'.padEnd(16)}  vlan-id\n`);
    else p.text(`${'port'.padEnd(16)}  ${'vlan-id'.padEnd(9)}${tunnel ? '  tunnel-id' : ''}\n`);
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** vlan_modify(): the kernel has no VLAN support to give. */
function vlanModify(ctx: BridgeContext, argv: string[]): number {
  let dev: string | undefined;
  let vid = -1;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    if (w === 'dev') dev = next();
    else if (w === 'vid') vid = parseInt(next(), 10) || 0;
    else if (w === 'tunnel_info') {
      next();
      next();
    } else if (w === 'self' || w === 'master' || w === 'pvid' || w === 'untagged') continue;
    else if (matches(w, 'help')) usage();
    else usage();
  }
  if (dev === undefined || vid === -1) {
    ctx.err('Device and VLAN ID are required arguments.\n');
    return 255;
  }
  if (!ctx.ns.devByName(dev)) {
    ctx.err(`Cannot find device "${dev}"\n`);
    return 255;
  }
  ctx.err('RTNETLINK answers: Operation not supported\n');
  return 255;
}

/** do_vlan() */
export function doVlan(ctx: BridgeContext, argv: string[]): number {
  if (argv.length === 0) return vlanShow(ctx, [], false);
  const cmd = argv[0]!;
  const rest = argv.slice(1);
  if (matches(cmd, 'add') || matches(cmd, 'delete')) return vlanModify(ctx, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return vlanShow(ctx, rest, false);
  if (matches(cmd, 'tunnelshow')) return vlanShow(ctx, rest, true);
  if (matches(cmd, 'set') || cmd === 'global') {
    ctx.err(`bridge vlan ${cmd}: not emulated by netsim\n`);
    return 1;
  }
  if (matches(cmd, 'help')) usage();
  ctx.err(`Command "${cmd}" is unknown, try "bridge vlan help".\n`);
  return 255;
}
