// The side panel's details of what was clicked: a device (addresses, state, peer), a wire (its
// two ends), or a
// namespace (devices, routes, policy rules, neighbours, bridge FDB, iptables with counters,
// conntrack). A namespace's full state is fetched when it is opened, then kept up to date by
// patches; a chain with many rules is drawn only when unfolded, a page of rules at a time, so
// a ruleset of thousands costs nothing until read.
import type { ChainView, DeviceView, NamespaceSummary, NamespaceView, WorldView } from '../../src/cli/ui/protocol.js';
import type { Selection } from './topology.js';
import { h } from './dom.js';

function table(head: string[], rows: (string | number)[][], cls = ''): HTMLTableElement {
  return h('table', cls ? { class: cls } : {},
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, String(c)))))));
}

function kv(pairs: [string, string | undefined][]): HTMLElement {
  const dl = h('dl');
  for (const [k, v] of pairs) if (v !== undefined && v !== '') dl.append(h('dt', {}, k), h('dd', {}, v));
  return dl;
}

function deviceDetails(ns: NamespaceSummary, d: DeviceView): HTMLElement {
  return h('div', { class: 'details-dev' },
    h('h2', {}, `${d.name}`, h('span', { class: 'sub' }, ` in ${ns.name}`)),
    kv([
      ['kind', d.kind],
      ['ifindex', String(d.ifindex)],
      ['state', `${d.state}${d.up ? '' : ' (admin down)'}`],
      ['mtu', String(d.mtu)],
      ['mac', d.mac],
      ['master', d.master],
      ['port state', d.portState],
      ['peer', d.peer ? `${d.peer.name} (ifindex ${d.peer.ifindex}) in ${d.peer.netns}` : undefined],
    ]),
    h('h3', {}, 'Addresses'),
    d.addrs.length ? h('ul', { class: 'addrs' }, ...d.addrs.map((a) => h('li', {}, a))) : h('p', { class: 'hint' }, 'none'));
}

/** Chains with more rules than this start folded. */
const FOLD = 50;
/** Rules drawn per page of a long chain. */
const PAGE = 500;

/** Which chains the user unfolded, and how many rules of each are drawn: kept across the
 *  redraws that new counters bring. */
const unfolded = new Map<string, number>();

function chainBox(key: string, c: ChainView): HTMLElement {
  const head = `Chain ${c.name}` + (c.policy ? ` (policy ${c.policy} ${c.pkts} packets, ${c.bytes} bytes)` : '') + ` · ${c.rules.length} rules`;
  if (!c.rules.length) return h('div', { class: 'chain' }, head);
  const box = h('details', { class: 'chain-box', 'data-chain': key }, h('summary', { class: 'chain' }, head));
  const draw = () => {
    const shown = unfolded.get(key) ?? PAGE;
    const rows = c.rules.slice(0, shown).map((r) => [r.pkts, r.bytes, r.spec]);
    box.replaceChildren(box.firstChild!, table(['pkts', 'bytes', 'rule'], rows, 'rules'));
    if (c.rules.length > shown) {
      const more = h('button', { type: 'button', class: 'more' }, `show ${Math.min(PAGE, c.rules.length - shown)} more of ${c.rules.length - shown}`);
      more.addEventListener('click', () => {
        unfolded.set(key, shown + PAGE);
        draw();
      });
      box.append(more);
    }
  };
  const open = unfolded.has(key) || c.rules.length <= FOLD;
  if (open) {
    box.open = true;
    draw();
  }
  box.addEventListener('toggle', () => {
    if (box.open) {
      if (!unfolded.has(key)) unfolded.set(key, PAGE);
      if (box.childNodes.length === 1) draw();
    } else unfolded.delete(key);
  });
  return box;
}

function namespaceDetails(ns: NamespaceView, now: number): HTMLElement {
  const el = h('div', { class: 'details-ns' }, h('h2', {}, ns.name));
  el.append(h('h3', {}, 'Devices'),
    table(['#', 'name', 'kind', 'state', 'addresses'], ns.devices.map((d) => [d.ifindex, d.name, d.kind, d.state, d.addrs.join(' ')])));
  el.append(h('h3', {}, 'Routes'), h('pre', { class: 'routes' }, ns.routes.map((r) => r.text).join('\n') || '(none)'));
  el.append(h('h3', {}, 'Policy rules'));
  for (const [family, cmd] of [['ipv4', 'ip rule'], ['ipv6', 'ip -6 rule']] as const) {
    const lines = ns.ipRules.filter((r) => r.family === family).map((r) => r.text);
    el.append(h('pre', { class: 'ip-rules', 'data-family': family }, h('span', { class: 'cmd' }, `$ ${cmd}\n`), lines.join('\n') || '(none)'));
  }
  el.append(h('h3', {}, 'Neighbours'));
  if (!ns.neighbours.length) el.append(h('p', { class: 'hint' }, 'no entries'));
  else el.append(table(['address', 'dev', 'lladdr', 'state'], ns.neighbours.map((n) => [n.addr, n.dev, n.lladdr ?? '', n.state]), 'neighbours'));
  if (ns.fdb.length) {
    el.append(h('h3', {}, 'Bridge FDB'),
      table(['mac', 'port', 'bridge', 'vlan', ''], ns.fdb.map((f) => [f.mac, f.port, f.bridge, f.vlan || '', f.kind]), 'fdb'));
  }
  el.append(h('h3', {}, 'iptables'));
  const tables = ns.iptables.filter((t) => t.chains.some((c) => c.rules.length || c.pkts));
  if (!tables.length) el.append(h('p', { class: 'hint' }, 'no rules'));
  for (const t of tables) {
    const box = h('details', { open: '', class: 'xt-table' }, h('summary', {}, `${t.family === 'ipv6' ? 'ip6tables' : 'iptables'} -t ${t.name}`));
    for (const c of t.chains) box.append(chainBox(`${ns.name}/${t.family}/${t.name}/${c.name}`, c));
    el.append(box);
  }
  el.append(h('h3', {}, 'Conntrack'));
  if (!ns.conntrack.length) el.append(h('p', { class: 'hint' }, 'no entries'));
  else el.append(table(['connection', 'state', 'timeout', 'packets'], ns.conntrack.slice(0, 1000).map((c) => [
    c.text, c.state ?? '', Math.max(0, Math.floor((c.expires - now) / 1000)), `${c.packets[0]}/${c.packets[1]}`,
  ]), 'conntrack'));
  if (ns.conntrack.length > 1000) el.append(h('p', { class: 'hint' }, `and ${ns.conntrack.length - 1000} more (conntrack -L lists them all)`));
  return el;
}

/** `full`: the opened namespace's state, once the server has sent it. */
export function renderDetails(el: HTMLElement, world: WorldView | undefined, sel: Selection | undefined, full: NamespaceView | undefined, now: number): void {
  const scroll = el.scrollTop;
  el.replaceChildren();
  if (sel?.kind === 'link' && world) {
    el.append(linkDetails(world, sel));
    return;
  }
  const ns = sel && sel.kind !== 'link' ? world?.namespaces.find((n) => n.name === sel.ns) : undefined;
  if (!sel || sel.kind === 'link' || !ns) {
    el.append(h('p', { class: 'hint' }, 'Click a namespace, a device or a wire.'));
    return;
  }
  if (sel.kind === 'ns') {
    if (full && full.name === ns.name) el.append(namespaceDetails(full, now));
    else el.append(h('h2', {}, ns.name), h('p', { class: 'hint' }, `loading ${ns.devices.length} devices, ${ns.routes} routes, ${ns.rules} rules, ${ns.conntrack} connections…`));
    el.scrollTop = scroll;
    return;
  }
  const d = ns.devices.find((x) => x.ifindex === sel.ifindex);
  el.append(d ? deviceDetails(ns, d) : h('p', { class: 'hint' }, 'That device is gone.'));
}

/** A wire: both ends, each as a device. */
function linkDetails(world: WorldView, sel: Extract<Selection, { kind: 'link' }>): HTMLElement {
  const el = h('div', { class: 'details-link' }, h('h2', {}, sel.link === 'veth' ? 'veth pair' : 'bridge port'));
  for (const end of sel.ends) {
    const ns = world.namespaces.find((n) => n.name === end.ns);
    const d = ns?.devices.find((x) => x.ifindex === end.ifindex);
    el.append(ns && d ? deviceDetails(ns, d) : h('p', { class: 'hint' }, 'That device is gone.'));
  }
  return el;
}
