// netsim ui's page: wires the connection to the topology, the side panel, the packet list and
// the terminal.
import './style.css';
import type { ServerMessage, WorldView } from '../../src/cli/ui/protocol.js';
import { Connection } from './connection.js';
import { Topology, type Selection } from './topology.js';
import { renderDetails } from './details.js';
import { PacketsPane } from './packets.js';
import { TerminalPane } from './terminal.js';
import { h } from './dom.js';

const $ = (id: string) => document.getElementById(id)!;

let world: WorldView | undefined;
let now = 0;
let selection: Selection | undefined;

const topology = new Topology($('topology'));
const details = $('details');
const status = $('status');
const nsSelect = $('netns') as HTMLSelectElement;

function showTab(name: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#side nav button')) b.classList.toggle('active', b.dataset.tab === name);
  const side = $('side');
  if (side.classList.contains('wide') !== (name === 'packets')) {
    side.classList.toggle('wide', name === 'packets');
    // The graph's canvas keeps its old size until told.
    requestAnimationFrame(() => {
      topology.cy.resize();
      topology.cy.fit(undefined, 20);
    });
  }
  for (const t of document.querySelectorAll<HTMLElement>('#side .tab')) t.classList.toggle('active', t.id === name);
}
for (const b of document.querySelectorAll<HTMLButtonElement>('#side nav button')) b.addEventListener('click', () => showTab(b.dataset.tab!));

const packets = new PacketsPane($('packets'), (p) => topology.walk(p?.path ?? [], world));

topology.selected((s) => {
  selection = s;
  renderDetails(details, world, selection, now);
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

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'world':
      world = m.world;
      now = m.now;
      updateNamespaces(world);
      topology.update(world);
      renderDetails(details, world, selection, now);
      break;
    case 'trace':
      packets.add(m.records);
      break;
    case 'term-data':
      terminal.write(m.data);
      break;
    case 'term-exit':
      terminal.exited(m.code);
      break;
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
};
