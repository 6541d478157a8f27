// xtables-monitor (iptables 1.8.9, nf_tables): joins the nfnetlink groups of the namespace it
// runs in and prints what arrives until it is killed. --trace prints the nf_tables trace of
// packets marked with -j TRACE (nf_tables_trace.ts) as trace_cb() and its trace_print_*()
// helpers do:
//   PACKET: 2 1a2b3c4d IN=eth0 MACSRC=... SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x0 TTL=64 ID=7 DF
//    TRACE: 2 1a2b3c4d filter:INPUT:rule:0x2:ACCEPT  -4 -t filter -A INPUT -p icmp -j ACCEPT
//    TRACE: 2 1a2b3c4d filter:INPUT:policy:DROP
// a PACKET line before the first message of each base-chain walk (the one that carries the
// packet), and the rule as iptables-save prints it, looked up by handle when printed.
// --event prints what NFNLGRP_NFTABLES tells of each committed batch (nf_tables_api.ts) as
// table_cb(), chain_cb(), rule_cb() and newgen_cb() do:
//    EVENT: nft: NEW table: table filter ip flags 0 use 1 handle 1
//    EVENT: # nft: ip filter INPUT use 1 type filter hook input prio 0 policy accept packets 0 bytes 0 flags 1
//    EVENT: -4 -t filter -A INPUT -p icmp -j ACCEPT
//   NEWGEN: GENID=2 PID=24726 NAME=iptables
// Standard output is stdio's: fully buffered unless it is a terminal (or stdbuf(1) says
// otherwise), and never flushed by the event callbacks, so a monitor writing to a file and
// killed leaves what is still in its buffer unwritten. The trace callback flushes.
import { constants as osConstants } from 'node:os';
import type { Process, Tool } from '../process.js';
import { getoptLong, type LongOpt } from '../net_tools/getopt.js';
import {
  nftTraceListen, type NftTraceMsg, NFT_TRACETYPE_POLICY, NFT_TRACETYPE_RETURN, NFT_TRACETYPE_RULE,
  NF_ACCEPT, NF_DROP, NF_QUEUE, NF_STOLEN, NFT_BREAK, NFT_CONTINUE, NFT_GOTO, NFT_JUMP, NFPROTO_IPV4,
} from '../../kernel/netfilter/nf_tables_trace.js';
import { xtFindTable } from '../../kernel/netfilter/x_tables.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK } from '../../kernel/core/if.js';
import { Ipv4Packet, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE } from '../../wire/ipv4.js';
import { TcpPacket } from '../../wire/tcp.js';
import { formatIPv4, formatIPv6 } from '../../wire/inet.js';
import {
  nftEventListen, nftHookName, type NftEvent, NFT_MSG_NEWTABLE, NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN, NFT_MSG_NEWRULE,
  NFT_MSG_DELRULE, NFT_MSG_NEWGEN, NFT_MSG_DELTABLE,
} from '../../kernel/netfilter/nf_tables_api.js';
import type { IptEntry } from '../../kernel/netfilter/x_tables.js';
import { ruleSpec, familyOfTable } from './main.js';
import { nftIpv4 } from './nft-ipv4.js';
import { nftIpv6 } from './nft-ipv6.js';

const VERSION = '1.8.9';
const NFPROTO_IPV6 = 10;
const IPPROTO_DCCP = 33;
const PARAMETER_PROBLEM = 2;

const USAGE = `xtables-monitor ${VERSION} (nf_tables)
Usage: xtables-monitor [ -t | -e ]
        --trace    -t    trace ruleset traversal of packets tagged via -j TRACE rule
        --event    -e    show events that modify the ruleset
Optional arguments:
        --ipv4     -4    only monitor IPv4
        --ipv6     -6    only monitor IPv6
\t--counters -c    show counters in rules
`;

const LONGOPTS: LongOpt[] = [
  { name: 'counters', hasArg: 0, val: 'c' },
  { name: 'trace', hasArg: 0, val: 't' },
  { name: 'event', hasArg: 0, val: 'e' },
  { name: 'ipv4', hasArg: 0, val: '4' },
  { name: 'ipv6', hasArg: 0, val: '6' },
  { name: 'version', hasArg: 0, val: 'V' },
  { name: 'help', hasArg: 0, val: 'h' },
];

interface Opts {
  counters: boolean;
  /** cb_arg.nfproto: 0, or the only family printed. */
  nfproto: number;
}

export const xtablesMonitor: Tool = async (p: Process) => {
  const o: Opts = { counters: false, nfproto: 0 };
  let trace = false, events = false;
  // opterr = 0: getopt's own diagnostics are not printed.
  for (const [c] of getoptLong('xtables-monitor', p.argv.slice(1), 'ceht46V', LONGOPTS, () => {}, [])) {
    switch (c) {
      case 'c': o.counters = true; break;
      case 't': trace = true; break;
      case 'e': events = true; break;
      case 'h':
        p.stdout(USAGE);
        return 1;
      case '4': o.nfproto = NFPROTO_IPV4; break;
      case '6': o.nfproto = NFPROTO_IPV6; break;
      case 'V':
        p.stdout(`xtables-monitor ${VERSION}\n`);
        return 0;
      default:
        p.stderr(`xtables-monitor ${VERSION}: Bad argument.\nTry \`xtables-monitor -h' for more information.\n`);
        return PARAMETER_PROBLEM;
    }
  }
  if (!trace && !events) {
    p.stdout(USAGE);
    return 1;
  }
  const out = new StdioOut(p);
  const leaveTrace = trace ? nftTraceListen(p.netns, (m) => {
    out.write(traceCb(o, p, m));
    out.flush();
  }) : () => {};
  const leaveEvents = events ? nftEventListen(p.netns, (m) => out.write(eventCb(o, m))) : () => {};
  const leave = () => {
    leaveTrace();
    leaveEvents();
  };
  const reason = await new Promise<unknown>((resolve) => {
    if (p.signal.aborted) resolve(p.signal.reason);
    else p.signal.addEventListener('abort', () => resolve(p.signal.reason), { once: true });
  });
  leave();
  // No handler: the process dies of the signal, and what stdio still holds is lost.
  const n = typeof reason === 'string' ? (osConstants.signals as Record<string, number>)[reason] : undefined;
  return 128 + (n ?? osConstants.signals.SIGTERM);
};

/** %08x */
function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** BUFSIZ: the buffer glibc gives a stream that is not a terminal (st_blksize of a file or a
 *  pipe). */
const BUFSIZ = 4096;

/** stdout as stdio keeps it: _IOFBF in BUFSIZ blocks unless a terminal (_IOLBF); stdbuf -o
 *  sets the mode through libstdbuf's _STDBUF_O (L: lines, 0: none, N: N-byte blocks). */
class StdioOut {
  private pending = Buffer.alloc(0);
  private readonly mode: 'full' | 'line' | 'none';
  private readonly size: number = BUFSIZ;
  constructor(private readonly p: Process) {
    const sb = p.env['_STDBUF_O'];
    if (sb === 'L') this.mode = 'line';
    else if (sb === '0') this.mode = 'none';
    else if (sb && /^\d+$/.test(sb)) {
      this.mode = 'full';
      this.size = Number(sb);
    } else this.mode = p.fdKind?.(1) === 'tty' ? 'line' : 'full';
  }

  write(text: string): void {
    if (!text) return;
    this.pending = Buffer.concat([this.pending, Buffer.from(text)]);
    if (this.mode === 'none') return this.flush();
    if (this.mode === 'line') {
      const nl = this.pending.lastIndexOf(10);
      if (nl >= 0) this.emit(nl + 1);
      return;
    }
    // A full buffer is written out whole; what is left starts the next one.
    let from = 0;
    while (this.pending.length - from >= this.size) from += this.size;
    if (from) this.emit(from);
  }

  /** fflush(stdout) */
  flush(): void {
    if (this.pending.length) this.emit(this.pending.length);
  }

  private emit(n: number): void {
    const chunk = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    if (this.p.stdoutBytes) this.p.stdoutBytes(chunk);
    else this.p.stdout(chunk.toString());
  }
}

/** The family letter and name of nfgen_family (nftnl_family2str()). */
function familyStr(family: number): string {
  return family === NFPROTO_IPV6 ? 'ip6' : family === NFPROTO_IPV4 ? 'ip' : 'unknown';
}

/** The event callbacks: table_cb(), chain_cb(), rule_cb(), newgen_cb(). */
function eventCb(o: Opts, m: NftEvent): string {
  if (m.type === NFT_MSG_NEWGEN) return `NEWGEN: GENID=${m.genid} PID=${m.pid} NAME=${m.comm}\n`;
  if (o.nfproto && o.nfproto !== m.family) return '';
  const fam = m.family === NFPROTO_IPV6 ? '6' : '4';
  switch (m.type) {
    case NFT_MSG_NEWTABLE: case NFT_MSG_DELTABLE:
      // nftnl_table_snprintf()
      return ` EVENT: nft: ${m.type === NFT_MSG_NEWTABLE ? 'NEW' : 'DEL'} table: table ${m.name} ${familyStr(m.family)} ` +
        `flags ${m.flags.toString(16)} use ${m.use} handle ${m.handle}\n`;
    case NFT_MSG_NEWCHAIN: case NFT_MSG_DELCHAIN: {
      const h = m.hook;
      if (h) {
        // A base chain: nftnl_chain_snprintf()'s nft form.
        return ` EVENT: # nft: ${familyStr(m.family)} ${m.table} ${m.name} use ${m.use} type ${h.type} hook ${nftHookName(h.hooknum)} ` +
          `prio ${h.prio} policy ${h.policy ? 'accept' : 'drop'} packets ${h.packets} bytes ${h.bytes} flags 1\n`;
      }
      return ` EVENT: -${fam} -t ${m.table} -${m.type === NFT_MSG_NEWCHAIN ? 'N' : 'X'} ${m.name}\n`;
    }
    case NFT_MSG_NEWRULE: case NFT_MSG_DELRULE:
      // nft_rule_print_save(): an append or a delete, counters only with -c.
      return ` EVENT: -${fam} -t ${m.table} ${o.counters ? `[${m.pcnt}:${m.bcnt}] ` : ''}` +
        `-${m.type === NFT_MSG_NEWRULE ? 'A' : 'D'} ${m.chain}${ruleSpecOf(m.rule, m.family)}\n`;
  }
  return '';
}

function ruleSpecOf(e: IptEntry, family: number): string {
  return ruleSpec(e, false, family === NFPROTO_IPV6 ? nftIpv6 : nftIpv4);
}

/** trace_cb() */
function traceCb(o: Opts, p: Process, m: NftTraceMsg): string {
  if (o.nfproto && o.nfproto !== m.family) return '';
  let out = '';
  if (m.llHeader || m.networkHeader) out += tracePrintPacket(p, m);
  out += ` TRACE: ${m.family} ${hex8(m.id)} ${m.table}:${m.chain}`;
  switch (m.type) {
    case NFT_TRACETYPE_RULE:
      out += `:rule:0x${(m.handle ?? 0).toString(16)}:${verdictText(m, m.verdict ?? 0)} `;
      if (m.handle !== undefined) out += tracePrintRule(p, o, m);
      break;
    case NFT_TRACETYPE_POLICY:
      out += `:policy:${verdictText(m, m.policy ?? 0)} \n`;
      break;
    case NFT_TRACETYPE_RETURN:
      out += `:return:${m.jumpTarget ?? ''}\n`;
      break;
  }
  return out;
}

/** print_verdict() */
function verdictText(m: NftTraceMsg, v: number): string {
  switch (v) {
    case NF_ACCEPT: return 'ACCEPT';
    case NF_DROP: return 'DROP';
    case NF_QUEUE: return 'QUEUE';
    case NF_STOLEN: return 'STOLEN';
    case NFT_BREAK: return 'BREAK';
    case NFT_CONTINUE: return 'CONTINUE';
    case NFT_GOTO: return 'GOTO' + (m.jumpTarget !== undefined ? `:${m.jumpTarget}` : '');
    case NFT_JUMP: return 'JUMP' + (m.jumpTarget !== undefined ? `:${m.jumpTarget}` : '');
    default: return `0x${(v >>> 0).toString(16)}`;
  }
}

/** trace_print_rule(): the rule, asked of the kernel by handle (NFT_MSG_GETRULE), printed by
 *  nft_rule_print_save() as an append, without counters unless -c. */
function tracePrintRule(p: Process, o: Opts, m: NftTraceMsg): string {
  const t = xtFindTable(p.netns, m.table, false, m.family);
  const c = t?.chains.get(m.chain);
  const e = c?.rules.find((r) => r.handle === m.handle);
  if (!e) return '\n';
  const family = m.family === NFPROTO_IPV6 ? '6' : '4';
  return ` -${family} -t ${m.table} ${o.counters ? `[${e.pcnt}:${e.bcnt}] ` : ''}-A ${m.chain}${ruleSpec(e, false, familyOfTable(t!))}\n`;
}

/** ether_ntoa(): octets without leading zeros. */
function etherNtoa(b: Uint8Array, off: number): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += (i ? ':' : '') + b[off + i]!.toString(16);
  return s;
}

/** printf("%02X", (char)b): a byte above 0x7f is a negative char, printed as an int. */
function optByte(b: number): string {
  return b > 0x7f ? (0xffffff00 | b).toString(16).toUpperCase() : b.toString(16).toUpperCase().padStart(2, '0');
}

/** trace_print_packet() */
function tracePrintPacket(p: Process, m: NftTraceMsg): string {
  let s = `PACKET: ${m.family} ${hex8(m.id)} `;
  // if_indextoname() in the monitor's own namespace; printf's "(null)" when gone.
  const ifname = (i: number) => p.netns.devByIndex(i)?.name ?? '(null)';
  if (m.iif !== undefined) s += `IN=${ifname(m.iif)} `;
  if (m.oif !== undefined) s += `OUT=${ifname(m.oif)} `;
  if (m.nfproto !== m.family) s += `NFPROTO=${m.nfproto} `;
  const ll = m.llHeader;
  if (ll) {
    const type = m.iifType ?? 0;
    if (type === ARPHRD_ETHER) {
      if (ll.length >= 14) {
        s += `MACSRC=${etherNtoa(ll, 6)} MACDST=${etherNtoa(ll, 0)} `;
        s += `MACPROTO=${((ll[12]! << 8) | ll[13]!).toString(16).padStart(4, '0')} `;
      }
    } else if (type === ARPHRD_LOOPBACK) {
      s += 'LOOPBACK ';
    } else {
      s += `LL=0x${type.toString(16)} `;
      for (const b of ll) s += b.toString(16).padStart(2, '0');
      s += ' ';
    }
  }
  let l4proto = 0;
  const nh = m.networkHeader;
  if (nh && m.nfproto === NFPROTO_IPV4 && nh.length >= 20) {
    const ip = new Ipv4Packet(nh);
    s += `SRC=${formatIPv4(ip.src)} DST=${formatIPv4(ip.dst)} `;
    s += `LEN=${ip.totalLength} TOS=0x${ip.tos.toString(16)} TTL=${ip.ttl} ID=${ip.id} `;
    if (ip.reservedFlag) s += 'CE ';
    if (ip.dontFragment) s += 'DF ';
    if (ip.moreFragments) s += 'MF ';
    if (ip.fragOffset) s += `FRAG:${ip.fragOffset} `;
    l4proto = ip.protocol;
    if (ip.headerLength > 20) {
      s += 'OPT (';
      for (const b of nh.subarray(20, ip.headerLength)) s += optByte(b);
      s += ') ';
    }
  } else if (nh && m.nfproto === NFPROTO_IPV6 && nh.length >= 40) {
    // The IPv6 header; LEN is the payload length plus sizeof(struct iphdr), as 1.8.9 has it.
    const flow = ((nh[0]! << 24) | (nh[1]! << 16) | (nh[2]! << 8) | nh[3]!) >>> 0;
    s += `SRC=${formatIPv6(nh.subarray(8, 24))} DST=${formatIPv6(nh.subarray(24, 40))} `;
    s += `LEN=${((nh[4]! << 8) | nh[5]!) + 20} TC=${(flow >>> 20) & 0xff} HOPLIMIT=${nh[7]} FLOWLBL=${flow & 0xfffff} `;
    l4proto = nh[6]!;
  }
  const th = m.transportHeader;
  if (th) {
    switch (l4proto) {
      case IPPROTO_DCCP:
      case IPPROTO_SCTP:
      case IPPROTO_UDPLITE:
      case IPPROTO_UDP:
        if (th.length >= 4) s += `SPORT=${(th[0]! << 8) | th[1]!} DPORT=${(th[2]! << 8) | th[3]!} `;
        break;
      case IPPROTO_TCP:
        if (th.length >= 20) {
          const tcp = new TcpPacket(th);
          s += `SPORT=${tcp.srcPort} DPORT=${tcp.dstPort} `;
          if (tcp.syn) s += 'SYN ';
          if (tcp.ack) s += 'ACK ';
          if (tcp.fin) s += 'FIN ';
          if (tcp.rst) s += 'RST ';
          if (tcp.psh) s += 'PSH ';
          if (tcp.urg) s += 'URG ';
        }
        break;
    }
  }
  if (m.mark) s += `MARK=0x${(m.mark >>> 0).toString(16)} `;
  return s + '\n';
}
