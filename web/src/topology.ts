// The topology view: namespaces as compound boxes (layout.ts), their devices inside, veth pairs as wires
// between their ends and bridge ports wired to their bridge. Updated in place from each world
// snapshot; the layout runs again only when elements come or go.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition } from 'cytoscape';
import type { DeviceView, WorldView } from '../../src/cli/ui/protocol.js';
import { gridLayout } from './layout.js';

export type Selection =
  | { kind: 'ns'; ns: string }
  | { kind: 'dev'; ns: string; ifindex: number }
  /** A wire: a veth pair's two ends, or a bridge port and its bridge. */
  | { kind: 'link'; link: 'veth' | 'port'; ends: [DeviceRef, DeviceRef] };

export interface DeviceRef {
  ns: string;
  ifindex: number;
}

export const nsId = (ns: string): string => `ns/${ns}`;
export const devId = (ns: string, ifindex: number): string => `dev/${ns}/${ifindex}`;

/** What a device's label shows: its name and its addresses other than link-local ones. */
function label(d: DeviceView): string {
  const addrs = d.addrs.filter((a) => !a.startsWith('fe80:'));
  return [d.name, ...addrs].join('\n');
}

/** The elements of a world, by id. */
export function elements(world: WorldView): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const known = new Set(world.namespaces.map((n) => n.name));
  for (const ns of world.namespaces) {
    out.push({ group: 'nodes', data: { id: nsId(ns.name), label: ns.name, type: 'ns' } });
    const byName = new Map(ns.devices.map((d) => [d.name, d]));
    for (const d of ns.devices) {
      const text = label(d);
      const lines = text.split('\n');
      out.push({
        group: 'nodes',
        data: {
          id: devId(ns.name, d.ifindex), parent: nsId(ns.name), label: text, type: 'dev', kind: d.kind, state: d.state,
          // The box fits the label: 10px monospace is about 6px a character and 12px a line.
          w: Math.max(...lines.map((l) => l.length)) * 6.2 + 12, h: lines.length * 12 + 10,
        },
      });
      const master = d.master !== undefined ? byName.get(d.master) : undefined;
      if (master) {
        out.push({ group: 'edges', data: { id: `port/${ns.name}/${d.ifindex}`, source: devId(ns.name, d.ifindex), target: devId(ns.name, master.ifindex), type: 'port' } });
      }
      if (d.peer && known.has(d.peer.netns)) {
        const a = devId(ns.name, d.ifindex), b = devId(d.peer.netns, d.peer.ifindex);
        // One wire per pair: drawn from the end whose id sorts first.
        if (a < b) out.push({ group: 'edges', data: { id: `veth/${a}/${b}`, source: a, target: b, type: 'veth' } });
      }
    }
  }
  // Edges after every node: an edge's ends must exist when it is added.
  return [...out.filter((e) => e.group === 'nodes'), ...out.filter((e) => e.group === 'edges')];
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node[type="ns"]',
    style: {
      shape: 'round-rectangle', 'background-color': '#f4f6fb', 'border-color': '#8a94b0', 'border-width': 1,
      label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 13, 'font-weight': 'bold',
      color: '#334', padding: '14px',
    },
  },
  {
    selector: 'node[type="dev"]',
    style: {
      shape: 'round-rectangle', width: 'data(w)', height: 'data(h)', 'background-color': '#dbe8ff',
      'border-color': '#4a6fb5', 'border-width': 1, label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center',
      'text-halign': 'center', 'font-size': 10, 'font-family': 'monospace', color: '#123',
      // Over the wires, which are over the namespace boxes.
      'z-compound-depth': 'top',
    },
  },
  { selector: 'node[kind="bridge"]', style: { 'background-color': '#ffe9c7', 'border-color': '#c98a1b' } },
  { selector: 'node[kind="loopback"]', style: { 'background-color': '#eeeeee', 'border-color': '#999999' } },
  { selector: 'node[kind="veth"]', style: { 'background-color': '#dff5e1', 'border-color': '#3c9a4a' } },
  { selector: 'node[state="DOWN"], node[state="LOWERLAYERDOWN"]', style: { 'border-style': 'dashed', color: '#888' } },
  // Wires above the namespace boxes they cross (so that they can be seen and clicked), under
  // the devices.
  { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'line-color': '#3c9a4a', 'z-compound-depth': 'top' } },
  { selector: 'edge[type="port"]', style: { 'line-color': '#c98a1b', 'line-style': 'dashed' } },
  { selector: ':selected', style: { 'border-width': 3, 'border-color': '#d03030' } },
  { selector: 'node.walked', style: { 'background-color': '#fff1c9', 'border-color': '#d08a00', 'border-width': 2 } },
  { selector: 'edge.walked', style: { 'line-color': '#d08a00', width: 4 } },
  { selector: 'node.walk', style: { 'background-color': '#ffd2d2', 'border-color': '#d03030', 'border-width': 3 } },
];

export class Topology {
  readonly cy: Core;
  private onSelect: (s: Selection | undefined) => void = () => {};

  constructor(container: HTMLElement) {
    this.cy = cytoscape({ container, style: STYLE, boxSelectionEnabled: false });
    this.cy.on('tap', 'node', (e) => {
      const id = e.target.id() as string;
      this.onSelect(parseId(id));
    });
    this.cy.on('tap', 'edge', (e) => {
      const a = parseId(e.target.source().id() as string), b = parseId(e.target.target().id() as string);
      if (a?.kind === 'dev' && b?.kind === 'dev') this.onSelect({ kind: 'link', link: e.target.data('type'), ends: [a, b] });
    });
    this.cy.on('tap', (e) => {
      if (e.target === this.cy) this.onSelect(undefined);
    });
  }

  selected(fn: (s: Selection | undefined) => void): void {
    this.onSelect = fn;
  }

  /** Brings the graph to `world`: adds, removes and relabels elements in place. */
  update(world: WorldView): void {
    const want = elements(world);
    const ids = new Set(want.map((e) => e.data.id!));
    let changed = false;
    this.cy.batch(() => {
      this.cy.elements().forEach((el) => {
        if (!ids.has(el.id())) {
          el.remove();
          changed = true;
        }
      });
      for (const e of want) {
        const have = this.cy.getElementById(e.data.id!);
        if (have.empty()) {
          this.cy.add(e);
          changed = true;
        } else if (have.isNode() && have.data('parent') !== e.data.parent) {
          // A device moved to another namespace: a node cannot change parent in place.
          have.move({ parent: e.data.parent ?? null });
          have.data(e.data);
          changed = true;
        } else if (!sameData(have.data() as Record<string, unknown>, e.data)) {
          // Only what changed: every data() call restyles the element.
          have.data(e.data);
        }
      }
    });
    if (changed) this.layout();
  }

  layout(): void {
    gridLayout(this.cy);
  }

  /** Marks where a packet walk is (its last step: the device, else the namespace) and the
   *  devices and namespaces it crossed before, with the wires between them. */
  walk(path: readonly { ns: string; dev?: string }[], world: WorldView | undefined): void {
    this.cy.elements('.walk, .walked').removeClass('walk walked');
    const idOf = (ns: string, dev: string | undefined): string => {
      const n = world?.namespaces.find((x) => x.name === ns);
      const d = dev !== undefined ? n?.devices.find((x) => x.name === dev) : undefined;
      return d ? devId(ns, d.ifindex) : nsId(ns);
    };
    const ids = path.map((s) => idOf(s.ns, s.dev));
    const cur = ids.at(-1);
    if (cur === undefined) return;
    this.cy.batch(() => {
      for (const id of new Set(ids)) this.cy.getElementById(id).addClass('walked');
      this.cy.getElementById(cur).removeClass('walked').addClass('walk');
      this.cy.edges().forEach((e) => {
        const a = e.source(), b = e.target();
        if ((a.hasClass('walked') || a.hasClass('walk')) && (b.hasClass('walked') || b.hasClass('walk'))) e.addClass('walked');
      });
    });
  }
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) return false;
  return true;
}

function parseId(id: string): Selection | undefined {
  const [k, ...rest] = id.split('/');
  if (k === 'ns') return { kind: 'ns', ns: rest.join('/') };
  if (k === 'dev') {
    const ifindex = Number(rest.pop());
    return { kind: 'dev', ns: rest.join('/'), ifindex };
  }
  return undefined;
}
