// The packet walk's picture: trace records mapped onto the boxes of Linux's packet-flow
// diagram, packets grouped with the ones they provoked, NAT rewrites and drop reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed, must } from '../datapath/helpers.js';
import type { Kernel } from '../../src/index.js';
import type { TraceStep } from '../../src/cli/ui/protocol.js';
import { FLOW_BOX_IDS, dropWhy, flowBoxes } from '../../src/cli/ui/flow.js';
import { PacketIndex, natRewrite, packetDrop, packetTitle } from '../../src/cli/ui/walk.js';

let t = 0;
const step = (ns: string, fn: string, extra: Partial<TraceStep> = {}): TraceStep => ({ t: t++, id: 1, ns, fn, ...extra });

test('functions, hooks and tables land in their boxes', () => {
  const cases: { name: string; steps: TraceStep[]; boxes: (string | undefined)[] }[] = [
    {
      name: 'a forwarded packet with DNAT and a FORWARD drop',
      steps: [
        step('r', 'ip_rcv'), step('r', 'nf_conntrack_in'),
        step('r', 'ipt_do_table', { table: 'nat', hook: 'PREROUTING' }), step('r', 'nf_nat_manip_pkt', { manip: 'DST' }),
        step('r', 'ip_route_input_noref', { route: 'unicast' }), step('r', 'ip_forward'),
        step('r', 'ipt_do_table', { table: 'filter', hook: 'FORWARD' }),
        step('r', 'kfree_skb', { reason: 'SKB_DROP_REASON_NETFILTER_DROP' }),
      ],
      boxes: ['rx', 'pre.conntrack', 'pre.nat', 'pre.nat', 'route', 'fwd.ip', 'fwd.filter', 'fwd.filter'],
    },
    {
      name: 'a locally sent packet: conntrack and NAT at OUTPUT, SNAT at POSTROUTING, ARP',
      steps: [
        step('a', 'raw_sendmsg'), step('a', 'ip_local_out'), step('a', 'nf_conntrack_in'),
        step('a', 'ipt_do_table', { table: 'nat', hook: 'OUTPUT' }), step('a', 'nf_nat_manip_pkt', { manip: 'DST' }),
        step('a', 'ipt_do_table', { table: 'filter', hook: 'OUTPUT' }), step('a', 'ipt_do_table', { table: 'nat', hook: 'POSTROUTING' }),
        step('a', 'nf_nat_manip_pkt', { manip: 'SRC' }), step('a', 'ip_finish_output2'), step('a', 'neigh_update', { id: undefined }),
        step('a', 'kfree_skb', { reason: 'SKB_DROP_REASON_NEIGH_FAILED' }),
      ],
      boxes: ['local', 'out.route', 'out.conntrack', 'out.nat', 'out.nat', 'out.filter', 'post.nat', 'post.nat', 'neigh', 'neigh', 'neigh'],
    },
    {
      name: 'delivered locally: INPUT, the socket, a reset sent in place; a new namespace starts afresh',
      steps: [
        step('b', 'ip_rcv'), step('b', 'ip_route_input_noref', { route: 'local' }), step('b', 'ip_local_deliver'),
        step('b', 'ipt_do_table', { table: 'filter', hook: 'INPUT' }), step('b', 'nf_nat_manip_pkt', { manip: 'SRC' }),
        step('b', 'tcp_v4_rcv'), step('b', 'icmp_send'), step('c', 'nf_conntrack_in'),
        step('c', 'kfree_skb', { reason: 'SKB_DROP_REASON_NO_SOCKET' }),
      ],
      boxes: ['rx', 'route', 'route', 'in.filter', 'in.nat', 'local', 'local', 'pre.conntrack', 'local'],
    },
    {
      name: 'bridged, with br_netfilter hooks; IPv6 names',
      steps: [
        step('n', 'br_handle_frame'), step('n', 'nf_conntrack_in'), step('n', 'ipt_do_table', { table: 'filter', hook: 'FORWARD' }),
        step('n', 'br_forward'), step('n', 'nf_nat_manip_pkt', { manip: 'SRC' }),
        step('v', 'ipv6_rcv'), step('v', 'ip6_route_input'), step('v', 'ip6_forward'),
        step('v', 'ip6t_do_table', { table: 'mangle', hook: 'FORWARD' }), step('v', 'ip6_finish_output2'), step('v', 'ip6_local_out'),
      ],
      boxes: ['bridge', 'pre.conntrack', 'fwd.filter', 'bridge', 'post.nat', 'rx', 'route', 'fwd.ip', 'fwd.mangle', 'neigh', 'out.route'],
    },
  ];
  for (const c of cases) {
    const got = flowBoxes(c.steps);
    assert.deepEqual(got, c.boxes, c.name);
    for (const b of got) assert.ok(b === undefined || FLOW_BOX_IDS.has(b), `${c.name}: ${b} is a box of the diagram`);
  }
  assert.equal(dropWhy('SKB_DROP_REASON_NO_SOCKET'), 'no socket is bound to the destination port');
  assert.equal(dropWhy('SKB_DROP_REASON_WHATEVER'), '');
});

async function traceJson(k: Kernel, args: string): Promise<TraceStep[]> {
  const r = await k.exec(`netsim trace -j ${args}`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as TraceStep);
}

test('a real DNAT walk: the rewrite before and after, the drop at the socket, the reset it provoked', async () => {
  const k = await routed();
  await must(k, 'ip netns exec r iptables -t nat -A PREROUTING -d 10.1.0.1 -p tcp --dport 80 -j DNAT --to-destination 10.2.0.2:8080');
  const recs = await traceJson(k, "a tcp 10.1.0.2:40000 '>' 10.1.0.1:80 syn");
  const idx = new PacketIndex();
  idx.add(recs);
  const syn = idx.get(recs[0]!.id!)!;
  assert.match(packetTitle(syn), /^10\.1\.0\.2:40000 > 10\.1\.0\.1:80 tcp \[S\]/);
  const boxes = flowBoxes(syn.steps);
  const at = (fn: string) => boxes[syn.steps.findIndex((s) => s.fn === fn)];
  assert.equal(at('nf_nat_manip_pkt'), 'pre.nat');
  assert.equal(at('ip_forward'), 'fwd.ip');
  assert.equal(boxes.at(-1), 'local');
  const nat = natRewrite(syn, syn.steps.findIndex((s) => s.fn === 'nf_nat_manip_pkt'))!;
  assert.match(nat.before, /> 10\.1\.0\.1:80 /);
  assert.match(nat.after, /> 10\.2\.0\.2:8080 /);
  assert.equal(packetDrop(syn)?.reason, 'SKB_DROP_REASON_NO_SOCKET');
  // The reset c sends back is offered as the packet that follows.
  const rst = recs.find((r) => r.ns === 'c' && r.fn === 'ip_local_out')!.id!;
  assert.ok(syn.next.includes(rst), `next of the SYN: ${syn.next.join(' ')}`);
  assert.equal(idx.get(rst)!.prev, syn.id);
});

test('an ICMP error names the packet it sends; a filter DROP is drawn at FORWARD filter', async () => {
  const k = await routed();
  const recs = await traceJson(k, "a udp 10.1.0.2:5353 '>' 10.2.0.2:9");
  const idx = new PacketIndex();
  idx.add(recs);
  const err = recs.find((r) => r.fn === 'icmp_send')!;
  assert.ok(idx.get(err.id!)!.next.includes(err.sent as number));
  await must(k, 'ip netns exec r iptables -A FORWARD -p udp --dport 53 -j DROP');
  const drop = await traceJson(k, "a udp 10.1.0.2:5353 '>' 10.2.0.2:53");
  idx.add(drop);
  const p = idx.get(drop[0]!.id!)!;
  const boxes = flowBoxes(p.steps);
  assert.equal(p.steps.at(-1)!.fn, 'kfree_skb');
  assert.equal(boxes.at(-1), 'fwd.filter');
  assert.equal(dropWhy(p.steps.at(-1)!.reason), 'an iptables rule or chain policy dropped it');
});
