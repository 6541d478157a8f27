// The packet walk: every traced packet (by trace id) in a list, and for the one picked, its
// steps in order — namespace, device, kernel function and what it decided (hook, table, rule,
// verdict, NAT rewrite, drop reason). Picking a step marks its place in the topology.
import type { TraceStep } from '../../src/cli/ui/protocol.js';
import { h } from './dom.js';

/** Packets kept in the list (the oldest go first). */
const MAX_PACKETS = 1000;

const FIXED = new Set(['t', 'id', 'ns', 'dev', 'fn', 'pkt', 'reason']);

/** What a step decided, in words. */
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

interface Packet {
  id: number;
  steps: TraceStep[];
}

export class PacketsPane {
  private packets = new Map<number, Packet>();
  private picked: number | undefined;
  private list: HTMLElement;
  private walk: HTMLElement;
  private dirty = false;

  constructor(el: HTMLElement, private onStep: (r: TraceStep | undefined) => void) {
    this.list = h('div', { class: 'packet-list' });
    this.walk = h('div', { class: 'packet-walk' });
    el.append(h('h3', {}, 'Traced packets'), this.list, this.walk);
  }

  add(records: TraceStep[]): void {
    for (const r of records) {
      if (r.id === undefined) continue;
      let p = this.packets.get(r.id);
      if (!p) {
        p = { id: r.id, steps: [] };
        this.packets.set(r.id, p);
        if (this.packets.size > MAX_PACKETS) this.packets.delete(this.packets.keys().next().value!);
      }
      p.steps.push(r);
    }
    // Batches come fast while traffic flows: draw once per frame.
    if (!this.dirty) {
      this.dirty = true;
      requestAnimationFrame(() => {
        this.dirty = false;
        this.render();
      });
    }
  }

  /** All packets, oldest first (for tests and the list). */
  all(): Packet[] {
    return [...this.packets.values()];
  }

  pick(id: number | undefined): void {
    this.picked = id;
    this.render();
  }

  private render(): void {
    const rows = [...this.packets.values()].reverse().map((p) => {
      // A socket's skb is traced before its IP header is written (all zeros): name the packet
      // by the first step that shows its addresses.
      const first = p.steps.find((s) => s.pkt && !s.pkt.startsWith('0.0.0.0 > 0.0.0.0'))?.pkt ?? p.steps.find((s) => s.pkt)?.pkt ?? '';
      const drop = p.steps.find((s) => s.fn === 'kfree_skb');
      const row = h('div', { class: `packet${p.id === this.picked ? ' picked' : ''}${drop ? ' dropped' : ''}`, 'data-id': String(p.id) },
        h('span', { class: 'pid' }, `#${p.id}`), ' ', h('span', { class: 'ptext' }, first),
        h('span', { class: 'pcount' }, ` ${p.steps.length} steps${drop ? ' · dropped' : ''}`));
      row.addEventListener('click', () => this.pick(p.id));
      return row;
    });
    this.list.replaceChildren(...(rows.length ? rows : [h('p', { class: 'hint' }, 'No packet traced yet: try ping in the terminal.')]));
    this.renderWalk();
  }

  private renderWalk(): void {
    const p = this.picked !== undefined ? this.packets.get(this.picked) : undefined;
    if (!p) {
      this.walk.replaceChildren();
      return;
    }
    let lastPkt = '';
    const rows = p.steps.map((s, i) => {
      const pkt = s.pkt && s.pkt !== lastPkt ? s.pkt : '';
      if (s.pkt) lastPkt = s.pkt;
      const tr = h('tr', { class: s.fn === 'kfree_skb' ? 'drop' : '' },
        h('td', {}, String(i + 1)), h('td', {}, s.ns), h('td', {}, s.dev ?? ''), h('td', { class: 'fn' }, s.fn),
        h('td', {}, pkt ? h('div', { class: 'pkt' }, pkt) : undefined, stepText(s)));
      tr.addEventListener('click', () => {
        this.walk.querySelectorAll('tr.current').forEach((x) => x.classList.remove('current'));
        tr.classList.add('current');
        this.onStep(s);
      });
      return tr;
    });
    this.walk.replaceChildren(
      h('h3', {}, `Packet #${p.id}`),
      h('table', { class: 'steps' },
        h('thead', {}, h('tr', {}, ...['', 'namespace', 'device', 'function', 'what happened'].map((x) => h('th', {}, x)))),
        h('tbody', {}, ...rows)));
  }
}
