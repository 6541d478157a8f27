// iproute2's ip/iproute.c printing side: the route filter (filter_nlmsg()) and print_route()
// with its helpers (flags, cache flags, metrics, multipath), in text and JSON.
import type { IpContext } from './context.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from './context.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, type Printer, type Color } from '../lib/json_print.js';
import { sprintf } from '../lib/printf.js';
import {
  RTN_UNICAST, RTN_UNREACHABLE, RTN_MULTICAST, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RT_TABLE_MAIN,
  RTNH_F_DEAD, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD, RTNH_F_TRAP, RTNH_F_LINKDOWN,
  RTNH_F_UNRESOLVED, RTM_F_NOTIFY, RTM_F_OFFLOAD, RTM_F_TRAP, RTM_F_OFFLOAD_FAILED, RTM_F_CLONED,
  RTAX_LOCK, RTAX_MAX, RTAX_FEATURES, RTAX_RTT, RTAX_RTTVAR, RTAX_RTO_MIN, RTAX_CC_ALGO, RTAX_HOPLIMIT,
  RTAX_FEATURE_ECN, ICMPV6_ROUTER_PREF_LOW, ICMPV6_ROUTER_PREF_MEDIUM, ICMPV6_ROUTER_PREF_HIGH,
  RTCF_LOCAL, RTCF_REJECT, RTCF_MULTICAST, RTCF_BROADCAST, RTCF_DNAT, RTCF_SNAT, RTCF_MASQ, RTCF_DIRECTDST,
  RTCF_DIRECTSRC, RTCF_REDIRECTED, RTCF_DOREDIRECT, RTCF_FAST, RTCF_NOTIFY, RTCF_TPROXY,
  rtmTable, type RtMsg,
} from '../../kernel/ipv4/route_types.js';
import { afBitLen, addrBytes, formatAddr, inetAddrMatch, emptyPrefix, PREFIXLEN_SPECIFIED, type InetPrefix } from './rt_addr.js';
import { RtNames, rtntypeName } from './rt_names.js';

/** The static `filter` of iproute.c. Masks of -1 mean "selected exactly" (and then the
 *  field is not printed). */
export interface RouteFilter {
  tb: number;
  cloned: number;
  flushing: boolean;
  protocol: number; protocolmask: number;
  scope: number; scopemask: number;
  typemask: number;
  tos: number; tosmask: number;
  iif: number; iifmask: number;
  oif: number; oifmask: number;
  mark: number; markmask: number;
  realm: number; realmmask: number;
  metric: number; metricmask: number;
  rprefsrc: InetPrefix;
  rvia: InetPrefix;
  rdst: InetPrefix;
  mdst: InetPrefix;
  rsrc: InetPrefix;
  msrc: InetPrefix;
}

/** iproute_reset_filter() */
export function resetFilter(ifindex = 0): RouteFilter {
  const f: RouteFilter = {
    tb: 0, cloned: 0, flushing: false, protocol: 0, protocolmask: 0, scope: 0, scopemask: 0, typemask: 0,
    tos: 0, tosmask: 0, iif: 0, iifmask: 0, oif: ifindex, oifmask: 0, mark: 0, markmask: 0, realm: 0,
    realmmask: 0, metric: 0, metricmask: 0, rprefsrc: emptyPrefix(), rvia: emptyPrefix(), rdst: emptyPrefix(),
    mdst: emptyPrefix(), rsrc: emptyPrefix(), msrc: emptyPrefix(),
  };
  f.mdst.bitlen = -1;
  f.msrc.bitlen = -1;
  if (f.oif > 0) f.oifmask = -1;
  return f;
}

/** State that lives across messages of one dump (filter_nlmsg()'s static). */
export interface DumpState {
  ip6MultipleTables: boolean;
}

/** filter_nlmsg() */
export function filterNlmsg(ctx: IpContext, m: RtMsg, f: RouteFilter, st: DumpState): boolean {
  const table = rtmTable(m);
  if (ctx.opts.family !== AF_UNSPEC && m.family !== ctx.opts.family) return false;
  if (m.family === AF_INET6 && table !== RT_TABLE_MAIN) st.ip6MultipleTables = true;
  if (f.cloned === (m.flags & RTM_F_CLONED ? 0 : 1)) return false;
  if (m.family === AF_INET6 && !st.ip6MultipleTables) {
    if (f.tb) {
      if (f.tb === 255) {
        if (m.type !== 2) return false;
      } else if (f.tb === RT_TABLE_MAIN) {
        if (m.type === 2) return false;
      } else return false;
    }
  } else if (f.tb > 0 && f.tb !== table) return false;
  if (((f.protocol ^ m.protocol) & f.protocolmask) !== 0) return false;
  if (((f.scope ^ m.scope) & f.scopemask) !== 0) return false;
  if (f.typemask && !(f.typemask & (1 << m.type))) return false;
  if (((f.tos ^ m.tos) & f.tosmask) !== 0) return false;
  if (f.rdst.family) {
    if (m.family !== f.rdst.family || f.rdst.bitlen > m.dstLen) return false;
  } else if (f.rdst.flags & PREFIXLEN_SPECIFIED) {
    if (f.rdst.bitlen > m.dstLen) return false;
  }
  if (f.mdst.family) {
    if (m.family !== f.mdst.family || (f.mdst.bitlen >= 0 && f.mdst.bitlen < m.dstLen)) return false;
  } else if (f.mdst.flags & PREFIXLEN_SPECIFIED) {
    if (f.mdst.bitlen >= 0 && f.mdst.bitlen < m.dstLen) return false;
  }
  if (f.rsrc.family) {
    if (m.family !== f.rsrc.family || f.rsrc.bitlen > m.srcLen) return false;
  } else if (f.rsrc.flags & PREFIXLEN_SPECIFIED) {
    if (f.rsrc.bitlen > m.srcLen) return false;
  }
  if (f.msrc.family) {
    if (m.family !== f.msrc.family || (f.msrc.bitlen >= 0 && f.msrc.bitlen < m.srcLen)) return false;
  } else if (f.msrc.flags & PREFIXLEN_SPECIFIED) {
    if (f.msrc.bitlen >= 0 && f.msrc.bitlen < m.srcLen) return false;
  }
  if (f.rvia.family && m.family !== f.rvia.family) return false;
  if (f.rprefsrc.family && m.family !== f.rprefsrc.family) return false;
  const zero = new Uint8Array(16);
  const dst = m.dst !== undefined ? addrBytes(m.dst) : zero;
  const src = m.src !== undefined ? addrBytes(m.src) : zero;
  const via = f.rvia.bitlen > 0 && m.gateway !== undefined ? addrBytes(m.gateway) : zero;
  const prefsrc = f.rprefsrc.bitlen > 0 && m.prefsrc !== undefined ? addrBytes(m.prefsrc) : zero;
  if ((f.rdst.family || f.rdst.flags & PREFIXLEN_SPECIFIED) && !inetAddrMatch(dst, f.rdst.data, f.rdst.bitlen)) return false;
  if ((f.mdst.family || f.mdst.flags & PREFIXLEN_SPECIFIED) && !inetAddrMatch(dst, f.mdst.data, m.dstLen)) return false;
  if ((f.rsrc.family || f.rsrc.flags & PREFIXLEN_SPECIFIED) && !inetAddrMatch(src, f.rsrc.data, f.rsrc.bitlen)) return false;
  if ((f.msrc.family || f.msrc.flags & PREFIXLEN_SPECIFIED) && f.msrc.bitlen >= 0 && !inetAddrMatch(src, f.msrc.data, m.srcLen)) return false;
  if (f.rvia.family && !inetAddrMatch(via, f.rvia.data, f.rvia.bitlen)) return false;
  if (f.rprefsrc.family && !inetAddrMatch(prefsrc, f.rprefsrc.data, f.rprefsrc.bitlen)) return false;
  if (f.realmmask && (((m.flow ?? 0) ^ f.realm) & f.realmmask) !== 0) return false;
  if (f.iifmask && (((m.iif ?? 0) ^ f.iif) & f.iifmask) !== 0) return false;
  if (f.oifmask && (((m.oif ?? 0) ^ f.oif) & f.oifmask) !== 0) return false;
  if (f.markmask && (((m.mark ?? 0) ^ f.mark) & f.markmask) !== 0) return false;
  if (f.metricmask && (((m.priority ?? 0) ^ f.metric) & f.metricmask) !== 0) return false;
  if (f.flushing && m.family === AF_INET6 && m.dstLen === 0 && m.type === RTN_UNREACHABLE && m.priority === 0xffffffff) return false;
  return true;
}

/** ll_index_to_name() */
export function ifName(ctx: IpContext, idx: number): string {
  return ctx.ns.devByIndex(idx)?.name ?? `if${idx}`;
}

function familyColor(family: number): Color {
  return family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : 'none';
}

/** print_rt_flags() */
export function printRtFlags(p: Printer, flags: number): void {
  p.openArray(PRINT_JSON, p.json ? 'flags' : '');
  const f = (bit: number, name: string) => {
    if (flags & bit) p.string(PRINT_ANY, null, '%s ', name);
  };
  f(RTNH_F_DEAD, 'dead');
  f(RTNH_F_ONLINK, 'onlink');
  f(RTNH_F_PERVASIVE, 'pervasive');
  f(RTNH_F_OFFLOAD, 'offload');
  f(RTNH_F_TRAP, 'trap');
  f(RTM_F_NOTIFY, 'notify');
  f(RTNH_F_LINKDOWN, 'linkdown');
  f(RTNH_F_UNRESOLVED, 'unresolved');
  f(RTM_F_OFFLOAD, 'rt_offload');
  f(RTM_F_TRAP, 'rt_trap');
  f(RTM_F_OFFLOAD_FAILED, 'rt_offload_failed');
  p.closeArray(PRINT_JSON);
}

/** print_cache_flags() */
function printCacheFlags(ctx: IpContext, p: Printer, flagsIn: number): void {
  let flags = (flagsIn & ~0xffff) >>> 0;
  if (p.json) {
    p.openArray(PRINT_JSON, 'cache');
  } else {
    p.text(`${ctx.opts.oneline ? '\\' : '\n'}    cache `);
    if (flags === 0) return;
    p.text('<');
  }
  const fl = (bit: number, name: string) => {
    if (flags & bit) {
      flags = (flags & ~bit) >>> 0;
      if (p.json) p.string(PRINT_JSON, null, '', name);
      else p.text(`${name}${flags ? ',' : '> '}`);
    }
  };
  fl(RTCF_LOCAL, 'local');
  fl(RTCF_REJECT, 'reject');
  fl(RTCF_MULTICAST, 'mc');
  fl(RTCF_BROADCAST, 'brd');
  fl(RTCF_DNAT, 'dst-nat');
  fl(RTCF_SNAT, 'src-nat');
  fl(RTCF_MASQ, 'masq');
  fl(RTCF_DIRECTDST, 'dst-direct');
  fl(RTCF_DIRECTSRC, 'src-direct');
  fl(RTCF_REDIRECTED, 'redirected');
  fl(RTCF_DOREDIRECT, 'redirect');
  fl(RTCF_FAST, 'fastroute');
  fl(RTCF_NOTIFY, 'notify');
  fl(RTCF_TPROXY, 'proxy');
  if (flags) p.number(PRINT_ANY, 'flags', '%x>', flags);
  if (p.json) p.closeArray(PRINT_JSON);
}

/** print_rta_cacheinfo() */
function printCacheinfo(p: Printer, ci: { expires: number; error: number }): void {
  if (ci.expires !== 0) p.number(PRINT_ANY, 'expires', 'expires %dsec ', ci.expires);
  if (ci.error !== 0) p.number(PRINT_ANY, 'error', 'error %u ', ci.error >>> 0);
}

const MX_NAMES: (string | undefined)[] = [undefined, undefined, 'mtu', 'window', 'rtt', 'rttvar', 'ssthresh', 'cwnd', 'advmss',
  'reordering', 'hoplimit', 'initcwnd', 'features', 'rto_min', 'initrwnd', 'quickack', 'congctl', 'fastopen_no_cookie'];

/** print_rta_metrics() */
function printMetrics(p: Printer, mx: Map<number, number | string>): void {
  p.openArray(PRINT_JSON, 'metrics');
  p.openObject();
  const lock = Number(mx.get(RTAX_LOCK) ?? 0);
  for (let i = 2; i <= RTAX_MAX; i++) {
    if (!mx.has(i) && !(lock & (1 << i))) continue;
    let val = mx.has(i) && i !== RTAX_CC_ALGO ? Number(mx.get(i)) >>> 0 : 0;
    if (i === RTAX_HOPLIMIT && (val | 0) === -1) continue;
    if (!p.json) {
      p.text(MX_NAMES[i] ? `${MX_NAMES[i]} ` : `metric ${i} `);
      if (lock & (1 << i)) p.text('lock ');
    }
    switch (i) {
      case RTAX_FEATURES: {
        let features = val;
        if (features & RTAX_FEATURE_ECN) {
          p.null(PRINT_ANY, 'ecn', 'ecn ');
          features &= ~RTAX_FEATURE_ECN;
        }
        if (features) {
          if (p.json) p.string(PRINT_JSON, 'features', '', '0x' + val.toString(16));
          else p.text(sprintf('%#llx ', val));
        }
        break;
      }
      case RTAX_RTT: case RTAX_RTTVAR: case RTAX_RTO_MIN:
        if (i === RTAX_RTT) val = Math.floor(val / 8);
        else if (i === RTAX_RTTVAR) val = Math.floor(val / 4);
        if (p.json) p.number(PRINT_JSON, MX_NAMES[i]!, '', val);
        else if (val >= 1000) p.text(sprintf('%gs ', val / 1e3));
        else p.text(`${val}ms `);
        break;
      case RTAX_CC_ALGO:
        p.string(PRINT_ANY, 'congestion', '%s ', String(mx.get(i) ?? ''));
        break;
      default:
        p.number(PRINT_ANY, MX_NAMES[i] ?? String(i), '%u ', val);
    }
  }
  p.closeObject();
  p.closeArray(PRINT_JSON);
}

/** print_rta_flow() */
function printFlow(p: Printer, names: RtNames, flow: number): void {
  const from = flow >>> 16;
  const to = flow & 0xffff;
  if (p.json) {
    p.openObject('flow');
    if (from) p.string(PRINT_JSON, 'from', '', names.realmName(from));
    p.string(PRINT_JSON, 'to', '', names.realmName(to));
    p.closeObject();
  } else {
    p.text(`realm${from ? 's' : ''} `);
    if (from) p.text(`${names.realmName(from)}/`);
    p.text(`${names.realmName(to)} `);
  }
}

/** print_rta_gateway() */
function printGateway(p: Printer, family: number, gw: number | Uint8Array): void {
  const s = formatAddr(gw);
  if (p.json) p.string(PRINT_JSON, 'gateway', '', s);
  else {
    p.text('via ');
    p.string(PRINT_FP, null, '%s ', s, familyColor(family));
  }
}

/** print_rta_if() */
function printIf(ctx: IpContext, p: Printer, idx: number, prefix: string): void {
  const name = ifName(ctx, idx);
  if (p.json) p.string(PRINT_JSON, prefix, '', name);
  else {
    p.text(`${prefix} `);
    p.string(PRINT_FP, null, '%s ', name, 'ifname');
  }
}

/** print_rt_pref() */
function printPref(p: Printer, pref: number): void {
  switch (pref) {
    case ICMPV6_ROUTER_PREF_LOW: p.string(PRINT_ANY, 'pref', 'pref %s', 'low'); break;
    case ICMPV6_ROUTER_PREF_MEDIUM: p.string(PRINT_ANY, 'pref', 'pref %s', 'medium'); break;
    case ICMPV6_ROUTER_PREF_HIGH: p.string(PRINT_ANY, 'pref', 'pref %s', 'high'); break;
    default: p.number(PRINT_ANY, 'pref', '%u', pref);
  }
}

/** print_rta_multipath() */
function printMultipath(ctx: IpContext, p: Printer, names: RtNames, m: RtMsg): void {
  p.openArray(PRINT_JSON, 'nexthops');
  let first = true;
  const sl = ctx.opts.oneline ? '\\' : '\n';
  for (const nh of m.multipath!) {
    p.openObject();
    const mcCloned = (m.flags & RTM_F_CLONED) && m.type === RTN_MULTICAST;
    if (mcCloned) {
      p.text(first ? 'Oifs: ' : ' ');
      first = false;
    } else p.text(`${sl}\tnexthop `);
    if (nh.gateway !== undefined) printGateway(p, m.family, nh.gateway);
    if (nh.flow !== undefined) printFlow(p, names, nh.flow);
    if (mcCloned) {
      p.string(PRINT_ANY, 'dev', '%s', ifName(ctx, nh.ifindex));
      if (nh.hops !== 1) p.number(PRINT_ANY, 'ttl', '(ttl>%d)', nh.hops);
      p.text(' ');
    } else {
      p.string(PRINT_ANY, 'dev', 'dev %s ', ifName(ctx, nh.ifindex));
      p.number(PRINT_ANY, 'weight', 'weight %d ', nh.hops + 1);
    }
    printRtFlags(p, nh.flags);
    p.closeObject();
  }
  p.closeArray(PRINT_JSON);
}

/** print_route(): one route message (already known to pass the filter). */
export function printRoute(ctx: IpContext, p: Printer, names: RtNames, m: RtMsg, f: RouteFilter): void {
  const details = ctx.opts.details > 0;
  const numeric = ctx.opts.numeric;
  const hostLen = afBitLen(m.family);
  const table = rtmTable(m);
  p.openObject();
  if ((m.type !== RTN_UNICAST || details) && (!f.typemask || (f.typemask & (1 << m.type)))) {
    p.string(PRINT_ANY, 'type', '%s ', rtntypeName(m.type));
  }
  let color: Color = 'none';
  let b1: string;
  if (m.dst !== undefined) {
    color = familyColor(m.family);
    b1 = m.dstLen !== hostLen ? `${formatAddr(m.dst)}/${m.dstLen}` : formatAddr(m.dst);
  } else if (m.dstLen) {
    b1 = `0/${m.dstLen} `;
  } else b1 = 'default';
  p.string(PRINT_ANY, 'dst', '%s ', b1, color);
  if (m.src !== undefined) {
    const s = m.srcLen !== hostLen ? `${formatAddr(m.src)}/${m.srcLen}` : formatAddr(m.src);
    p.string(PRINT_ANY, 'from', 'from %s ', s, familyColor(m.family));
  } else if (m.srcLen) {
    p.string(PRINT_ANY, 'src', 'from %s ', `0/${m.srcLen}`);
  }
  if (m.tos && f.tosmask !== -1) p.string(PRINT_ANY, 'tos', 'tos %s ', names.dsfieldName(m.tos, numeric));
  if (m.gateway !== undefined && f.rvia.bitlen !== hostLen) printGateway(p, m.family, m.gateway);
  if (m.oif !== undefined && f.oifmask !== -1) printIf(ctx, p, m.oif, 'dev');
  if (table && (table !== RT_TABLE_MAIN || details) && !f.tb) p.string(PRINT_ANY, 'table', 'table %s ', names.tableName(table, numeric));
  if (!(m.flags & RTM_F_CLONED)) {
    if ((m.protocol !== RTPROT_BOOT || details) && f.protocolmask !== -1) {
      p.string(PRINT_ANY, 'protocol', 'proto %s ', names.protoName(m.protocol, numeric));
    }
    if ((m.scope !== RT_SCOPE_UNIVERSE || details) && f.scopemask !== -1) {
      p.string(PRINT_ANY, 'scope', 'scope %s ', names.scopeName(m.scope, numeric));
    }
  }
  if (m.prefsrc !== undefined && f.rprefsrc.bitlen !== hostLen) {
    const s = formatAddr(m.prefsrc);
    if (p.json) p.string(PRINT_JSON, 'prefsrc', '', s);
    else {
      p.text('src ');
      p.string(PRINT_FP, null, '%s ', s, familyColor(m.family));
    }
  }
  if (m.priority !== undefined && f.metricmask !== -1) p.number(PRINT_ANY, 'metric', 'metric %u ', m.priority >>> 0);
  printRtFlags(p, m.flags);
  if (m.mark) {
    if (p.json) p.number(PRINT_JSON, 'mark', '', m.mark >>> 0);
    else if (m.mark >>> 0 >= 16) p.text(sprintf('mark 0x%llx ', m.mark >>> 0));
    else p.text(`mark ${m.mark} `);
  }
  if (m.flow !== undefined && (f.realmmask >>> 0) !== 0xffffffff) printFlow(p, names, m.flow);
  if (m.uid !== undefined) p.number(PRINT_ANY, 'uid', 'uid %u ', m.uid >>> 0);
  if (m.family === AF_INET) {
    if (m.flags & RTM_F_CLONED) printCacheFlags(ctx, p, m.flags);
    if (m.cacheinfo) printCacheinfo(p, m.cacheinfo);
  } else if (m.family === AF_INET6) {
    if (m.cacheinfo) printCacheinfo(p, m.cacheinfo);
  }
  if (m.metrics) printMetrics(p, m.metrics);
  if (m.iif !== undefined && f.iifmask !== -1) printIf(ctx, p, m.iif, 'iif');
  if (m.pref !== undefined) printPref(p, m.pref);
  if (m.multipath) printMultipath(ctx, p, names, m);
  p.text('\n');
  p.closeObject();
}
