// The world as the page draws it: every namespace with its devices, routes, iptables tables
// and conntrack entries, read from the kernel's own structures (the ones the rtnetlink dumps,
// xtables and ctnetlink read), never by parsing what a tool prints.
import type { Kernel } from '../../kernel/kernel.js';
import type { Netns } from '../../kernel/net_namespace.js';
import type { NetDevice } from '../../kernel/core/netdevice.js';
import { ARPHRD_LOOPBACK } from '../../kernel/core/if.js';
import { formatMac } from '../../kernel/core/eth.js';
import { inDev } from '../../kernel/ipv4/devinet.js';
import { inet6Addrs } from '../../kernel/ipv6/addrconf.js';
import { inetDumpFib } from '../../kernel/ipv4/fib.js';
import { inet6DumpFib } from '../../kernel/ipv6/route.js';
import type { InetAddr, RtMsg } from '../../kernel/ipv4/route_types.js';
import { Veth } from '../../kernel/drivers/veth.js';
import { xtTables } from '../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV4, NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';
import { nfCtCount, nfCtList } from '../../kernel/netfilter/nf_conntrack_core.js';
import { TCP_STATE_NAMES } from '../../kernel/netfilter/nf_conntrack.js';
import { formatIPv4, formatIPv6 } from '../../wire/inet.js';
import { connText, netnsName } from '../../trace/record.js';
import { ruleSpec, familyOfTable } from '../../tools/iptables/main.js';
import { rtntypeName } from '../../tools/ip/rt_names.js';
import { ruleLines } from '../../tools/ip/rule.js';
import { scopeName } from '../../tools/ip/scope_names.js';
import type {
  ChainView, ConnView, DeviceView, FdbView, NamespaceSummary, NamespaceView, NeighView, RouteView, TableView, WorldView,
} from './protocol.js';
import { neighDump } from '../../kernel/core/neighbour.js';
import { Bridge } from '../../kernel/bridge/br_device.js';
import { BR_FDB_LOCAL, BR_FDB_STATIC, brPortOf } from '../../kernel/bridge/br_private.js';
import { PORT_STATES } from '../../tools/bridge/link_details.js';

const AF_INET = 2, AF_INET6 = 10;

/** The initial namespace first, then the named ones in creation order. */
export function worldNamespaces(kernel: Kernel): Netns[] {
  const out = [kernel.initNet];
  for (const ns of kernel.namedNetns.values()) if (!out.includes(ns)) out.push(ns);
  return out;
}

/** Every namespace in full (its routes, rules and connections too): for a library user or a
 *  test; the page gets the summary and one namespace's details at a time. */
export function worldDetails(kernel: Kernel): NamespaceView[] {
  return worldNamespaces(kernel).map(namespaceView);
}

/** What the topology draws: devices, and counts for the rest. */
export function worldSummary(kernel: Kernel): WorldView {
  return { namespaces: worldNamespaces(kernel).map(namespaceSummary) };
}

export function namespaceSummary(ns: Netns): NamespaceSummary {
  let rules = 0;
  for (const af of [NFPROTO_IPV4, NFPROTO_IPV6]) for (const t of xtTables(ns, af)) for (const c of t.chains.values()) rules += c.rules.length;
  return {
    name: netnsName(ns),
    devices: ns.devices().map(deviceView),
    routes: inetDumpFib(ns, {}).length + inet6DumpFib(ns, {}).length,
    rules,
    conntrack: nfCtCount(ns),
  };
}

export function namespaceView(ns: Netns): NamespaceView {
  return {
    name: netnsName(ns),
    devices: ns.devices().map(deviceView),
    routes: routes(ns),
    ipRules: ruleLines(ns),
    iptables: [...tables(ns, NFPROTO_IPV4, 'ipv4'), ...tables(ns, NFPROTO_IPV6, 'ipv6')],
    conntrack: conntrack(ns),
    neighbours: neighbours(ns),
    fdb: fdb(ns),
  };
}

/** NUD_* bits, named as iproute2 names them. */
const NUD_NAMES: [number, string][] = [[0x01, 'INCOMPLETE'], [0x02, 'REACHABLE'], [0x04, 'STALE'], [0x08, 'DELAY'],
  [0x10, 'PROBE'], [0x20, 'FAILED'], [0x40, 'NOARP'], [0x80, 'PERMANENT']];

/** The ARP and NDP caches (what RTM_GETNEIGH dumps). */
function neighbours(ns: Netns): NeighView[] {
  const out: NeighView[] = [];
  for (const family of [AF_INET, AF_INET6]) {
    for (const n of neighDump(ns, family)) {
      const v: NeighView = {
        dev: ns.devByIndex(n.ifindex)?.name ?? `if${n.ifindex}`,
        addr: family === AF_INET ? formatIPv4(readU32(n.dst)) : formatIPv6(n.dst),
        state: NUD_NAMES.filter(([bit]) => n.state & bit).map(([, name]) => name).join(',') || 'NONE',
      };
      if (n.lladdr) v.lladdr = formatMac(n.lladdr);
      out.push(v);
    }
  }
  return out;
}

function readU32(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** Every bridge's forwarding database. */
function fdb(ns: Netns): FdbView[] {
  const out: FdbView[] = [];
  for (const dev of ns.devices()) {
    if (!(dev instanceof Bridge)) continue;
    for (const e of dev.fdbList) {
      out.push({
        bridge: dev.name, mac: formatMac(e.addr), port: e.dst?.dev.name ?? dev.name, vlan: e.vid,
        kind: e.flags & BR_FDB_LOCAL ? 'permanent' : e.flags & BR_FDB_STATIC ? 'static' : '',
      });
    }
  }
  return out;
}

function kindOf(dev: NetDevice): string {
  if (dev.kind) return dev.kind;
  return dev.type === ARPHRD_LOOPBACK ? 'loopback' : 'ether';
}

export function deviceView(dev: NetDevice): DeviceView {
  const addrs: string[] = [];
  for (const a of inDev(dev)?.addrs ?? []) addrs.push(`${formatIPv4(a.local)}/${a.prefixlen}`);
  for (const a of inet6Addrs(dev)) addrs.push(`${formatIPv6(a.address)}/${a.prefixlen}`);
  const v: DeviceView = {
    ifindex: dev.ifindex,
    name: dev.name,
    kind: kindOf(dev),
    state: dev.operstate,
    up: dev.isUp,
    mtu: dev.mtu,
    mac: formatMac(dev.addr),
    addrs,
  };
  if (dev.master) v.master = dev.master.name;
  const port = brPortOf(dev);
  if (port) v.portState = PORT_STATES[port.state] ?? String(port.state);
  if (dev instanceof Veth && dev.peer) v.peer = { netns: netnsName(dev.peer.netns), ifindex: dev.peer.ifindex, name: dev.peer.name };
  return v;
}

const TABLE_NAMES: Record<number, string> = { 253: 'default', 254: 'main', 255: 'local' };
const PROTO_NAMES: Record<number, string> = { 2: 'kernel', 3: 'boot', 4: 'static', 16: 'dhcp', 9: 'ra' };

function addr(a: InetAddr | undefined): string {
  if (a === undefined) return '';
  return typeof a === 'number' ? formatIPv4(a) : formatIPv6(a);
}

function routes(ns: Netns): RouteView[] {
  const out: RouteView[] = [];
  const all = [...inetDumpFib(ns, {}), ...inet6DumpFib(ns, {})];
  for (const m of all) out.push(routeView(ns, m));
  return out;
}

/** One route in `ip route` words; enough to read, not a replacement for `ip route`. */
function routeView(ns: Netns, m: RtMsg): RouteView {
  const tableId = m.tableId ?? m.table;
  const table = TABLE_NAMES[tableId] ?? String(tableId);
  const dev = m.oif !== undefined ? ns.devByIndex(m.oif)?.name : undefined;
  const w: string[] = [];
  const type = rtntypeName(m.type);
  if (type !== 'unicast') w.push(type);
  w.push(m.dst === undefined || m.dstLen === 0 ? 'default' : m.dstLen === (typeof m.dst === 'number' ? 32 : 128) ? addr(m.dst) : `${addr(m.dst)}/${m.dstLen}`);
  if (m.gateway !== undefined) w.push('via', addr(m.gateway));
  if (dev) w.push('dev', dev);
  if (m.multipath) for (const nh of m.multipath) w.push('nexthop', ...(nh.gateway !== undefined ? ['via', addr(nh.gateway)] : []), 'dev', ns.devByIndex(nh.ifindex)?.name ?? '?');
  if (table !== 'main') w.push('table', table);
  if (m.protocol && m.protocol !== 3) w.push('proto', PROTO_NAMES[m.protocol] ?? String(m.protocol));
  if (m.scope) w.push('scope', scopeName(m.scope));
  if (m.prefsrc !== undefined) w.push('src', addr(m.prefsrc));
  if (m.priority) w.push('metric', String(m.priority));
  const r: RouteView = { text: w.join(' '), table };
  if (dev) r.dev = dev;
  return r;
}

function tables(ns: Netns, af: number, family: 'ipv4' | 'ipv6'): TableView[] {
  return xtTables(ns, af).map((t) => {
    const fam = familyOfTable(t);
    const chains: ChainView[] = [];
    for (const c of t.chains.values()) {
      const v: ChainView = {
        name: c.name,
        pkts: c.pcnt,
        bytes: c.bcnt,
        rules: c.rules.map((e) => ({ spec: `-A ${c.name}${ruleSpec(e, false, fam)}`, pkts: e.pcnt, bytes: e.bcnt })),
      };
      if (c.policy) v.policy = c.policy;
      chains.push(v);
    }
    return { family, name: t.name, chains };
  });
}

function conntrack(ns: Netns): ConnView[] {
  return nfCtList(ns).map((ct) => {
    const v: ConnView = {
      id: ct.id,
      text: connText(ct),
      expires: ct.timeout,
      mark: ct.mark,
      packets: [ct.packets[0]!, ct.packets[1]!],
      bytes: [ct.bytes[0]!, ct.bytes[1]!],
    };
    if (ct.tcp) v.state = TCP_STATE_NAMES[ct.tcp.state];
    return v;
  });
}
