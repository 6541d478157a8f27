// The text rendering of a trace: one line per step, like pwru's, with the packet shown when it
// first appears and again whenever a step changed it (a NAT rewrite, a new header).
import type { TraceRecord } from './record.js';
import { stepDetail } from './step-detail.js';

/** Renders records as text lines; `last` carries which packet text each id showed last, so a
 *  trace printed in pieces (after each command) still shows changes only. */
export function renderText(records: readonly TraceRecord[], last = new Map<number, string>()): string {
  const rows = records.map((r) => {
    let pkt = '';
    if (r.pkt !== undefined && r.id !== undefined && last.get(r.id) !== r.pkt) {
      last.set(r.id, r.pkt);
      pkt = r.pkt;
    }
    return { id: r.id === undefined ? '' : `#${r.id}`, ns: r.ns, dev: r.dev ?? '', fn: r.fn, pkt, detail: stepDetail(r) };
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
