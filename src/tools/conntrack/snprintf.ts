// libnetfilter_conntrack's output formats as conntrack 1.4.7 uses them: the default and
// extended lines (__snprintf_conntrack_default()), event lines (without use=; a mark of 0
// only in NEW events, no timeout once expired) and XML (__snprintf_conntrack_xml()).
import type { Netns } from '../../kernel/net_namespace.js';
import {
  IPS_ASSURED, IPS_SEEN_REPLY, TCP_STATE_NAMES, type NfConn, type Tuple,
} from '../../kernel/netfilter/nf_conntrack.js';
import { nfConnAcctFind, type CtEvent } from '../../kernel/netfilter/nf_conntrack_core.js';
import { fmtAddr } from '../iptables/ext/parse.js';
import { formatIPv6 } from '../../wire/inet.js';

export const PROTOS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, udplite: 136, sctp: 132, dccp: 33, gre: 47, icmpv6: 58 };
export const PROTO_NAMES: Record<number, string> = Object.fromEntries(Object.entries(PROTOS).map(([n, v]) => [v, n]));
const HAS_PORTS = new Set([6, 17, 136, 132, 33]);

/** An address as inet_ntop() writes it. */
const addrStr = (v4: number, v6: Uint8Array | undefined) => (v6 ? formatIPv6(v6) : fmtAddr(v4));

/** The layer 3 name and number (__snprintf_l3protocol()). */
const l3Str = (t: Tuple) => (t.src6 ? 'ipv6     10 ' : 'ipv4     2 ');

/** The tuple fields as nfct_snprintf() prints them. */
function tupleStr(t: Tuple): string {
  let s = `src=${addrStr(t.src, t.src6)} dst=${addrStr(t.dst, t.dst6)} `;
  if (HAS_PORTS.has(t.proto)) s += `sport=${t.sport} dport=${t.dport} `;
  else if (t.proto === 1 || t.proto === 58) s += `type=${t.dport >> 8} code=${t.dport & 0xff} id=${t.sport} `;
  return s;
}

/** Seconds left, as ctnetlink reports CTA_TIMEOUT. */
export const ctSecondsLeft = (ns: Netns, ct: NfConn): number =>
  Math.max(0, Math.floor((ct.timeout - ns.kernel.clock.now()) / 1000));

export interface LineOpts {
  extended?: boolean;
  /** The reference count ctnetlink reports (1 in a dump, 2 while a get holds it); none in events. */
  use?: number;
  /** An event: which one decides whether a mark of 0 and the timeout are there. */
  event?: CtEvent;
}

/** One entry in the default (or extended) format. */
export function ctLine(ns: Netns, ct: NfConn, o: LineOpts): string {
  const t0 = ct.tuple[0], t1 = ct.tuple[1];
  let s = o.extended ? l3Str(t0) : '';
  s += `${(PROTO_NAMES[t0.proto] ?? 'unknown').padEnd(8)} ${t0.proto} `;
  // An expired connection's DESTROY event carries no timeout.
  if (!(o.event === 'DESTROY' && ct.timeout <= ns.kernel.clock.now())) s += `${ctSecondsLeft(ns, ct)} `;
  if (ct.tcp) s += `${TCP_STATE_NAMES[ct.tcp.state]} `;
  const acct = nfConnAcctFind(ct);
  s += tupleStr(t0);
  if (acct) s += `packets=${ct.packets[0]} bytes=${ct.bytes[0]} `;
  if (!(ct.status & IPS_SEEN_REPLY)) s += '[UNREPLIED] ';
  s += tupleStr(t1);
  if (acct) s += `packets=${ct.packets[1]} bytes=${ct.bytes[1]} `;
  if (ct.status & IPS_ASSURED) s += '[ASSURED] ';
  // ctnetlink_conntrack_event() dumps the mark only when it is set (or the event is a mark
  // change, IPCT_MARK): a new entry's mark of 0 is not in its event.
  if (!o.event || ct.mark) s += `mark=${ct.mark} `;
  if (o.use !== undefined) s += `use=${o.use}`;
  return s.trimEnd();
}

/** One entry as XML. */
export function ctXml(ns: Netns, ct: NfConn, o: LineOpts): string {
  const dir = (d: 'original' | 'reply', t: Tuple, i: number, acct: boolean) => {
    const l3 = t.src6 ? '<layer3 protonum="10" protoname="ipv6">' : '<layer3 protonum="2" protoname="ipv4">';
    let s = `<meta direction="${d}">${l3}<src>${addrStr(t.src, t.src6)}</src><dst>${addrStr(t.dst, t.dst6)}</dst></layer3>`;
    s += `<layer4 protonum="${t.proto}" protoname="${PROTO_NAMES[t.proto] ?? 'unknown'}">`;
    if (HAS_PORTS.has(t.proto)) s += `<sport>${t.sport}</sport><dport>${t.dport}</dport>`;
    s += '</layer4>';
    if (acct) s += `<counters><packets>${ct.packets[i]}</packets><bytes>${ct.bytes[i]}</bytes></counters>`;
    return s + '</meta>';
  };
  const acct = nfConnAcctFind(ct);
  let s = o.event ? `<flow type="${o.event.toLowerCase()}">` : '<flow>';
  s += dir('original', ct.tuple[0], 0, acct) + dir('reply', ct.tuple[1], 1, acct);
  s += '<meta direction="independent">';
  if (ct.tcp) s += `<state>${TCP_STATE_NAMES[ct.tcp.state]}</state>`;
  if (!(o.event === 'DESTROY' && ct.timeout <= ns.kernel.clock.now())) s += `<timeout>${ctSecondsLeft(ns, ct)}</timeout>`;
  if (!o.event || ct.mark) s += `<mark>${ct.mark}</mark>`;
  if (o.use !== undefined) s += `<use>${o.use}</use>`;
  s += `<id>${ct.id}</id>`;
  if (ct.status & IPS_ASSURED) s += '<assured/>';
  if (!(ct.status & IPS_SEEN_REPLY)) s += '<unreplied/>';
  return s + '</meta></flow>';
}

export const XML_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<conntrack>\n';
export const XML_FOOTER = '</conntrack>\n';
