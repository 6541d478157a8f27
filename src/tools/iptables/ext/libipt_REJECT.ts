// libipt_REJECT.c (and libip6t_REJECT.c, built by the same function): --reject-with by name or
// alias (reject_table[], matched by case-insensitive prefix, first entry first), given once.
import type { RejectInfo } from '../../../kernel/netfilter/ipt_REJECT.js';
import { IPPROTO_TCP } from '../../../kernel/netfilter/x_tables.js';
import { registerTarget } from './index.js';
import { xtCheck } from './hooks.js';
import { xtExt } from './xtopt.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';

/** Canonical name, alias, ICMP (ICMPv6) code; -1: tcp-reset. */
export type RejectTable = [string, string, number][];

/** Registers a family's REJECT: its reject table, the default (an entry's name), and the line
 *  its checkentry logs for a TCP reset on a rule that does not match TCP. The target belongs
 *  to the filter table (xt_check_target()). */
export function registerReject(family: number, table: RejectTable, dflt: string, tcpResetLog: string): void {
  const d = table.find((x) => x[0] === dflt)!;
  registerTarget(xtExt<RejectInfo>({
    name: 'REJECT',
    family,
    options: [{ name: 'reject-with' }],
    init: () => ({ with: d[0], code: d[2] }),
    parse(_opt, arg, _inv, info, ctx) {
      const a = arg.toLowerCase();
      const r = table.find((x) => x[0].startsWith(a) || x[1].startsWith(a));
      if (!r) throw ctx.perr(`unknown reject type "${arg}"`);
      info.with = r[0];
      info.code = r[2];
    },
    print: (info) => ` reject-with ${info.with}`,
    save: (info) => ` --reject-with ${info.with}`,
    check: (info, { entry, table: t, family: f }) => xtCheck.table(f, 'REJECT target', 'filter', t) ??
      (info.code < 0 && (entry.proto !== IPPROTO_TCP || entry.invProto)
        ? { errno: 'Invalid argument', log: tcpResetLog } : undefined),
  }));
}

registerReject(NFPROTO_IPV4, [
  ['icmp-net-unreachable', 'net-unreach', 0],
  ['icmp-host-unreachable', 'host-unreach', 1],
  ['icmp-proto-unreachable', 'proto-unreach', 2],
  ['icmp-port-unreachable', 'port-unreach', 3],
  ['icmp-net-prohibited', 'net-prohib', 9],
  ['icmp-host-prohibited', 'host-prohib', 10],
  ['tcp-reset', 'tcp-rst', -1],
  ['icmp-admin-prohibited', 'admin-prohib', 13],
], 'icmp-port-unreachable', 'ipt_REJECT: TCP_RESET invalid for non-tcp');
