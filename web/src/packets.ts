// The Packets tab: every traced packet (by trace id) in a list, newest first, with a filter;
// only the newest rows matching it are drawn, so thousands of packets cost no more than a
// screenful. Picking one opens its walk (walk.ts).
import type { TraceStep } from '../../src/cli/ui/protocol.js';
import { PacketIndex, packetDrop, packetTitle, type WalkPacket } from '../../src/cli/ui/walk.js';
import { WalkPane, type WalkPosition } from './walk.js';
import { h } from './dom.js';

/** Rows drawn at most. */
const SHOWN = 200;

export class PacketsPane {
  readonly index = new PacketIndex({ max: 5000 });
  readonly walk: WalkPane;
  private list: HTMLElement;
  private filter: HTMLInputElement;
  private count: HTMLElement;
  private dirty = false;
  /** Trace records the server left out (too many at once). */
  private dropped = 0;

  constructor(el: HTMLElement, onStep: (p: WalkPosition | undefined) => void) {
    this.filter = h('input', { type: 'search', placeholder: 'filter: address, port, tcp, dropped…', class: 'packet-filter' });
    this.filter.addEventListener('input', () => this.render());
    this.count = h('span', { class: 'packet-count' });
    this.list = h('div', { class: 'packet-list' });
    const walkEl = h('div', { class: 'packet-walk' });
    el.append(h('div', { class: 'packet-bar' }, this.filter, this.count), this.list, walkEl);
    this.walk = new WalkPane(walkEl, (id) => this.index.get(id), (p) => {
      this.markPicked(p?.packet.id);
      onStep(p);
    });
  }

  add(records: TraceStep[], dropped = 0): void {
    this.index.add(records);
    this.dropped += dropped;
    // Batches come fast while traffic flows: draw once per frame.
    if (!this.dirty) {
      this.dirty = true;
      requestAnimationFrame(() => {
        this.dirty = false;
        this.render();
        this.walk.refresh();
      });
    }
  }

  clear(): void {
    this.index.clear();
    this.dropped = 0;
    this.walk.close();
    this.render();
  }

  /** All packets, oldest first (for tests). */
  all(): WalkPacket[] {
    return this.index.all();
  }

  pick(id: number): void {
    this.walk.open(id);
  }

  private matches(p: WalkPacket, words: string[]): boolean {
    if (!words.length) return true;
    const text = `#${p.id} ${packetTitle(p)}${packetDrop(p) ? ' dropped' : ''} ${p.steps.map((s) => s.ns).join(' ')}`.toLowerCase();
    return words.every((w) => text.includes(w));
  }

  private render(): void {
    const words = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const all = this.index.all();
    const rows: HTMLElement[] = [];
    let matched = 0;
    for (let i = all.length - 1; i >= 0; i--) {
      const p = all[i]!;
      if (!this.matches(p, words)) continue;
      matched++;
      if (rows.length >= SHOWN) continue;
      const drop = packetDrop(p);
      const row = h('div', { class: `packet${drop ? ' dropped' : ''}`, 'data-id': String(p.id) },
        h('span', { class: 'pid' }, `#${p.id}`), ' ', h('span', { class: 'ptext' }, packetTitle(p)),
        h('span', { class: 'pcount' }, ` ${p.steps.length} steps${drop ? ' · dropped' : ''}`));
      row.addEventListener('click', () => this.pick(p.id));
      rows.push(row);
    }
    this.count.textContent = `${matched} of ${all.length} packets${matched > SHOWN ? ` (newest ${SHOWN} shown)` : ''}`
      + (this.dropped ? ` · ${this.dropped} trace records left out (too many at once)` : '');
    this.list.replaceChildren(...(rows.length ? rows : [h('p', { class: 'hint' }, all.length ? 'No packet matches.' : 'No packet traced yet: try ping in the terminal.')]));
    this.markPicked(this.walk.current?.packet.id);
  }

  private markPicked(id: number | undefined): void {
    for (const r of this.list.querySelectorAll<HTMLElement>('.packet')) r.classList.toggle('picked', Number(r.dataset.id) === id);
  }
}
