// libip6t_REJECT.c: --reject-with by name or alias (reject_table[], matched by
// case-insensitive prefix, first entry first). reject_tg6_check(): a TCP reset only for rules
// that match TCP; the target belongs to the filter table.
import type { Reject6Info } from '../../../kernel/netfilter/ip6t_REJECT.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { IPPROTO_TCP } from '../../../kernel/netfilter/x_tables.js';
import { xtCheck } from './hooks.js';
import { registerTarget } from './index.js';
import { xtExt } from './xtopt.js';

/** Canonical name, alias, ICMPv6 unreachable code (-1: tcp-reset). */
const REJECT_WITH: [string, string, number][] = [
  ['icmp6-no-route', 'no-route', 0],
  ['icmp6-adm-prohibited', 'adm-prohibited', 1],
  ['icmp6-addr-unreachable', 'addr-unreach', 3],
  ['icmp6-port-unreachable', 'port-unreach', 4],
  ['tcp-reset', 'tcp-reset', -1],
  ['icmp6-policy-fail', 'policy-fail', 5],
  ['icmp6-reject-route', 'reject-route', 6],
];

registerTarget(xtExt<Reject6Info>({
  name: 'REJECT',
  family: NFPROTO_IPV6,
  options: [{ name: 'reject-with' }],
  init: () => ({ with: 'icmp6-port-unreachable', code: 4 }),
  parse(_opt, arg, _inv, info, ctx) {
    const a = arg.toLowerCase();
    const r = REJECT_WITH.find((x) => x[0].startsWith(a) || x[1].startsWith(a));
    if (!r) throw ctx.perr(`unknown reject type "${arg}"`);
    info.with = r[0];
    info.code = r[2];
  },
  print: (info) => ` reject-with ${info.with}`,
  save: (info) => ` --reject-with ${info.with}`,
  check(info, { table, entry, family }) {
    const r = xtCheck.table(family, 'REJECT target', 'filter', table);
    if (r) return r;
    if (info.code < 0 && (entry.proto !== IPPROTO_TCP || entry.invProto)) return { errno: 'Invalid argument', log: 'ip6t_REJECT: TCP_RESET illegal for non-tcp' };
    return undefined;
  },
}));
