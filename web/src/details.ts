// The side panel's details of what was clicked: a device (addresses, state, peer) or a
// namespace (devices, routes, iptables with counters, conntrack).
import type { DeviceView, NamespaceView, WorldView } from '../../src/cli/ui/protocol.js';
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

function deviceDetails(ns: NamespaceView, d: DeviceView): HTMLElement {
  return h('div', { class: 'details-dev' },
    h('h2', {}, `${d.name}`, h('span', { class: 'sub' }, ` in ${ns.name}`)),
    kv([
      ['kind', d.kind],
      ['ifindex', String(d.ifindex)],
      ['state', `${d.state}${d.up ? '' : ' (admin down)'}`],
      ['mtu', String(d.mtu)],
      ['mac', d.mac],
      ['master', d.master],
      ['peer', d.peer ? `${d.peer.name} (ifindex ${d.peer.ifindex}) in ${d.peer.netns}` : undefined],
    ]),
    h('h3', {}, 'Addresses'),
    d.addrs.length ? h('ul', { class: 'addrs' }, ...d.addrs.map((a) => h('li', {}, a))) : h('p', { class: 'hint' }, 'none'));
}

function namespaceDetails(ns: NamespaceView, now: number): HTMLElement {
  const el = h('div', { class: 'details-ns' }, h('h2', {}, ns.name));
  el.append(h('h3', {}, 'Devices'),
    table(['#', 'name', 'kind', 'state', 'addresses'], ns.devices.map((d) => [d.ifindex, d.name, d.kind, d.state, d.addrs.join(' ')])));
  el.append(h('h3', {}, 'Routes'), h('pre', { class: 'routes' }, ns.routes.map((r) => r.text).join('\n') || '(none)'));
  el.append(h('h3', {}, 'iptables'));
  const tables = ns.iptables.filter((t) => t.chains.some((c) => c.rules.length || c.pkts));
  if (!tables.length) el.append(h('p', { class: 'hint' }, 'no rules'));
  for (const t of tables) {
    const box = h('details', { open: '', class: 'xt-table' }, h('summary', {}, `${t.family === 'ipv6' ? 'ip6tables' : 'iptables'} -t ${t.name}`));
    for (const c of t.chains) {
      const head = `Chain ${c.name}` + (c.policy ? ` (policy ${c.policy} ${c.pkts} packets, ${c.bytes} bytes)` : '');
      box.append(h('div', { class: 'chain' }, head));
      if (c.rules.length) box.append(table(['pkts', 'bytes', 'rule'], c.rules.map((r) => [r.pkts, r.bytes, r.spec]), 'rules'));
    }
    el.append(box);
  }
  el.append(h('h3', {}, 'Conntrack'));
  if (!ns.conntrack.length) el.append(h('p', { class: 'hint' }, 'no entries'));
  else el.append(table(['connection', 'state', 'timeout', 'packets'], ns.conntrack.map((c) => [
    c.text, c.state ?? '', Math.max(0, Math.floor((c.expires - now) / 1000)), `${c.packets[0]}/${c.packets[1]}`,
  ]), 'conntrack'));
  return el;
}

export function renderDetails(el: HTMLElement, world: WorldView | undefined, sel: Selection | undefined, now: number): void {
  el.replaceChildren();
  const ns = sel && world?.namespaces.find((n) => n.name === sel.ns);
  if (!sel || !ns) {
    el.append(h('p', { class: 'hint' }, 'Click a namespace or a device.'));
    return;
  }
  if (sel.kind === 'ns') {
    el.append(namespaceDetails(ns, now));
    return;
  }
  const d = ns.devices.find((x) => x.ifindex === sel.ifindex);
  el.append(d ? deviceDetails(ns, d) : h('p', { class: 'hint' }, 'That device is gone.'));
}
