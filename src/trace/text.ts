// The text rendering of a trace: one line per step, like pwru's, with the packet shown when it
// first appears and again whenever a step changed it (a NAT rewrite, a new header).
import type { TraceRecord } from './record.js';

const FIXED = new Set(['t', 'id', 'ns', 'dev', 'fn', 'pkt', 'reason']);

/** The step's own facts, beyond which packet and where. */
function detail(r: TraceRecord): string {
  switch (r.fn) {
    case 'ipt_do_table': case 'ip6t_do_table': {
      const where = `${r.table} ${r.hook}`;
      const by = r.rule ?? `policy of ${r.chain}`;
      return `${where}: ${by} => ${r.verdict}`;
    }
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

/** Renders records as text lines; `last` carries which packet text each id showed last, so a
 *  trace printed in pieces (after each command) still shows changes only. */
export function renderText(records: readonly TraceRecord[], last = new Map<number, string>()): string {
  const rows = records.map((r) => {
    let pkt = '';
    if (r.pkt !== undefined && r.id !== undefined && last.get(r.id) !== r.pkt) {
      last.set(r.id, r.pkt);
      pkt = r.pkt;
    }
    return { id: r.id === undefined ? '' : `#${r.id}`, ns: r.ns, dev: r.dev ?? '', fn: r.fn, pkt, detail: detail(r) };
  });
  const w = (k: 'id' | 'ns' | 'dev' | 'fn') => Math.max(0, ...rows.map((x) => x[k].length));
  const wi = w('id'), wn = w('ns'), wd = w('dev'), wf = w('fn');
  let out = '';
  for (const x of rows) {
    const head = `${x.id.padEnd(wi)}  ${x.ns.padEnd(wn)}  ${x.dev.padEnd(wd)}  ${x.fn.padEnd(wf)}`;
    const tail = [x.pkt, x.detail].filter((s) => s).join('  ');
    out += `${head}  ${tail}`.trimEnd() + '\n';
  }
  return out;
}

/** JSON lines: one record per line. */
export function renderJson(records: readonly TraceRecord[]): string {
  let out = '';
  for (const r of records) out += JSON.stringify(r) + '\n';
  return out;
}
