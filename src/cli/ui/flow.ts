// Where each trace record belongs in the picture of Linux's packet flow: the boxes of the
// diagram (device rx, bridge decision, the netfilter hooks with their tables, the routing
// decision, the local socket, neighbour resolution, device tx) and the mapping from a record's
// kernel function (and, for netfilter, its hook and table) onto one of them. Shared by the page
// (web/) and the tests, so nothing here may need Node or the DOM.
import type { TraceStep } from './protocol.js';

export type HookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** The short prefix of a hook's boxes ("pre.nat" is the nat table at PREROUTING). */
export const HOOK_PREFIX: Record<HookName, string> = {
  PREROUTING: 'pre', INPUT: 'in', FORWARD: 'fwd', OUTPUT: 'out', POSTROUTING: 'post',
};

export interface FlowBox {
  id: string;
  label: string;
}

/** A hook, or a single box drawn alone (group of one). */
export interface FlowGroup {
  id: string;
  label: string;
  boxes: FlowBox[];
}

/** Every box of the diagram, grouped as the diagram draws them; tables in the order the kernel
 *  calls them at each hook (by their NF_IP_PRI_* priorities). */
export const FLOW_GROUPS: FlowGroup[] = [
  { id: 'rx', label: 'device rx', boxes: [{ id: 'rx', label: 'ip_rcv' }] },
  { id: 'bridge', label: 'bridge', boxes: [{ id: 'bridge', label: 'br_handle_frame · FDB' }] },
  {
    id: 'pre', label: 'PREROUTING', boxes: [
      { id: 'pre.raw', label: 'raw' }, { id: 'pre.conntrack', label: 'conntrack' },
      { id: 'pre.mangle', label: 'mangle' }, { id: 'pre.nat', label: 'nat (DNAT)' },
    ],
  },
  { id: 'route', label: 'routing decision', boxes: [{ id: 'route', label: 'local or forward?' }] },
  {
    id: 'in', label: 'INPUT', boxes: [
      { id: 'in.mangle', label: 'mangle' }, { id: 'in.filter', label: 'filter' },
      { id: 'in.security', label: 'security' }, { id: 'in.nat', label: 'nat (SNAT)' },
    ],
  },
  { id: 'local', label: 'local process', boxes: [{ id: 'local', label: 'socket' }] },
  {
    id: 'fwd', label: 'FORWARD', boxes: [
      { id: 'fwd.ip', label: 'ip_forward' }, { id: 'fwd.mangle', label: 'mangle' },
      { id: 'fwd.filter', label: 'filter' }, { id: 'fwd.security', label: 'security' },
    ],
  },
  { id: 'out.route', label: 'output routing', boxes: [{ id: 'out.route', label: 'ip_local_out' }] },
  {
    id: 'out', label: 'OUTPUT', boxes: [
      { id: 'out.raw', label: 'raw' }, { id: 'out.conntrack', label: 'conntrack' },
      { id: 'out.mangle', label: 'mangle' }, { id: 'out.nat', label: 'nat (DNAT)' },
      { id: 'out.filter', label: 'filter' }, { id: 'out.security', label: 'security' },
    ],
  },
  {
    id: 'post', label: 'POSTROUTING', boxes: [
      { id: 'post.mangle', label: 'mangle' }, { id: 'post.nat', label: 'nat (SNAT)' },
      { id: 'post.confirm', label: 'ct confirm' },
    ],
  },
  { id: 'neigh', label: 'neighbour', boxes: [{ id: 'neigh', label: 'ARP / ND' }] },
  { id: 'tx', label: 'device tx', boxes: [{ id: 'tx', label: 'dev_queue_xmit' }] },
];

export const FLOW_BOX_IDS: ReadonlySet<string> = new Set(FLOW_GROUPS.flatMap((g) => g.boxes.map((b) => b.id)));

/** Which part of the path a packet is in within one namespace: it decides where the
 *  functions that run at several hooks (conntrack, NAT) are drawn. */
type Phase = 'pre' | 'in' | 'fwd' | 'out' | 'post';

interface Context {
  ns?: string;
  phase?: Phase;
  last?: string;
}

/** Functions that always land in one box. */
const FIXED: Record<string, string> = {
  ip_rcv: 'rx', ipv6_rcv: 'rx',
  br_handle_frame: 'bridge', br_handle_frame_finish: 'bridge', br_forward: 'bridge', br_pass_frame_up: 'bridge',
  ip_route_input_noref: 'route', ip_route_input_slow: 'route', ip6_route_input: 'route',
  ip_local_deliver: 'route', ip6_input: 'route',
  ip_forward: 'fwd.ip', ip6_forward: 'fwd.ip',
  raw_sendmsg: 'local', tcp_v4_rcv: 'local', tcp_v6_rcv: 'local', udp_rcv: 'local', icmp_rcv: 'local',
  icmpv6_rcv: 'local', inet_sock_set_state: 'local', tcp_v4_send_reset: 'local', tcp_v4_send_synack: 'local',
  ip_local_out: 'out.route', ip6_local_out: 'out.route', __ip_local_out: 'out.route',
  nf_conntrack_confirm: 'post.confirm', __nf_conntrack_confirm: 'post.confirm',
  ip_finish_output2: 'neigh', ip6_finish_output2: 'neigh', neigh_update: 'neigh', neigh_resolve_output: 'neigh',
  neigh_cleanup_and_release: 'neigh', arp_xmit: 'neigh', arp_process: 'neigh', arp_send: 'neigh',
  ndisc_send_ns: 'neigh', ndisc_recv_ns: 'neigh', ipv4_link_failure: 'neigh', arp_solicit: 'neigh', ndisc_solicit: 'neigh',
  dev_queue_xmit: 'tx', dev_hard_start_xmit: 'tx', veth_xmit: 'tx',
};

/** Functions drawn where the packet already is (they act on it from the step before). */
const IN_PLACE = new Set(['icmp_send', 'icmp_reply', 'icmpv6_send', 'nf_send_reset', 'nf_nat_setup_info']);

/** Where a drop is drawn when its reason names the place better than the step before it. */
const DROP_PLACE: Record<string, string> = {
  SKB_DROP_REASON_NEIGH_FAILED: 'neigh',
  SKB_DROP_REASON_NEIGH_QUEUEFULL: 'neigh',
  SKB_DROP_REASON_NEIGH_DEAD: 'neigh',
  SKB_DROP_REASON_NO_SOCKET: 'local',
  SKB_DROP_REASON_SOCKET_FILTER: 'local',
  SKB_DROP_REASON_IP_NOROUTE: 'route',
  SKB_DROP_REASON_IP_RPFILTER: 'route',
  SKB_DROP_REASON_IP_INADDRERRORS: 'route',
  SKB_DROP_REASON_IP_INHDR: 'rx',
  SKB_DROP_REASON_IP_CSUM: 'rx',
  SKB_DROP_REASON_OTHERHOST: 'rx',
  SKB_DROP_REASON_PKT_TOO_SMALL: 'rx',
};

function hookPhase(hook: unknown): Phase | undefined {
  return typeof hook === 'string' && hook in HOOK_PREFIX ? (HOOK_PREFIX[hook as HookName] as Phase) : undefined;
}

/** The box of one step, given where the packet was before in this namespace; updates `ctx`. */
function place(s: TraceStep, ctx: Context): string | undefined {
  if (s.fn === 'ipt_do_table' || s.fn === 'ip6t_do_table') {
    const phase = hookPhase(s.hook);
    if (phase) {
      ctx.phase = phase;
      const id = `${phase}.${String(s.table)}`;
      if (FLOW_BOX_IDS.has(id)) return id;
      return phase === 'fwd' ? 'fwd.filter' : `${phase}.mangle`;
    }
    return ctx.last;
  }
  if (s.fn === 'nf_conntrack_in') return ctx.phase === 'out' ? 'out.conntrack' : 'pre.conntrack';
  if (s.fn === 'nf_nat_manip_pkt') {
    // HOOK2MANIP(): destination NAT at PREROUTING and OUTPUT, source NAT at INPUT and POSTROUTING.
    if (s.manip === 'DST') return ctx.phase === 'out' ? 'out.nat' : 'pre.nat';
    if (ctx.phase === 'in') return 'in.nat';
    ctx.phase = 'post';
    return 'post.nat';
  }
  if (s.fn === 'kfree_skb') return (s.reason && DROP_PLACE[s.reason]) ?? ctx.last ?? 'rx';
  if (IN_PLACE.has(s.fn)) return ctx.last ?? 'local';
  const fixed = FIXED[s.fn];
  if (fixed === undefined) return ctx.last;
  if (fixed === 'rx' || fixed === 'bridge') ctx.phase ??= 'pre';
  if (fixed === 'route') ctx.phase = s.fn === 'ip_local_deliver' || s.fn === 'ip6_input' || s.route === 'local' ? 'in' : 'fwd';
  if (fixed === 'fwd.ip') ctx.phase = 'fwd';
  if (fixed === 'out.route') ctx.phase = 'out';
  if (fixed === 'neigh' || fixed === 'tx') ctx.phase = 'post';
  return fixed;
}

/** The diagram box of every step of one packet's walk, in order (undefined: nowhere on the
 *  diagram). A step in another namespace starts the picture afresh. */
export function flowBoxes(steps: readonly TraceStep[]): (string | undefined)[] {
  const ctx: Context = {};
  return steps.map((s) => {
    if (s.ns !== ctx.ns) {
      ctx.ns = s.ns;
      ctx.phase = undefined;
      ctx.last = undefined;
    }
    const box = place(s, ctx);
    if (box !== undefined) ctx.last = box;
    return box;
  });
}

/** Plain words for the drop reasons a user meets most. */
const DROP_WHY: Record<string, string> = {
  NOT_SPECIFIED: 'dropped without a specific reason',
  NO_SOCKET: 'no socket is bound to the destination port',
  NETFILTER_DROP: 'an iptables rule or chain policy dropped it',
  NEIGH_FAILED: 'the next hop never answered ARP (neighbour resolution failed)',
  NEIGH_QUEUEFULL: 'too many packets were waiting for ARP to resolve the next hop',
  NEIGH_DEAD: 'the neighbour entry was removed while the packet waited',
  IP_NOROUTE: 'no route matches the destination',
  IP_RPFILTER: 'reverse-path filtering: the source is not reachable back through the input device',
  IP_INADDRERRORS: 'the destination address is not one this host may receive',
  IP_INHDR: 'the IP header is invalid',
  IP_CSUM: 'the IP header checksum is wrong',
  OTHERHOST: 'the frame is addressed to another host\'s MAC address',
  PKT_TOO_SMALL: 'the packet is shorter than its headers',
  TCP_CSUM: 'the TCP checksum is wrong',
  UDP_CSUM: 'the UDP checksum is wrong',
  ICMP_CSUM: 'the ICMP checksum is wrong',
  TCP_INVALID_HDR: 'the TCP header is invalid',
  INVALID_PROTO: 'the protocol field is invalid',
  UNHANDLED_PROTO: 'no handler for this protocol',
  IP_NOPROTO: 'no protocol handler for the IP protocol number',
  IP_INNOROUTES: 'no route for the incoming packet',
  PKT_TOO_BIG: 'the packet is larger than the MTU and may not be fragmented',
  NEIGH_CREATEFAIL: 'a neighbour entry could not be created',
  IPV6DISABLED: 'IPv6 is disabled on the device',
  IPV6_FORWARDING_DISABLED: 'IPv6 forwarding is disabled',
  IPV6_NOT_MEMBER: 'the host is not a member of the multicast group',
  IP_FRAG_REASM_TIMEOUT: 'fragment reassembly timed out',
  FRAG_REASM_TIMEOUT: 'fragment reassembly timed out',
  DEV_READY: 'the device is not up',
  UNICAST_IN_L2_MULTICAST: 'an IP unicast packet inside an L2 broadcast or multicast frame',
};

/** "SKB_DROP_REASON_NO_SOCKET" in words ("" when it is not one we describe). */
export function dropWhy(reason: string | undefined): string {
  if (!reason) return '';
  return DROP_WHY[reason.replace(/^SKB_DROP_REASON_/, '')] ?? '';
}
