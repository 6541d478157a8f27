// libipt_REJECT.c: --reject-with by name or alias (reject_table[], matched by case-insensitive
// prefix).
import type { RejectInfo } from '../../../kernel/netfilter/ipt_REJECT.js';
import { IPPROTO_TCP } from '../../../kernel/netfilter/x_tables.js';
import { registerTarget } from './index.js';
import { xtCheck } from './hooks.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';

/** Canonical name, alias, ICMP code (-1: tcp-reset). */
const REJECT_WITH: [string, string, number][] = [
  ['icmp-net-unreachable', 'net-unreach', 0],
  ['icmp-host-unreachable', 'host-unreach', 1],
  ['icmp-proto-unreachable', 'proto-unreach', 2],
  ['icmp-port-unreachable', 'port-unreach', 3],
  ['icmp-net-prohibited', 'net-prohib', 9],
  ['icmp-host-prohibited', 'host-prohib', 10],
  ['tcp-reset', 'tcp-rst', -1],
  ['icmp-admin-prohibited', 'admin-prohib', 13],
];

registerTarget<RejectInfo>({
  name: 'REJECT',
  family: NFPROTO_IPV4,
  opts: { 'reject-with': true },
  init: () => ({ with: 'icmp-port-unreachable', code: 3 }),
  parse(_opt, arg, _inv, info, ctx) {
    // The first entry whose name or alias starts with the argument, in any case.
    const a = arg.toLowerCase();
    const r = REJECT_WITH.find((x) => x[0].startsWith(a) || x[1].startsWith(a));
    if (!r) throw ctx.perr(`unknown reject type "${arg}"`);
    info.with = r[0];
    info.code = r[2];
  },
  print: (info) => ` reject-with ${info.with}`,
  save: (info) => ` --reject-with ${info.with}`,
  // The filter table only (xt_check_target()); reject_tg_check(): a TCP reset only for rules
  // that match TCP.
  check: (info, { entry, table, family }) => xtCheck.table(family, 'REJECT target', 'filter', table) ??
    (info.code < 0 && (entry.proto !== IPPROTO_TCP || entry.invProto)
      ? { errno: 'Invalid argument', log: 'ipt_REJECT: TCP_RESET invalid for non-tcp' } : undefined),
});
