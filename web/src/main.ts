// netsim ui's page: wires the connection to the topology, the side panel (details, the packet
// walk, scenarios) and the terminal.
import './style.css';
import type { NamespaceView, ServerMessage, WorldView } from '../../src/cli/ui/protocol.js';
import { applyDiff } from '../../src/cli/ui/world-diff.js';
import { applyDetailsPatch } from '../../src/cli/ui/details-diff.js';
import { Connection } from './connection.js';
import { Topology, type Selection } from './topology.js';
import { renderDetails } from './details.js';
import { PacketsPane } from './packets.js';
import { ScenariosPane } from './scenarios.js';
import { TerminalPane } from './terminal.js';
import { h } from './dom.js';

const $ = (id: string) => document.getElementById(id)!;

let world: WorldView | undefined;
let now = 0;
let selection: Selection | undefined;
/** The opened namespace's full state, as last sent. */
let full: NamespaceView | undefined;

const topology = new Topology($('topology'));
const details = $('details');
const status = $('status');
const nsSelect = $('netns') as HTMLSelectElement;

function showTab(name: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#side nav button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const t of document.querySelectorAll<HTMLElement>('#side .tab')) t.classList.toggle('active', t.id === name);
  const side = $('side');
  const wide = name !== 'details';
  if (side.classList.contains('wide') !== wide) {
    side.classList.toggle('wide', wide);
    // The graph's canvas keeps its old size until told.
    requestAnimationFrame(() => {
      topology.cy.resize();
      topology.cy.fit(undefined, 20);
    });
  }
}
for (const b of document.querySelectorAll<HTMLButtonElement>('#side nav button')) b.addEventListener('click', () => showTab(b.dataset.tab!));

const packets = new PacketsPane($('packets'), (p) => topology.walk(p?.path ?? [], world));

function redrawDetails(): void {
  renderDetails(details, world, selection, full, now);
}

topology.selected((s) => {
  const before = selection?.kind === 'ns' ? selection.ns : null;
  selection = s;
  const after = s?.kind === 'ns' ? s.ns : null;
  // Only an opened namespace's routes, rules and connections are sent.
  if (after !== before) {
    full = undefined;
    conn.send({ type: 'details', ns: after });
  }
  redrawDetails();
  if (s) showTab('details');
});

/** The namespace selector lists the world's namespaces; the terminal's stays picked. */
function updateNamespaces(w: WorldView): void {
  const names = w.namespaces.map((n) => n.name);
  const have = [...nsSelect.options].map((o) => o.value);
  if (names.join('\n') === have.join('\n')) return;
  const cur = nsSelect.value;
  nsSelect.replaceChildren(...names.map((n) => h('option', { value: n }, n === 'init_net' ? 'init_net (host)' : n)));
  nsSelect.value = names.includes(cur) ? cur : 'init_net';
}

const conn = new Connection(onMessage, (s) => {
  status.textContent = s === 'open' ? 'connected' : 'disconnected';
  status.className = `status ${s}`;
}, () => terminal.start(nsSelect.value || 'init_net'));

const terminal = new TerminalPane($('terminal'), conn);
nsSelect.addEventListener('change', () => terminal.start(nsSelect.value));
const scenarios = new ScenariosPane($('scenarios'), conn);

function setWorld(w: WorldView, t: number): void {
  world = w;
  now = t;
  updateNamespaces(world);
  topology.update(world);
  redrawDetails();
}

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'hello':
      if (m.script) scenarios.suggest(m.script);
      break;
    case 'world':
      setWorld(m.world, m.now);
      break;
    case 'world-diff':
      if (world) setWorld(applyDiff(world, m.diff), m.now);
      break;
    case 'details':
      if (selection?.kind === 'ns' && selection.ns === m.name) {
        full = m.ns ?? undefined;
        now = m.now;
        redrawDetails();
      }
      break;
    case 'details-patch':
      if (full?.name === m.name && selection?.kind === 'ns' && selection.ns === m.name) {
        full = applyDetailsPatch(full, m.patch);
        now = m.now;
        redrawDetails();
      }
      break;
    case 'trace':
      packets.add(m.records, m.dropped);
      break;
    case 'reset':
      // A fresh world: its packets and namespaces are new; the shell restarts in it.
      packets.clear();
      full = undefined;
      selection = undefined;
      nsSelect.replaceChildren();
      terminal.start('init_net');
      break;
    case 'term-data':
      terminal.write(m.data);
      break;
    case 'term-exit':
      terminal.exited(m.code);
      break;
    default:
      scenarios.handle(m);
  }
}

// What the browser tests read: the graph and the last world, as the page has them.
declare global {
  interface Window {
    netsimUi: {
      cy: typeof topology.cy;
      world: () => WorldView | undefined;
      packets: () => ReturnType<PacketsPane['all']>;
      /** Where the packet walk is: the packet, the step and the diagram box it is at. */
      walk: () => { id: number; index: number; fn: string; box: string | undefined } | undefined;
      /** Opens a packet's walk. */
      pick: (id: number) => void;
      term: typeof terminal.term;
    };
  }
}
window.netsimUi = {
  cy: topology.cy,
  world: () => world,
  packets: () => packets.all(),
  walk: () => {
    const c = packets.walk.current;
    return c && { id: c.packet.id, index: c.index, fn: c.packet.steps[c.index]!.fn, box: packets.walk.box };
  },
  pick: (id) => {
    showTab('packets');
    packets.pick(id);
  },
  term: terminal.term,
};
