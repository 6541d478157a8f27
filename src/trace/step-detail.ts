// A trace step's own facts in words, beyond which packet and where: the hook, table, rule and
// verdict, the conntrack state, the NAT binding or rewrite, the drop reason, or else its other
// fields as key=value. `netsim trace` prints it after the packet; netsim ui's walk shows it
// beside each step, so this module imports nothing.

/** What a step is made of (a TraceRecord, or the page's copy of one). */
export interface StepFields {
  fn: string;
  reason?: string;
  [detail: string]: string | number | boolean | undefined;
}

/** The fields every step has, shown apart from its detail. */
const FIXED = new Set(['t', 'id', 'ns', 'dev', 'fn', 'pkt', 'reason']);

export function stepDetail(r: StepFields): string {
  switch (r.fn) {
    case 'ipt_do_table': case 'ip6t_do_table':
      return `${r.table} ${r.hook}: ${r.rule ?? `policy of ${r.chain}`} => ${r.verdict}`;
    case 'kfree_skb':
      return String(r.reason ?? '');
    case 'nf_conntrack_in':
      return [r.state, r.ct, r.why].filter((x) => x !== undefined).join(' ');
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
