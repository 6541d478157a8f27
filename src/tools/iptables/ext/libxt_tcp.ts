// libxt_tcp.c / libxt_udp.c: --sport/--dport (and their long aliases) for tcp and udp.
import { tcpUdpInfo, type TcpUdpInfo } from '../../../kernel/netfilter/xt_tcpudp.js';
import { registerMatch, type XtablesExt } from './index.js';
import { parsePortRange, portStr } from './parse.js';

function printPorts(name: string, r: readonly [number, number], inv: boolean, proto: string, numeric: boolean): string {
  if (r[0] === 0 && r[1] === 0xffff && !inv) return '';
  const i = inv ? '!' : '';
  if (r[0] === r[1]) return ` ${name}:${i}${portStr(r[0], proto, numeric)}`;
  return ` ${name}s:${i}${portStr(r[0], proto, numeric)}:${portStr(r[1], proto, numeric)}`;
}

function savePorts(opt: string, r: readonly [number, number], inv: boolean): string {
  if (r[0] === 0 && r[1] === 0xffff) return '';
  return `${inv ? ' !' : ''} ${opt} ${r[0] === r[1] ? r[0] : `${r[0]}:${r[1]}`}`;
}

const PORT_OPTS: Record<string, 'spt' | 'dpt'> = {
  sport: 'spt', 'source-port': 'spt', dport: 'dpt', 'destination-port': 'dpt',
};

/** The port part shared by tcp and udp. */
export function tcpUdpExt(name: 'tcp' | 'udp', extra: Partial<XtablesExt<TcpUdpInfo>> = {}): XtablesExt<TcpUdpInfo> {
  return {
    name,
    opts: { sport: true, 'source-port': true, dport: true, 'destination-port': true, ...extra.opts },
    init: tcpUdpInfo,
    parse(opt, arg, inv, m, ctx) {
      const which = PORT_OPTS[opt];
      if (!which) return extra.parse!(opt, arg, inv, m, ctx);
      const r = parsePortRange(arg, name, ctx.perr);
      if (which === 'spt') {
        m.spts = r;
        m.invSpt = inv;
      } else {
        m.dpts = r;
        m.invDpt = inv;
      }
    },
    print: (m, numeric, e) => ` ${name}` + printPorts('spt', m.spts, m.invSpt, name, numeric) +
      printPorts('dpt', m.dpts, m.invDpt, name, numeric) + (extra.print?.(m, numeric, e) ?? ''),
    save: (m, e) => savePorts('--sport', m.spts, m.invSpt) + savePorts('--dport', m.dpts, m.invDpt) +
      (extra.save?.(m, e) ?? ''),
  };
}

/** tcp_flag_names[] */
const TCP_FLAGS: [string, number][] = [
  ['FIN', 0x01], ['SYN', 0x02], ['RST', 0x04], ['PSH', 0x08], ['ACK', 0x10], ['URG', 0x20], ['ALL', 0x3f], ['NONE', 0],
];

/** parse_tcp_flag() */
function parseTcpFlags(s: string, perr: (m: string) => Error): number {
  let r = 0;
  for (const f of s.split(',')) {
    const x = TCP_FLAGS.find((t) => t[0].toLowerCase() === f.toLowerCase());
    if (!x) throw perr(`Unknown TCP flag \`${f}'`);
    r |= x[1];
  }
  return r;
}

/** print_tcpf() */
function tcpfStr(flags: number): string {
  const names: string[] = [];
  for (const [n, f] of TCP_FLAGS.slice(0, 6)) if (flags & f) names.push(n);
  return names.length ? names.join(',') : 'NONE';
}
const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

// tcp_parse(): --tcp-flags MASK COMP, --syn, --tcp-option N (old-style parse, its own messages).
registerMatch(tcpUdpExt('tcp', {
  opts: { 'tcp-flags': true, syn: false, 'tcp-option': true },
  parse(opt, arg, inv, m, ctx) {
    if (opt === 'tcp-option') {
      if (ctx.seen.includes('tcp-option')) throw ctx.perr("Only one `--tcp-option' allowed");
      if (!/^\d+$/.test(arg) || Number(arg) < 1 || Number(arg) > 255) throw ctx.perr(`Bad TCP option "${arg}"`);
      m.option = Number(arg);
      m.invOption = inv;
      return;
    }
    if (ctx.seen.includes('tcp-flags') || ctx.seen.includes('syn')) throw ctx.perr("Only one of `--syn' or `--tcp-flags'  allowed");
    if (opt === 'syn') {
      m.flgMask = 0x17;
      m.flgCmp = 0x02;
    } else {
      const comp = ctx.nextArg?.((w) => w[0] !== '-' && w[0] !== '!');
      if (comp === undefined) throw ctx.perr('--tcp-flags requires two args.');
      m.flgMask = parseTcpFlags(arg, ctx.perr);
      m.flgCmp = parseTcpFlags(comp, ctx.perr);
    }
    m.invFlags = inv;
  },
  print(m, numeric) {
    let s = '';
    if (m.option || m.invOption) s += ` option=${m.invOption ? '!' : ''}${m.option}`;
    if (m.flgMask || m.invFlags) {
      s += ` flags:${m.invFlags ? '!' : ''}` +
        (numeric ? `${hex2(m.flgMask)}/${hex2(m.flgCmp)}` : `${tcpfStr(m.flgMask)}/${tcpfStr(m.flgCmp)}`);
    }
    return s;
  },
  save(m) {
    let s = '';
    if (m.option) s += `${m.invOption ? ' !' : ''} --tcp-option ${m.option}`;
    if (m.flgMask || m.invFlags) s += `${m.invFlags ? ' !' : ''} --tcp-flags ${tcpfStr(m.flgMask)} ${tcpfStr(m.flgCmp)}`;
    return s;
  },
}));
registerMatch(tcpUdpExt('udp'));
