// An open namespace's details as differences: after the first whole view, the server sends
// only the sections that changed (devices, routes, conntrack, ...) and, of iptables, only the
// chains whose rules or counters changed. A packet through a 10,000-rule kube-proxy ruleset
// moves the counters of a handful of chains; resending them all would be a megabyte a look.
// Shared by the server, the page and the tests: no Node.
import type { ChainView, DetailsPatch, NamespaceView } from './protocol.js';

/** The sections compared whole: every field of a NamespaceView but its name and iptables. */
const SECTIONS = ['devices', 'routes', 'ipRules', 'neighbours', 'fdb', 'conntrack'] as const;

/** Which tables and chains there are, in order: when this changes, iptables goes whole. */
function iptablesShape(v: NamespaceView): string {
  return JSON.stringify(v.iptables.map((t) => [t.family, t.name, t.chains.map((c) => c.name)]));
}

/** What was last sent of one namespace's details, as JSON per section and per chain. */
export class DetailsDiffer {
  private sections = new Map<string, string>();
  private shape = '';
  private chains: string[][] = [];

  /** Everything, remembered as sent. */
  full(v: NamespaceView): void {
    for (const k of SECTIONS) this.sections.set(k, JSON.stringify(v[k]));
    this.shape = iptablesShape(v);
    this.chains = v.iptables.map((t) => t.chains.map((c) => JSON.stringify(c)));
  }

  /** The changes since the last call (undefined: none), remembered as sent. */
  diff(v: NamespaceView): DetailsPatch | undefined {
    const patch: DetailsPatch = {};
    let changed = false;
    for (const k of SECTIONS) {
      const json = JSON.stringify(v[k]);
      if (this.sections.get(k) === json) continue;
      this.sections.set(k, json);
      (patch as Record<string, unknown>)[k] = v[k];
      changed = true;
    }
    const shape = iptablesShape(v);
    const chains = v.iptables.map((t) => t.chains.map((c) => JSON.stringify(c)));
    if (shape !== this.shape) {
      patch.iptables = v.iptables;
      changed = true;
    } else {
      const moved: { table: number; chain: number; view: ChainView }[] = [];
      chains.forEach((t, ti) => t.forEach((json, ci) => {
        if (this.chains[ti]![ci] !== json) moved.push({ table: ti, chain: ci, view: v.iptables[ti]!.chains[ci]! });
      }));
      if (moved.length) {
        patch.chains = moved;
        changed = true;
      }
    }
    this.shape = shape;
    this.chains = chains;
    return changed ? patch : undefined;
  }
}

/** The details after `patch`; what did not change is shared with `v`. */
export function applyDetailsPatch(v: NamespaceView, patch: DetailsPatch): NamespaceView {
  const { chains, ...sections } = patch;
  const out: NamespaceView = { ...v, ...sections };
  if (chains?.length) {
    out.iptables = out.iptables.map((t) => ({ ...t, chains: t.chains.slice() }));
    for (const c of chains) out.iptables[c.table]!.chains[c.chain] = c.view;
  }
  return out;
}
