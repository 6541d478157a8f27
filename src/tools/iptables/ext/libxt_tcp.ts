// libxt_tcp.c / libxt_udp.c: --sport/--dport (and their long aliases) for tcp and udp.
import { tcpUdpInfo, type TcpUdpInfo } from '../../../kernel/netfilter/xt_tcpudp.js';
import { registerMatch, type XtablesExt } from './index.js';
import { parsePortRange, portStr } from './parse.js';

function printPorts(name: string, r: [number, number], inv: boolean, proto: string, numeric: boolean): string {
  if (r[0] === 0 && r[1] === 0xffff && !inv) return '';
  const i = inv ? '!' : '';
  if (r[0] === r[1]) return ` ${name}:${i}${portStr(r[0], proto, numeric)}`;
  return ` ${name}s:${i}${portStr(r[0], proto, numeric)}:${portStr(r[1], proto, numeric)}`;
}

function savePorts(opt: string, r: [number, number], inv: boolean): string {
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

registerMatch(tcpUdpExt('tcp'));
registerMatch(tcpUdpExt('udp'));
