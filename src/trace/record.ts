// A trace is data: each kernel event is turned, the moment it happens, into a plain record of
// names, numbers and strings (the packet as it is then, the rule's text as it is then), so
// later rewrites of the same skb or ruleset do not change what was recorded.
import type { Netns } from '../kernel/net_namespace.js';
import type { TraceEvent } from './event.js';
import { describePacket } from './packet.js';
import { formatIPv4, formatIPv6 } from '../wire/inet.js';
import { xtTables } from '../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV4, NFPROTO_IPV6 } from '../kernel/netfilter/core.js';
import { NfConn, type Tuple } from '../kernel/netfilter/nf_conntrack.js';
import { ruleSpec, familyOfTable } from '../tools/iptables/main.js';
import { rtntypeName } from '../tools/ip/rt_names.js';
import { HOOK_NAMES } from '../tools/iptables/ext/hooks.js';

export interface TraceRecord {
  /** Milliseconds on the world's clock. */
  t: number;
  /** The skb's trace id: one packet, followed across devices and namespaces. */
  id?: number;
  ns: string;
  dev?: string;
  /** The kernel function that decided. */
  fn: string;
  /** The packet as it was at this step. */
  pkt?: string;
  /** SKB_DROP_REASON_* of a drop (kfree_skb). */
  reason?: string;
  [detail: string]: string | number | boolean | undefined;
}

const RT_TABLES: Record<number, string> = { 253: 'default', 254: 'main', 255: 'local' };

/** Event fields that hold an IPv4 address as a number. */
const ADDRESS_KEYS = ['nexthop', 'saddr', 'daddr'];

/** What a namespace is called in traces: its /run/netns name, "init_net" for the initial
 *  one, and net:[inode] for an unnamed one (as /proc/PID/ns/net reads). */
export function netnsName(ns: Netns): string {
  const k = ns.kernel;
  if (ns === k.initNet) return 'init_net';
  for (const [name, n] of k.namedNetns) if (n === ns) return name;
  return `net:[${ns.inum}]`;
}

const PROTO_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

function tupleText(t: Tuple): string {
  const p = PROTO_NAMES[t.proto] ?? `proto ${t.proto}`;
  // IPv6 addresses with a port in brackets, as in [2001:db8::1]:80.
  const a = (v4: number, v6: Uint8Array | undefined, port?: number) =>
    (v6 ? (port === undefined ? formatIPv6(v6) : `[${formatIPv6(v6)}]:${port}`) : formatIPv4(v4) + (port === undefined ? '' : `:${port}`));
  if (t.proto === 6 || t.proto === 17) return `${p} ${a(t.src, t.src6, t.sport)} > ${a(t.dst, t.dst6, t.dport)}`;
  if (t.proto === 1 || t.proto === 58) return `${p} ${a(t.src, t.src6)} > ${a(t.dst, t.dst6)} id ${t.sport}`;
  return `${p} ${a(t.src, t.src6)} > ${a(t.dst, t.dst6)}`;
}

/** A connection as both its tuples: "tcp a:1 > b:2, reply c:3 > a:1". */
export function connText(ct: NfConn): string {
  return `${tupleText(ct.tuple[0])}, reply ${tupleText(ct.tuple[1])}`;
}

/** The rule of an ipt_do_table (ip6t_do_table) event in iptables-save form ("" for a
 *  chain's policy). */
function ruleText(ns: Netns, af: number, table: unknown, chain: unknown, rulenum: unknown): string | undefined {
  if (typeof rulenum !== 'number' || rulenum < 1) return undefined;
  const t = xtTables(ns, af).find((x) => x.name === table);
  const e = t?.chains.get(String(chain))?.rules[rulenum - 1];
  return e ? `-A ${String(chain)}${ruleSpec(e, false, familyOfTable(t!))}` : undefined;
}

function isDevice(v: object): v is { name: string; ifindex: number } {
  return 'ifindex' in v && 'name' in v;
}

/** The record of one event. */
export function traceRecord(ev: TraceEvent): TraceRecord {
  const { fn, ns, dev, skb, reason } = ev;
  const r: TraceRecord = { t: Math.round(ns.kernel.clock.now() * 1000) / 1000, ns: netnsName(ns), fn };
  if (skb) r.id = skb.traceId;
  if (dev) r.dev = dev.name;
  if (skb) r.pkt = describePacket(skb);
  if (reason) r.reason = reason.startsWith('SKB_DROP_REASON_') ? reason : `SKB_DROP_REASON_${reason}`;
  for (const [k, v] of Object.entries(ev)) {
    if (k === 'fn' || k === 'ns' || k === 'dev' || k === 'skb' || k === 'reason' || v === undefined) continue;
    if (k === 'rtType' && typeof v === 'number') r.route = rtntypeName(v);
    else if (k === 'table' && typeof v === 'number') r.table = RT_TABLES[v] ?? v;
    else if (ADDRESS_KEYS.includes(k) && typeof v === 'number') r[k] = formatIPv4(v);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') r[k] = v;
    else if (v instanceof NfConn) r[k] = connText(v);
    else if (v && typeof v === 'object' && isDevice(v)) r[k] = v.name;
  }
  if (fn === 'ipt_do_table' || fn === 'ip6t_do_table') {
    if (typeof ev.hook === 'number') r.hook = HOOK_NAMES[ev.hook] ?? ev.hook;
    const rule = ruleText(ns, fn === 'ip6t_do_table' ? NFPROTO_IPV6 : NFPROTO_IPV4, ev.table, ev.chain, ev.rulenum);
    if (rule) r.rule = rule;
  }
  return r;
}

/** Collects records while installed as the kernel's trace hook. */
export class TraceRecorder {
  records: TraceRecord[] = [];
  readonly hook = (ev: TraceEvent): void => {
    this.records.push(traceRecord(ev));
  };

  /** The records so far, leaving the recorder empty. */
  take(): TraceRecord[] {
    const r = this.records;
    this.records = [];
    return r;
  }
}
