// The messages between `netsim ui`'s server and its page, one JSON object per WebSocket text
// message. Types only: the front end (web/) imports them too, so nothing here may need Node.

/** A trace record (src/trace/record.ts TraceRecord), restated here so the page's build does not
 *  reach into the kernel's types; the server sends TraceRecords, which have this shape. */
export interface TraceStep {
  t: number;
  id?: number;
  ns: string;
  dev?: string;
  fn: string;
  pkt?: string;
  reason?: string;
  [detail: string]: string | number | boolean | undefined;
}

export interface DeviceView {
  ifindex: number;
  name: string;
  /** rtnl_link_ops kind ("veth", "bridge", "dummy"), or "loopback" / "ether" for devices without one. */
  kind: string;
  /** IF_OPER_* as `ip link` names it: UP, DOWN, UNKNOWN, LOWERLAYERDOWN. */
  state: string;
  /** Administratively up (IFF_UP). */
  up: boolean;
  mtu: number;
  mac: string;
  /** IPv4 then IPv6 addresses as address/prefix. */
  addrs: string[];
  /** The bridge (or other master) this device is a port of, in the same namespace. */
  master?: string;
  /** As a bridge port, its STP state ("forwarding", "blocking", ...). */
  portState?: string;
  /** A veth device's other end: its namespace (as in NamespaceView.name) and ifindex there. */
  peer?: { netns: string; ifindex: number; name: string };
}

export interface RouteView {
  /** The route as `ip route show table all` would put it (without the table for main). */
  text: string;
  table: string;
  dev?: string;
}

export interface RuleView {
  /** iptables-save form of the rule: "-A CHAIN ...". */
  spec: string;
  pkts: number;
  bytes: number;
}

export interface ChainView {
  name: string;
  /** Built-in chains only. */
  policy?: string;
  pkts: number;
  bytes: number;
  rules: RuleView[];
}

export interface TableView {
  family: 'ipv4' | 'ipv6';
  name: string;
  chains: ChainView[];
}

export interface ConnView {
  id: number;
  /** Both tuples: "tcp a:1 > b:2, reply c:3 > a:1". */
  text: string;
  /** TCP state name, when TCP. */
  state?: string;
  /** When it expires, in ms on the world's clock (WorldMessage.now says what time it is): a
   *  countdown would change the snapshot every second. */
  expires: number;
  mark: number;
  packets: [number, number];
  bytes: [number, number];
}

/** A namespace's full state, sent when a page opens it (details). */
export interface NamespaceView {
  /** "init_net" for the initial namespace, else the `ip netns` name (as trace records name it). */
  name: string;
  devices: DeviceView[];
  routes: RouteView[];
  /** Policy routing rules, IPv4 then IPv6. */
  ipRules: IpRuleView[];
  iptables: TableView[];
  conntrack: ConnView[];
  neighbours: NeighView[];
  fdb: FdbView[];
}

/** A policy routing rule, as `ip rule show` (or `ip -6 rule show`) prints it. */
export interface IpRuleView {
  family: 'ipv4' | 'ipv6';
  text: string;
}

/** What changed in an open namespace's details (details-diff.ts): sections that changed, whole;
 *  iptables whole when tables or chains came, went or moved, else only the chains that changed,
 *  by their place (iptables[table].chains[chain]). */
export type DetailsPatch = Partial<Omit<NamespaceView, 'name'>> & {
  chains?: { table: number; chain: number; view: ChainView }[];
};

/** A neighbour entry, as `ip neigh` shows it. */
export interface NeighView {
  dev: string;
  addr: string;
  lladdr?: string;
  /** NUD state names, e.g. "REACHABLE", "STALE", "FAILED", "PERMANENT". */
  state: string;
}

/** A bridge forwarding entry, as `bridge fdb` shows it. */
export interface FdbView {
  bridge: string;
  mac: string;
  /** The port it points to, or the bridge itself for its own addresses. */
  port: string;
  vlan: number;
  /** "permanent", "static" or "" (learned). */
  kind: string;
}

/** What the topology needs of a namespace, with counts of what its details hold: cheap to
 *  take and to send for hundreds of namespaces. */
export interface NamespaceSummary {
  name: string;
  devices: DeviceView[];
  routes: number;
  rules: number;
  conntrack: number;
}

export interface WorldView {
  namespaces: NamespaceSummary[];
}

/** The changes since the last world or diff: namespaces new or changed (whole), those gone,
 *  and the order of all when it changed. */
export interface WorldDiff {
  upsert: NamespaceSummary[];
  remove: string[];
  order?: string[];
}

/** One step of a scenario: its text, and once run, its output and status. */
export interface ScenarioStep {
  text: string;
}

export type ServerMessage =
  /** `now`: the world's clock (ms) when the snapshot was taken. */
  | { type: 'world'; world: WorldView; now: number }
  | { type: 'world-diff'; diff: WorldDiff; now: number }
  /** The namespace the page opened (null: it is gone). */
  | { type: 'details'; name: string; ns: NamespaceView | null; now: number }
  /** Changes to the details last sent for `name` (details-diff.ts). */
  | { type: 'details-patch'; name: string; patch: DetailsPatch; now: number }
  /** `dropped`: records left out because too many came at once (trace-budget.ts). */
  | { type: 'trace'; records: TraceStep[]; dropped?: number }
  /** The world was replaced by a fresh one: forget its packets, restart the terminal. */
  | { type: 'reset' }
  /** First message: the script `netsim ui` ran first, if any. */
  | { type: 'hello'; script?: string }
  | { type: 'term-data'; data: string }
  | { type: 'term-exit'; code: number }
  | { type: 'scenario'; name: string; steps: ScenarioStep[]; next: number }
  | { type: 'scenario-error'; message: string }
  | { type: 'scenario-output'; index: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'scenario-done'; index: number; status: number; next: number }
  | { type: 'scenario-busy'; busy: boolean };

export type ClientMessage =
  /** (Re)starts the terminal's bash in `netns` (null or "init_net": the initial namespace). */
  | { type: 'term-start'; netns: string | null; cols: number; rows: number }
  | { type: 'term-input'; data: string }
  | { type: 'term-resize'; cols: number; rows: number }
  /** Opens a namespace's details (sent now and whenever they change); null closes them. */
  | { type: 'details'; ns: string | null }
  /** A script by its path on the server, or pasted text. */
  | { type: 'scenario-open'; path?: string; text?: string }
  /** Runs the next step, or every step left. */
  | { type: 'scenario-step' }
  | { type: 'scenario-run' }
  /** Stops running every step after the current one. */
  | { type: 'scenario-stop' }
  /** A fresh world: a new kernel, the topology cleared. */
  | { type: 'world-reset' };
