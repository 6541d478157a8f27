// libxt_conntrack.c (revision 3) and libxt_state.c: the connection state matches, for
// iptables and ip6tables (the tuple addresses in the program's family).
import {
  CT_STATE_INVALID, CT_STATE_UNTRACKED, CT_STATE_SNAT, CT_STATE_DNAT, CT_STATE_UNTRACKED_CT, ctStateBit,
  type ConntrackInfo, type StateInfo, type CtAddr, type CtPort,
} from '../../../kernel/netfilter/xt_conntrack.js';
import {
  IP_CT_NEW, IP_CT_RELATED, IP_CT_ESTABLISHED, IPS_EXPECTED, IPS_SEEN_REPLY, IPS_ASSURED, IPS_CONFIRMED,
} from '../../../kernel/netfilter/nf_conntrack.js';
import { protoByName } from '../names.js';
import { registerMatch, type ExtCtx } from './index.js';
import { xtExt, parseHostmask } from './xtopt.js';
import { fmtAddr, maskLen } from './parse.js';
import { formatIPv6 } from '../../../wire/inet.js';

/** The state names in the order print_state() prints them. */
function states(untracked: number, withNat: boolean): [string, number][] {
  const s: [string, number][] = [
    ['INVALID', CT_STATE_INVALID], ['NEW', ctStateBit(IP_CT_NEW)], ['RELATED', ctStateBit(IP_CT_RELATED)],
    ['ESTABLISHED', ctStateBit(IP_CT_ESTABLISHED)], ['UNTRACKED', untracked],
  ];
  if (withNat) s.push(['SNAT', CT_STATE_SNAT], ['DNAT', CT_STATE_DNAT]);
  return s;
}

function parseStates(arg: string, table: [string, number][], what: string, ctx: ExtCtx): number {
  let mask = 0;
  for (const w of arg.split(',')) {
    const hit = table.find(([n]) => n === w.toUpperCase());
    if (!hit) throw ctx.perr(`Bad ${what} "${w}"`);
    mask |= hit[1];
  }
  return mask;
}

const stateList = (mask: number, table: [string, number][]) =>
  table.filter(([, b]) => mask & b).map(([n]) => n).join(',');

const STATE_NAMES = states(CT_STATE_UNTRACKED, false);

registerMatch(xtExt<StateInfo>({
  name: 'state',
  options: [{ name: 'state', mand: true, invert: true }],
  init: () => ({ statemask: 0, inv: false }),
  parse(_opt, arg, inv, m, ctx) {
    m.statemask = parseStates(arg, STATE_NAMES, 'state', ctx);
    m.inv = inv;
  },
  print: (m) => `${m.inv ? ' !' : ''} state ${stateList(m.statemask, STATE_NAMES)}`,
  save: (m) => `${m.inv ? ' !' : ''} --state ${stateList(m.statemask, STATE_NAMES)}`,
}));

const CTSTATE_NAMES = states(CT_STATE_UNTRACKED_CT, true);
const STATUS_NAMES: [string, number][] = [
  ['EXPECTED', IPS_EXPECTED], ['SEEN_REPLY', IPS_SEEN_REPLY], ['ASSURED', IPS_ASSURED], ['CONFIRMED', IPS_CONFIRMED],
];

/** XTTYPE_HOSTMASK: the address is kept as given, the match masks it. */
function parseAddr(opt: string, arg: string, ctx: ExtCtx): CtAddr {
  return { ...parseHostmask('conntrack', opt, arg, ctx), inv: false };
}

function parsePortRange(arg: string, ctx: ExtCtx): CtPort {
  const m = /^(\d+)(?::(\d+))?$/.exec(arg);
  if (!m || Number(m[1]) > 65535 || (m[2] !== undefined && Number(m[2]) > 65535)) throw ctx.perr(`conntrack: bad port "${arg}"`);
  return { lo: Number(m[1]), hi: Number(m[2] ?? m[1]), inv: false };
}

/** conntrack_dump_addr(): "anywhere" for a zero address unless numeric, else the address and
 *  xtables_ipmask_to_numeric() / xtables_ip6mask_to_numeric() of the mask. */
function addrStr(a: CtAddr, numeric: boolean): string {
  if (a.addr6) {
    if (!numeric && a.addr6.every((x) => x === 0)) return 'anywhere';
    let l = 0;
    while (l < 128 && a.mask6![l >> 3]! & (0x80 >> (l & 7))) l++;
    return formatIPv6(a.addr6) + (l === 128 ? '' : `/${l}`);
  }
  if (!numeric && a.addr === 0) return 'anywhere';
  const l = maskLen(a.mask);
  return fmtAddr(a.addr) + (a.mask === 0xffffffff ? '' : l !== undefined ? `/${l}` : `/${fmtAddr(a.mask)}`);
}

/** conntrack_dump(): -L (prefix "") and -S (prefix "--", numeric) share it. */
function dump(m: ConntrackInfo, pre: string, numeric = true): string {
  let s = '';
  const inv = (x: { inv: boolean }) => (x.inv ? ' !' : '');
  if (m.state) s += `${inv(m.state)} ${pre}ctstate ${stateList(m.state.mask, CTSTATE_NAMES)}`;
  if (m.proto) s += `${inv(m.proto)} ${pre}ctproto ${m.proto.proto}`;
  for (const k of ['origsrc', 'origdst', 'replsrc', 'repldst'] as const) {
    const a = m[k];
    if (a) s += `${inv(a)} ${pre}ct${k} ${addrStr(a, numeric)}`;
  }
  for (const k of ['origsrcport', 'origdstport', 'replsrcport', 'repldstport'] as const) {
    const r = m[k];
    if (r) s += `${inv(r)} ${pre}ct${k} ${r.lo === r.hi ? r.lo : `${r.lo}:${r.hi}`}`;
  }
  if (m.status) {
    const names = m.status.mask === 0 ? 'NONE' : stateList(m.status.mask, STATUS_NAMES);
    s += `${inv(m.status)} ${pre}ctstatus ${names}`;
  }
  if (m.expires) s += `${inv(m.expires)} ${pre}ctexpire ${m.expires.lo === m.expires.hi ? m.expires.lo : `${m.expires.lo}:${m.expires.hi}`}`;
  if (m.dir) s += ` ${pre}ctdir ${m.dir.reply ? 'REPLY' : 'ORIGINAL'}`;
  return s;
}

registerMatch(xtExt<ConntrackInfo>({
  name: 'conntrack',
  options: [
    { name: 'ctstate', invert: true }, { name: 'ctproto', invert: true },
    { name: 'ctorigsrc', invert: true }, { name: 'ctorigdst', invert: true },
    { name: 'ctreplsrc', invert: true }, { name: 'ctrepldst', invert: true },
    { name: 'ctstatus', invert: true }, { name: 'ctexpire', invert: true },
    { name: 'ctorigsrcport', invert: true }, { name: 'ctorigdstport', invert: true },
    { name: 'ctreplsrcport', invert: true }, { name: 'ctrepldstport', invert: true },
    { name: 'ctdir' },
  ],
  init: () => ({}),
  parse(opt, arg, inv, m, ctx) {
    switch (opt) {
      case 'ctstate':
        m.state = { mask: parseStates(arg, CTSTATE_NAMES, 'ctstate', ctx), inv };
        break;
      case 'ctproto': {
        const p = protoByName(arg);
        if (p === undefined) throw ctx.perr(`unknown protocol "${arg}" specified`);
        if (p === 0 && !inv) throw ctx.perr('conntrack: rule would never match protocol');
        m.proto = { proto: p, inv };
        break;
      }
      case 'ctorigsrc': case 'ctorigdst': case 'ctreplsrc': case 'ctrepldst':
        m[opt.slice(2) as 'origsrc'] = { ...parseAddr(opt, arg, ctx), inv };
        break;
      case 'ctorigsrcport': case 'ctorigdstport': case 'ctreplsrcport': case 'ctrepldstport':
        m[opt.slice(2) as 'origsrcport'] = { ...parsePortRange(arg, ctx), inv };
        break;
      case 'ctstatus': {
        let mask = 0;
        for (const w of arg.split(',')) {
          if (w === 'NONE') continue;
          const hit = STATUS_NAMES.find(([n]) => n === w);
          if (!hit) throw ctx.perr(`Bad ctstatus "${w}"`);
          mask |= hit[1];
        }
        m.status = { mask, inv };
        break;
      }
      case 'ctexpire': {
        const x = /^(\d+)(?::(\d+))?$/.exec(arg);
        if (!x) throw ctx.perr(`conntrack: bad expire "${arg}"`);
        m.expires = { lo: Number(x[1]), hi: Number(x[2] ?? x[1]), inv };
        break;
      }
      case 'ctdir':
        if (arg.toUpperCase() === 'ORIGINAL') m.dir = { reply: false };
        else if (arg.toUpperCase() === 'REPLY') m.dir = { reply: true };
        else throw ctx.perr(`Unknown --ctdir ${arg}`);
        break;
    }
  },
  fcheck(_m, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('conntrack: At least one option is required');
  },
  print: (m, numeric) => dump(m, '', numeric),
  save: (m) => dump(m, '--'),
}));
