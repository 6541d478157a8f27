// net/netfilter/nf_conntrack_standalone.c: net.netfilter.nf_conntrack_* (nf_conntrack_count
// reads the live table; nf_conntrack_max is one value for the machine, writable only from the
// initial namespace), /proc/net/nf_conntrack and /proc/net/stat/nf_conntrack.
import type { Kernel } from '../kernel.js';
import type { Netns } from '../net_namespace.js';
import { registerNfConntrackSysctls } from '../sysctl.js';
import { customFile, parseString } from '../fs/sysctl_core.js';
import { EINVAL, KernelError } from '../errno.js';
import { nfCtCount, nfCtList, ctNet, nfConnAcctFind } from './nf_conntrack_core.js';
import { registerProcNet } from '../fs/proc_net.js';
import { formatIPv4 } from '../../wire/inet.js';
import { IPS_ASSURED, IPS_SEEN_REPLY, TCP_STATE_NAMES, type NfConn, type Tuple } from './nf_conntrack.js';

const maxOf = new WeakMap<Kernel, number>();

/** nf_conntrack_max */
export function nfConntrackMax(k: Kernel): number {
  return maxOf.get(k) ?? 262144;
}

registerNfConntrackSysctls({
  nf_conntrack_count: (ctx) => customFile(0o444, () => `${nfCtCount(ctx.ns)}\n`, () => {}, () => nfCtCount(ctx.ns)),
  nf_conntrack_max: (ctx) => customFile(ctx.ns === ctx.kernel.initNet ? 0o644 : 0o444,
    () => `${nfConntrackMax(ctx.kernel)}\n`,
    (t) => {
      const v = parseString(t, 32).trim();
      if (!/^-?\d+$/.test(v)) throw new KernelError(EINVAL);
      maxOf.set(ctx.kernel, Math.max(0, Math.min(Number(v), 2147483647)));
    },
    () => nfConntrackMax(ctx.kernel)),
});

// ---------------------------------------------------------------------------------------
// /proc/net/nf_conntrack and /proc/net/stat/nf_conntrack

/** l4proto->name of the trackers (the generic one is "unknown"). */
const L4_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 33: 'dccp', 47: 'gre', 58: 'icmpv6', 132: 'sctp', 136: 'udplite' };
const HAS_PORTS = new Set([6, 17, 33, 132, 136]);

/** %pI6: the eight groups in full, four hex digits each ("2001:0db8:0000:...:0001"). */
function pI6(a: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i += 2) s += (i ? ':' : '') + ((a[i]! << 8) | a[i + 1]!).toString(16).padStart(4, '0');
  return s;
}

/** print_tuple(): the addresses (%pI4, or %pI6 uncompressed), then the protocol's part
 *  (ports, or ICMP / ICMPv6 type/code/id). */
function printTuple(t: Tuple): string {
  let s = t.src6 ? `src=${pI6(t.src6)} dst=${pI6(t.dst6!)} ` : `src=${formatIPv4(t.src)} dst=${formatIPv4(t.dst)} `;
  if (HAS_PORTS.has(t.proto)) s += `sport=${t.sport} dport=${t.dport} `;
  else if (t.proto === 1 || t.proto === 58) s += `type=${t.dport >> 8} code=${t.dport & 0xff} id=${t.sport} `;
  return s;
}

/** ct_seq_show(): one confirmed connection; the reader holds a reference (use=2). */
function ctSeqShow(ns: Netns, ct: NfConn): string {
  const acct = nfConnAcctFind(ct);
  const o = ct.tuple[0], r = ct.tuple[1];
  // l3proto_name() and nf_ct_l3num()
  let s = `${(o.src6 ? 'ipv6' : 'ipv4').padEnd(8)} ${o.l3num} ${(L4_NAMES[o.proto] ?? 'unknown').padEnd(8)} ${o.proto} `;
  s += `${Math.max(0, Math.floor((ct.timeout - ns.kernel.clock.now()) / 1000))} `;
  if (ct.tcp) s += `${TCP_STATE_NAMES[ct.tcp.state]} `;
  s += printTuple(o);
  // seq_print_acct()
  if (acct) s += `packets=${ct.packets[0]} bytes=${ct.bytes[0]} `;
  if (!(ct.status & IPS_SEEN_REPLY)) s += '[UNREPLIED] ';
  s += printTuple(r);
  if (acct) s += `packets=${ct.packets[1]} bytes=${ct.bytes[1]} `;
  if (ct.status & IPS_ASSURED) s += '[ASSURED] ';
  return s + `mark=${ct.mark} zone=0 use=2\n`;
}

registerProcNet('nf_conntrack', (ns) => nfCtList(ns).map((ct) => ctSeqShow(ns, ct)).join(''));

const x8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/** ct_cpu_seq_show(): a header, then one row per possible CPU; "new", "ignore" and "delete"
 *  are no longer counted and read 0. */
registerProcNet('stat/nf_conntrack', (ns) => {
  const n = nfCtCount(ns);
  let out = 'entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart\n';
  for (const st of ctNet(ns).stat) {
    out += `${x8(n)}  ${[st.clash_resolve, st.found, 0, st.invalid, 0, 0, st.chaintoolong, st.insert, st.insert_failed,
      st.drop, st.early_drop, st.error].map(x8).join(' ')}  ${[0, 0, 0, st.search_restart].map(x8).join(' ')}\n`;
  }
  return out;
});
