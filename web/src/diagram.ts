// The picture every Linux networking text draws, as SVG: a frame comes in (device rx, the
// bridge), crosses PREROUTING, the routing decision sends it up through INPUT to a local socket
// or across FORWARD; what a local process sends crosses OUTPUT; everything leaving crosses
// POSTROUTING, neighbour resolution and device tx. Each box carries data-box (its id in
// src/cli/ui/flow.ts); a walk lights the boxes its packet visited and the one it is at.
import { FLOW_GROUPS, type FlowGroup } from '../../src/cli/ui/flow.js';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Where each group sits: three columns (ingress, the middle hooks, the local side and egress). */
const PLACE: Record<string, { x: number; y: number; w: number; cols?: number }> = {
  rx: { x: 10, y: 10, w: 190 },
  bridge: { x: 10, y: 72, w: 190 },
  pre: { x: 10, y: 134, w: 190, cols: 2 },
  route: { x: 10, y: 232, w: 190 },
  in: { x: 250, y: 72, w: 190, cols: 2 },
  fwd: { x: 250, y: 232, w: 190, cols: 2 },
  local: { x: 490, y: 10, w: 210 },
  'out.route': { x: 490, y: 72, w: 210 },
  out: { x: 490, y: 134, w: 210, cols: 3 },
  post: { x: 490, y: 232, w: 210, cols: 3 },
  neigh: { x: 490, y: 330, w: 210 },
  tx: { x: 490, y: 392, w: 210 },
};

/** The arrows between groups: the paths a packet can take. */
const ARROWS: [string, string, string?][] = [
  ['rx', 'bridge'], ['bridge', 'pre'], ['pre', 'route'], ['route', 'in', 'local'], ['in', 'local'],
  ['route', 'fwd', 'forward'], ['fwd', 'post'], ['local', 'out.route'], ['out.route', 'out'], ['out', 'post'],
  ['post', 'neigh'], ['neigh', 'tx'],
];

const HEAD = 16, ROW = 22, PAD = 4;

export const DIAGRAM_W = 710, DIAGRAM_H = 440;

interface Rect { x: number; y: number; w: number; h: number }

export class FlowDiagram {
  readonly svg: SVGSVGElement;
  private boxes = new Map<string, SVGGElement>();
  private rects = new Map<string, Rect>();
  private caption: SVGTextElement;

  constructor(container: HTMLElement) {
    this.svg = el('svg', { viewBox: `0 0 ${DIAGRAM_W} ${DIAGRAM_H}`, class: 'flow', role: 'img', 'aria-label': 'packet flow through Linux' });
    const defs = el('defs', {});
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
    marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
    defs.append(marker);
    this.svg.append(defs);
    const arrows = el('g', { class: 'arrows' });
    this.svg.append(arrows);
    for (const g of FLOW_GROUPS) this.drawGroup(g);
    for (const [a, b, label] of ARROWS) arrows.append(...this.arrow(this.rects.get(a)!, this.rects.get(b)!, label));
    this.caption = el('text', { x: 10, y: DIAGRAM_H - 8, class: 'caption' }, '');
    this.svg.append(this.caption);
    container.append(this.svg);
  }

  private drawGroup(g: FlowGroup): void {
    const p = PLACE[g.id]!;
    const single = g.boxes.length === 1;
    const cols = single ? 1 : p.cols ?? 2;
    const rows = Math.ceil(g.boxes.length / cols);
    const h = single ? 40 : HEAD + rows * ROW + PAD;
    const group = el('g', { class: single ? 'group single' : 'group', 'data-group': g.id });
    this.rects.set(g.id, { x: p.x, y: p.y, w: p.w, h });
    if (!single) {
      group.append(el('rect', { x: p.x, y: p.y, width: p.w, height: h, rx: 6, class: 'hook' }));
      group.append(el('text', { x: p.x + 6, y: p.y + 12, class: 'hook-label' }, g.label));
    }
    const bw = (p.w - PAD * (cols + 1)) / cols;
    g.boxes.forEach((b, i) => {
      const bx = single ? p.x : p.x + PAD + (i % cols) * (bw + PAD);
      const by = single ? p.y : p.y + HEAD + Math.floor(i / cols) * ROW;
      const w = single ? p.w : bw, bh = single ? 40 : ROW - 3;
      const box = el('g', { class: 'box', 'data-box': b.id });
      box.append(el('rect', { x: bx, y: by, width: w, height: bh, rx: 4 }));
      if (single) {
        box.append(el('text', { x: bx + w / 2, y: by + 16, class: 'box-title' }, g.label));
        box.append(el('text', { x: bx + w / 2, y: by + 31, class: 'box-sub' }, b.label));
      } else {
        box.append(el('text', { x: bx + w / 2, y: by + bh / 2 + 4, class: 'box-sub' }, b.label));
      }
      const title = el('title', {}, `${g.label}: ${b.label}`);
      box.append(title);
      this.boxes.set(b.id, box);
      group.append(box);
    });
    this.svg.append(group);
  }

  /** A straight arrow from the edge of one rectangle to the edge of the other. */
  private arrow(a: Rect, b: Rect, label?: string): SVGElement[] {
    const ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
    const clip = (r: Rect, cx: number, cy: number, dx: number, dy: number): [number, number] => {
      const tx = dx ? (r.w / 2) / Math.abs(dx) : Infinity, ty = dy ? (r.h / 2) / Math.abs(dy) : Infinity;
      const t = Math.min(tx, ty);
      return [cx + dx * t, cy + dy * t];
    };
    const [x1, y1] = clip(a, ax, ay, bx - ax, by - ay);
    const [x2, y2] = clip(b, bx, by, ax - bx, ay - by);
    const out: SVGElement[] = [el('line', { x1, y1, x2, y2, class: 'arrow', 'marker-end': 'url(#arrow)' })];
    if (label) out.push(el('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, class: 'arrow-label' }, label));
    return out;
  }

  /** Lights `current` (red when the packet was dropped there) and marks `visited`. */
  show(visited: Iterable<string>, current: string | undefined, dropped: boolean, caption: string): void {
    const seen = new Set(visited);
    for (const [id, g] of this.boxes) {
      g.classList.toggle('visited', seen.has(id));
      g.classList.toggle('current', id === current);
      g.classList.toggle('drop', id === current && dropped);
    }
    this.caption.textContent = caption;
  }
}
