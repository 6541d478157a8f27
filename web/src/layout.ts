// A deterministic layout: namespaces in a grid of boxes, in the order the world lists them
// (initial namespace first), and each namespace's devices in a small grid inside its box —
// loopback, then bridges, then the rest by ifindex. The same world always gets the same
// picture, and a new device moves only the boxes after it; it stays quick at hundreds of
// namespaces, where force-directed layouts of compound graphs do not.
import type { Core, NodeSingular } from 'cytoscape';

const GAP = 24;
const NS_GAP = 50;
/** Space above a namespace's devices for its label. */
const NS_HEAD = 24;

function rank(n: NodeSingular): number {
  const kind = n.data('kind') as string;
  return kind === 'loopback' ? 0 : kind === 'bridge' ? 1 : 2;
}

function ifindexOf(n: NodeSingular): number {
  return Number(String(n.id()).split('/').pop());
}

export function gridLayout(cy: Core): void {
  const boxes = cy.nodes('[type="ns"]').map((ns) => {
    const devs = ns.children().sort((a, b) => rank(a) - rank(b) || ifindexOf(a) - ifindexOf(b));
    const cols = Math.max(1, Math.min(3, Math.ceil(Math.sqrt(devs.length))));
    const rows = Math.max(1, Math.ceil(devs.length / cols));
    const cellW = Math.max(60, ...devs.map((d) => Number(d.data('w')))) + GAP;
    const cellH = Math.max(24, ...devs.map((d) => Number(d.data('h')))) + GAP;
    return { ns, devs, cols, cellW, cellH, w: cols * cellW, h: rows * cellH + NS_HEAD };
  });
  const gcols = Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
  const colW: number[] = [];
  const rowH: number[] = [];
  boxes.forEach((b, i) => {
    const c = i % gcols, r = Math.floor(i / gcols);
    colW[c] = Math.max(colW[c] ?? 0, b.w);
    rowH[r] = Math.max(rowH[r] ?? 0, b.h);
  });
  const colX = colW.map((_, c) => colW.slice(0, c).reduce((s, w) => s + w + NS_GAP, 0));
  const rowY = rowH.map((_, r) => rowH.slice(0, r).reduce((s, h) => s + h + NS_GAP, 0));
  cy.batch(() => {
    boxes.forEach((b, i) => {
      const x0 = colX[i % gcols]!, y0 = rowY[Math.floor(i / gcols)]! + NS_HEAD;
      if (!b.devs.length) {
        b.ns.position({ x: x0 + b.w / 2, y: y0 });
        return;
      }
      b.devs.forEach((d, j) => {
        d.position({ x: x0 + (j % b.cols) * b.cellW + b.cellW / 2, y: y0 + Math.floor(j / b.cols) * b.cellH + b.cellH / 2 });
      });
    });
  });
  cy.fit(undefined, 20);
}
