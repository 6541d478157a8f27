// libxt_multiport.c (revision 1): --sports / --dports / --ports with up to 15 ports, a range
// counting as two.
import {
  XT_MULTIPORT_DESTINATION, XT_MULTIPORT_EITHER, XT_MULTIPORT_SOURCE, XT_MULTI_PORTS, type MultiportInfo,
} from '../../../kernel/netfilter/xt_multiport.js';
import { registerMatch, type ExtCtx } from './index.js';
import { xtExt } from './xtopt.js';
import { parsePort, portStr } from './parse.js';
import { protoName } from '../names.js';

const PROTOS: Record<number, string> = { 6: 'tcp', 17: 'udp', 136: 'udplite', 132: 'sctp', 33: 'dccp' };

/** check_proto() */
function checkProto(ctx: ExtCtx): string {
  const e = ctx.entry;
  const name = PROTOS[e.proto];
  if (name && !e.invProto) return name;
  if (!e.proto) throw ctx.perr("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
  throw ctx.perr('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
}

/** parse_multi_ports_v1() */
function parsePorts(arg: string, m: MultiportInfo, proto: string, ctx: ExtCtx): void {
  const parts = arg.split(',');
  m.ports = [];
  m.pflags = [];
  let k = 0;
  for (; k < parts.length && m.ports.length < XT_MULTI_PORTS; k++) {
    const cp = parts[k]!;
    const c = cp.indexOf(':');
    if (c >= 0 && m.ports.length === XT_MULTI_PORTS - 1) throw ctx.perr('too many ports specified');
    m.ports.push(parsePort(c >= 0 ? cp.slice(0, c) : cp, proto, ctx.perr));
    m.pflags.push(c >= 0);
    if (c >= 0) {
      const hi = parsePort(cp.slice(c + 1), proto, ctx.perr);
      if (m.ports[m.ports.length - 1]! >= hi) throw ctx.perr('invalid portrange specified');
      m.ports.push(hi);
      m.pflags.push(false);
    }
  }
  if (k < parts.length) throw ctx.perr('too many ports specified');
}

function portList(m: MultiportInfo, proto: string, numeric: boolean): string {
  let s = '';
  for (let i = 0; i < m.ports.length; i++) {
    s += (i ? ',' : '') + portStr(m.ports[i]!, proto, numeric);
    if (m.pflags[i]) s += ':' + portStr(m.ports[++i]!, proto, numeric);
  }
  return s;
}

const NAMES = ['sports', 'dports', 'ports'];

registerMatch(xtExt<MultiportInfo>({
  name: 'multiport',
  options: [
    { name: 'source-ports', id: 0, invert: true, excl: ['destination-ports', 'ports'] },
    { name: 'sports', id: 0, invert: true, excl: ['destination-ports', 'ports'] },
    { name: 'destination-ports', id: 1, invert: true, excl: ['source-ports', 'ports'] },
    { name: 'dports', id: 1, invert: true, excl: ['source-ports', 'ports'] },
    { name: 'ports', id: 2, invert: true, excl: ['source-ports', 'destination-ports'] },
  ],
  init: () => ({ flags: XT_MULTIPORT_SOURCE, ports: [], pflags: [], invert: false }),
  parse(opt, arg, inv, m, ctx) {
    const proto = checkProto(ctx);
    parsePorts(arg, m, proto, ctx);
    m.flags = opt === 'ports' ? XT_MULTIPORT_EITHER : opt.startsWith('s') ? XT_MULTIPORT_SOURCE : XT_MULTIPORT_DESTINATION;
    if (inv) m.invert = true;
  },
  fcheck(_m, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('multiport expection an option');
  },
  print: (m, numeric, e) => ` multiport ${NAMES[m.flags]} ${m.invert ? ' !' : ''}` +
    portList(m, protoName(e.proto) ?? String(e.proto), numeric),
  save: (m, e) => `${m.invert ? ' !' : ''} --${NAMES[m.flags]} ` + portList(m, protoName(e.proto) ?? String(e.proto), true),
}));
