// The packet walk: one packet's steps, one at a time (next, previous, play), shown three ways —
// the step itself (where, which function, the rule that matched, the NAT rewrite, the drop and
// why), the box of Linux's packet-flow diagram it is at with the boxes visited before in that
// namespace, and (through onStep) its place in the topology. The packets it provoked are
// offered as the next ones to walk.
import type { TraceStep } from '../../src/cli/ui/protocol.js';
import { dropWhy, flowBoxes } from '../../src/cli/ui/flow.js';
import { natRewrite, packetTitle, type WalkPacket } from '../../src/cli/ui/walk.js';
import { FlowDiagram } from './diagram.js';
import { h } from './dom.js';
import { stepText } from './steps.js';

export interface WalkPosition {
  packet: WalkPacket;
  index: number;
  /** Every step up to this one (for drawing the path so far). */
  path: TraceStep[];
}

const PLAY_MS = 700;

export class WalkPane {
  private packet: WalkPacket | undefined;
  private boxes: (string | undefined)[] = [];
  private index = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private head: HTMLElement;
  private controls: HTMLElement;
  private card: HTMLElement;
  private follow: HTMLElement;
  private steps: HTMLElement;
  private diagram: FlowDiagram;
  private playBtn: HTMLButtonElement;
  private counter: HTMLElement;

  constructor(
    el: HTMLElement,
    private lookup: (id: number) => WalkPacket | undefined,
    private onStep: (p: WalkPosition | undefined) => void,
  ) {
    const btn = (label: string, title: string, fn: () => void, cls: string) => {
      const b = h('button', { type: 'button', title, class: cls }, label);
      b.addEventListener('click', fn);
      return b;
    };
    this.playBtn = btn('▶ play', 'play the walk', () => this.toggle(), 'walk-play');
    this.counter = h('span', { class: 'walk-count' });
    this.head = h('div', { class: 'walk-head' });
    this.controls = h('div', { class: 'walk-controls' },
      btn('|◀', 'first step', () => this.go(0), 'walk-first'),
      btn('◀ prev', 'previous step', () => this.go(this.index - 1), 'walk-prev'),
      btn('next ▶', 'next step', () => this.go(this.index + 1), 'walk-next'),
      btn('▶|', 'last step', () => this.go(this.boxes.length - 1), 'walk-last'),
      this.playBtn, this.counter);
    this.card = h('div', { class: 'walk-card' });
    const fig = h('div', { class: 'walk-diagram' });
    this.follow = h('div', { class: 'walk-follow' });
    this.steps = h('div', { class: 'walk-steps' });
    el.append(this.head, this.controls, this.card, fig, this.follow, this.steps);
    this.diagram = new FlowDiagram(fig);
    el.classList.add('empty');
    this.root = el;
  }

  private root: HTMLElement;

  get current(): WalkPosition | undefined {
    return this.packet ? { packet: this.packet, index: this.index, path: this.packet.steps.slice(0, this.index + 1) } : undefined;
  }

  /** The box of the current step (for tests and the topology). */
  get box(): string | undefined {
    return this.boxes[this.index];
  }

  /** Stops walking (the world was reset): nothing lit, nothing marked. */
  close(): void {
    this.stop();
    this.packet = undefined;
    this.boxes = [];
    this.root.classList.add('empty');
    this.onStep(undefined);
  }

  /** Starts walking packet `id` at its first step. */
  open(id: number): void {
    this.stop();
    this.packet = this.lookup(id);
    this.root.classList.toggle('empty', !this.packet);
    this.index = 0;
    this.refresh();
  }

  /** The packet's steps may have grown (more records arrived): keep the place. */
  refresh(): void {
    if (!this.packet) return;
    this.boxes = flowBoxes(this.packet.steps);
    this.head.replaceChildren(h('h3', {}, `Packet #${this.packet.id}`), h('div', { class: 'pkt' }, packetTitle(this.packet)));
    this.renderSteps();
    this.go(this.index, false);
  }

  /** Moves to step `i`; `scroll`: bring its row of the table into view (not when only new
   *  records arrived, which would move the page under the reader). */
  go(i: number, scroll = true): void {
    if (!this.packet) return;
    this.index = Math.max(0, Math.min(i, this.packet.steps.length - 1));
    const s = this.packet.steps[this.index]!;
    this.counter.textContent = `step ${this.index + 1} of ${this.packet.steps.length}`;
    // The path so far in this namespace: from the last step in another namespace on.
    let from = this.index;
    while (from > 0 && this.packet.steps[from - 1]!.ns === s.ns) from--;
    const visited = this.boxes.slice(from, this.index).filter((b): b is string => b !== undefined);
    const dropped = s.fn === 'kfree_skb';
    const where = `in ${s.ns}${s.dev ? ` · ${s.dev}` : ''}`;
    this.diagram.show(visited, this.boxes[this.index], dropped, `namespace ${s.ns}${s.dev ? `, device ${s.dev}` : ''}: ${s.fn}`);
    this.renderCard(s, where);
    this.renderFollow();
    for (const [j, tr] of [...this.steps.querySelectorAll('tbody tr')].entries()) tr.classList.toggle('current', j === this.index);
    if (scroll) this.steps.querySelector('tr.current')?.scrollIntoView({ block: 'nearest' });
    this.onStep(this.current);
  }

  private renderCard(s: TraceStep, where: string): void {
    const rows: (HTMLElement | undefined)[] = [
      h('div', { class: 'walk-where' }, h('b', {}, s.fn), ` ${where}`, this.boxes[this.index] ? h('span', { class: 'walk-box' }, ` → ${this.boxes[this.index]}`) : undefined),
    ];
    if (s.pkt) rows.push(h('div', { class: 'pkt' }, s.pkt));
    if (s.fn === 'ipt_do_table' || s.fn === 'ip6t_do_table') {
      rows.push(h('div', { class: 'walk-rule' }, `${s.fn === 'ip6t_do_table' ? 'ip6tables' : 'iptables'} -t ${s.table} (${s.hook}): `,
        h('code', {}, String(s.rule ?? `policy of chain ${s.chain}`)), h('span', { class: `verdict v-${String(s.verdict)}` }, ` ⇒ ${s.verdict}${s.to ? ` ${s.to}` : ''}`)));
    }
    const nat = this.packet && natRewrite(this.packet, this.index);
    if (nat) {
      rows.push(h('div', { class: 'walk-nat' }, h('span', {}, `${s.manip === 'SRC' ? 'SNAT' : 'DNAT'}: `),
        h('code', { class: 'before' }, nat.before), ' → ', h('code', { class: 'after' }, nat.after)));
    }
    if (s.fn === 'kfree_skb') {
      const why = dropWhy(s.reason);
      // The rule that said DROP (or the policy), from the netfilter step that decided it.
      const by = s.reason === 'SKB_DROP_REASON_NETFILTER_DROP' ? this.packet?.steps.slice(0, this.index).reverse()
        .find((x) => (x.fn === 'ipt_do_table' || x.fn === 'ip6t_do_table') && x.verdict === 'DROP') : undefined;
      rows.push(h('div', { class: 'walk-drop' }, `dropped: ${s.reason ?? 'no reason given'}`, why ? h('div', { class: 'why' }, why) : undefined,
        by ? h('div', { class: 'walk-rule' }, `by ${by.table} ${by.hook}: `, h('code', {}, String(by.rule ?? `policy of chain ${by.chain}`))) : undefined));
    } else {
      const text = stepText(s);
      if (text && !(s.fn === 'ipt_do_table' || s.fn === 'ip6t_do_table')) rows.push(h('div', { class: 'walk-detail' }, text));
    }
    this.card.classList.toggle('dropped', s.fn === 'kfree_skb');
    this.card.replaceChildren(...rows.filter((r): r is HTMLElement => r !== undefined));
  }

  private renderFollow(): void {
    const p = this.packet;
    if (!p) return;
    const links: HTMLElement[] = [];
    const link = (id: number, what: string) => {
      const q = this.lookup(id);
      const b = h('button', { type: 'button', class: 'walk-to', 'data-id': String(id) }, `${what} #${id}${q ? ` ${packetTitle(q)}` : ''}`);
      b.addEventListener('click', () => this.open(id));
      links.push(b);
    };
    if (p.prev !== undefined) link(p.prev, '↑ provoked by');
    for (const id of p.next) link(id, '→ then');
    this.follow.replaceChildren(...(links.length ? [h('div', { class: 'walk-follow-title' }, 'Packets it provoked, and the one that provoked it:'), ...links] : []));
  }

  private renderSteps(): void {
    const p = this.packet!;
    let lastPkt = '';
    const rows = p.steps.map((s, i) => {
      const pkt = s.pkt && s.pkt !== lastPkt ? s.pkt : '';
      if (s.pkt) lastPkt = s.pkt;
      const tr = h('tr', { class: s.fn === 'kfree_skb' ? 'drop' : '' },
        h('td', {}, String(i + 1)), h('td', {}, s.ns), h('td', {}, s.dev ?? ''), h('td', { class: 'fn' }, s.fn),
        h('td', {}, pkt ? h('div', { class: 'pkt' }, pkt) : undefined, stepText(s)));
      tr.addEventListener('click', () => {
        this.stop();
        this.go(i);
      });
      return tr;
    });
    this.steps.replaceChildren(h('table', { class: 'steps' },
      h('thead', {}, h('tr', {}, ...['', 'namespace', 'device', 'function', 'what happened'].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...rows)));
  }

  toggle(): void {
    if (this.timer) return this.stop();
    if (!this.packet) return;
    if (this.index >= this.packet.steps.length - 1) this.go(0);
    this.playBtn.textContent = '⏸ pause';
    this.timer = setInterval(() => {
      if (!this.packet || this.index >= this.packet.steps.length - 1) return this.stop();
      this.go(this.index + 1);
    }, PLAY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.playBtn.textContent = '▶ play';
  }
}
