// One trace step in words: what its function decided (hook, table, rule and verdict, the NAT
// binding or rewrite, the drop reason), or its remaining fields as key=value.
import type { TraceStep } from '../../src/cli/ui/protocol.js';

const FIXED = new Set(['t', 'id', 'ns', 'dev', 'fn', 'pkt', 'reason']);

export function stepText(r: TraceStep): string {
  switch (r.fn) {
    case 'ipt_do_table':
    case 'ip6t_do_table':
      return `${r.table} ${r.hook}: ${r.rule ?? `policy of ${r.chain}`} => ${r.verdict}`;
    case 'kfree_skb':
      return `dropped: ${r.reason ?? ''}`;
    case 'nf_nat_setup_info':
      return `${r.manip === 'SRC' ? 'SNAT' : 'DNAT'} binding: ${r.ct}`;
    case 'nf_nat_manip_pkt':
      return `${r.manip === 'SRC' ? 'source' : 'destination'} rewritten`;
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(r)) if (!FIXED.has(k) && v !== undefined) parts.push(`${k}=${v}`);
  if (r.reason) parts.push(r.reason);
  return parts.join(' ');
}
