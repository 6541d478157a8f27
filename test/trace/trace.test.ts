// netsim trace: one injected packet's path, and the packets it provokes, through a router
// with DNAT, a filter rule and a closed port, as text and as JSON lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed, must } from '../datapath/helpers.js';
import { Kernel } from '../../src/index.js';
import type { TraceRecord } from '../../src/trace/record.js';

async function traceJson(k: Kernel, args: string): Promise<TraceRecord[]> {
  const r = await k.exec(`netsim trace -j ${args}`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as TraceRecord);
}

test('a SYN through a DNAT router to a closed port: rewrite, reset, and the reset translated back', async () => {
  const k = await routed();
  await must(k, 'ip netns exec r iptables -t nat -A PREROUTING -d 10.1.0.1 -p tcp --dport 80 -j DNAT --to-destination 10.2.0.2:8080');
  const recs = await traceJson(k, "a tcp 10.1.0.2:40000 '>' 10.1.0.1:80 syn");
  const syn = recs[0]!.id!;
  const steps = recs.filter((r) => r.id === syn).map((r) => `${r.ns} ${r.fn}`);
  // The SYN leaves a (waiting on ARP for r), is DNATed in r's PREROUTING, forwarded to c
  // (waiting on ARP again), where no socket takes it: c resets it and drops it.
  assert.deepEqual(steps.filter((s) => !s.endsWith('neigh_update')), [
    'a ip_local_out', 'a ip_finish_output2', 'a arp_solicit', 'a dev_queue_xmit', 'r ip_rcv', 'r nf_conntrack_in',
    'r ipt_do_table', 'r nf_nat_manip_pkt', 'r ip_route_input_noref', 'r ip_forward', 'r ipt_do_table',
    'r nf_conntrack_confirm', 'r ip_finish_output2', 'r arp_solicit', 'r dev_queue_xmit', 'c ip_rcv',
    'c ip_route_input_noref', 'c ip_local_deliver', 'c tcp_v4_send_reset', 'c kfree_skb',
  ]);
  const nat = recs.find((r) => r.fn === 'ipt_do_table' && r.id === syn)!;
  assert.equal(nat.rule, '-A PREROUTING -d 10.1.0.1/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.2.0.2:8080');
  assert.equal(nat.table, 'nat');
  assert.equal(nat.hook, 'PREROUTING');
  // The packet as it was at each step: rewritten between PREROUTING and forwarding.
  assert.match(recs.find((r) => r.id === syn && r.fn === 'ip_rcv')!.pkt!, /^10\.1\.0\.2:40000 > 10\.1\.0\.1:80 tcp \[S\]/);
  assert.match(recs.find((r) => r.id === syn && r.fn === 'ip_forward')!.pkt!, /^10\.1\.0\.2:40000 > 10\.2\.0\.2:8080 tcp \[S\]/);
  assert.equal(recs.find((r) => r.id === syn && r.fn === 'kfree_skb')!.reason, 'SKB_DROP_REASON_NO_SOCKET');
  // c answers with a reset, named by tcp_v4_send_reset; r translates it back; a has no socket either.
  const rst = recs.find((r) => r.ns === 'c' && r.fn === 'ip_local_out')!;
  assert.match(rst.pkt!, /^10\.2\.0\.2:8080 > 10\.1\.0\.2:40000 tcp \[R\.\]/);
  const sendReset = recs.find((r) => r.fn === 'tcp_v4_send_reset')!;
  assert.deepEqual([sendReset.id, sendReset.sent, sendReset.saddr, sendReset.daddr], [syn, rst.id, '10.2.0.2', '10.1.0.2']);
  // Each ARP request names the SYN that waits on it.
  for (const ns of ['a', 'r']) {
    const sol = recs.find((r) => r.ns === ns && r.fn === 'arp_solicit')!;
    assert.equal(sol.id, syn);
    assert.ok(recs.some((r) => r.id === sol.sent && r.fn === 'arp_xmit' && r.op === 'request' && r.tip === sol.tip), ns);
  }
  const back = recs.find((r) => r.id === rst.id && r.ns === 'a' && r.fn === 'ip_rcv')!;
  assert.match(back.pkt!, /^10\.1\.0\.1:80 > 10\.1\.0\.2:40000 tcp \[R\.\]/);
  assert.equal(recs.at(-1)!.reason, 'SKB_DROP_REASON_NO_SOCKET');
});

test('a filter DROP names the rule and the drop reason; text output shows it', async () => {
  const k = await routed();
  await must(k, 'ip netns exec r iptables -A FORWARD -p udp --dport 53 -j DROP');
  const r = await k.exec("netsim trace a udp 10.1.0.2:5353 '>' 10.2.0.2:53");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^#\d+ +a +eth0 +ip_local_out +10\.1\.0\.2:5353 > 10\.2\.0\.2:53 udp ttl 64 +route=unicast table=main/);
  assert.ok(lines.some((l) => /r +ipt_do_table +filter FORWARD: -A FORWARD -p udp -m udp --dport 53 -j DROP => DROP$/.test(l)), r.stdout);
  assert.match(lines.at(-1)!, /r +r0 +kfree_skb +SKB_DROP_REASON_NETFILTER_DROP$/);
});

test('UDP to a closed port provokes ICMP port unreachable, traced to the sender', async () => {
  const k = await routed();
  const recs = await traceJson(k, "a udp 10.1.0.2:5353 '>' 10.2.0.2:9");
  const err = recs.find((r) => r.fn === 'icmp_send')!;
  assert.equal(err.ns, 'c');
  assert.equal(err.type, 3);
  assert.equal(err.code, 3);
  assert.ok(recs.some((r) => r.id === err.sent && r.ns === 'a' && r.fn === 'icmp_rcv'));
});

test('bad packet descriptions get usage errors, an unknown namespace exit 1', async () => {
  const k = await routed();
  const bad = await k.exec("netsim trace a tcp 10.1.0.2 '>' 10.2.0.2:80");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^netsim trace: '10\.1\.0\.2': ADDRESS:PORT expected\n/);
  const nons = await k.exec("netsim trace zz icmp 10.1.0.2 '>' 10.2.0.2");
  assert.equal(nons.status, 1);
  assert.equal(nons.stderr, 'netsim trace: network namespace "zz" does not exist\n');
  const noroute = await k.exec("netsim trace r icmp 10.1.0.1 '>' 192.0.2.1");
  assert.equal(noroute.status, 1);
  assert.equal(noroute.stderr, 'netsim trace: Network is unreachable\n');
});

test('a bridged packet: the port it came in on, the FDB decision, the port it leaves by', async () => {
  const k = new Kernel({ seed: 1 });
  await must(k, 'ip netns add a', 'ip netns add b', 'ip link add br0 type bridge', 'ip link set br0 up',
    'ip link add va type veth peer name eth0 netns a', 'ip link add vb type veth peer name eth0 netns b',
    'ip link set va master br0', 'ip link set vb master br0', 'ip link set va up', 'ip link set vb up',
    'ip -n a addr add 10.0.0.1/24 dev eth0', 'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n b link set eth0 up');
  await traceJson(k, "a icmp 10.0.0.1 '>' 10.0.0.2");
  const recs = await traceJson(k, "a icmp 10.0.0.1 '>' 10.0.0.2");
  const ping = recs[0]!.id!;
  assert.deepEqual(recs.filter((r) => r.id === ping && r.ns === 'init_net').map((r) => `${r.dev} ${r.fn} ${r.fdb ?? ''}`.trim()),
    ['va br_handle_frame', 'va br_handle_frame_finish vb', 'vb br_forward', 'vb dev_queue_xmit']);
  assert.ok(recs.some((r) => r.ns === 'b' && r.fn === 'icmp_reply'));
});

test('the rules a packet crossed: jumps, RETURN, a target that goes on, then the verdict', async () => {
  const k = await routed();
  await must(k, 'ip netns exec r iptables -N CHK', 'ip netns exec r iptables -A CHK -p udp --dport 53 -j RETURN',
    'ip netns exec r iptables -A CHK -j MARK --set-mark 7', 'ip netns exec r iptables -A FORWARD -j CHK',
    'ip netns exec r iptables -A FORWARD -m mark --mark 7 -j DROP');
  const recs = await traceJson(k, "a udp 10.1.0.2:5353 '>' 10.2.0.2:9");
  assert.deepEqual(recs.filter((r) => r.fn === 'ipt_do_table' && r.ns === 'r').map((r) => `${r.rule} => ${r.verdict}`), [
    '-A FORWARD -j CHK => JUMP',
    '-A CHK -j MARK --set-xmark 0x7/0xffffffff => CONTINUE',
    '-A FORWARD -m mark --mark 0x7 -j DROP => DROP',
  ]);
  const dns = await traceJson(k, "a udp 10.1.0.2:5353 '>' 10.2.0.2:53");
  // The query RETURNs and meets the policy; the port unreachable it provokes gets marked and
  // dropped on its way back.
  assert.deepEqual(dns.filter((r) => r.fn === 'ipt_do_table' && r.ns === 'r').map((r) => `${r.rule ?? `policy of ${r.chain}`} => ${r.verdict}`), [
    '-A FORWARD -j CHK => JUMP',
    '-A CHK -p udp -m udp --dport 53 -j RETURN => RETURN',
    'policy of FORWARD => ACCEPT',
    '-A FORWARD -j CHK => JUMP',
    '-A CHK -j MARK --set-xmark 0x7/0xffffffff => CONTINUE',
    '-A FORWARD -m mark --mark 0x7 -j DROP => DROP',
  ]);
});

/** a (2001:db8:1::2) - r - c (2001:db8:2::2), IPv6 only. */
async function routed6(): Promise<Kernel> {
  const k = new Kernel({ seed: 5 });
  await must(k,
    'ip netns add a', 'ip netns add r', 'ip netns add c',
    'ip link add eth0 netns a type veth peer name r0 netns r',
    'ip link add eth0 netns c type veth peer name r1 netns r',
    'ip -n a addr add 2001:db8:1::2/64 dev eth0 nodad', 'ip -n r addr add 2001:db8:1::1/64 dev r0 nodad',
    'ip -n r addr add 2001:db8:2::1/64 dev r1 nodad', 'ip -n c addr add 2001:db8:2::2/64 dev eth0 nodad',
    'ip -n a link set eth0 up', 'ip -n r link set r0 up', 'ip -n r link set r1 up', 'ip -n c link set eth0 up',
    'ip -n a route add default via 2001:db8:1::1', 'ip -n c route add default via 2001:db8:2::1',
    'ip netns exec r sysctl -w net.ipv6.conf.all.forwarding=1');
  // The link-local addresses finish DAD.
  k.clock.advance(2500);
  return k;
}

test('IPv6: an echo request forwarded by r and answered by c, then a TCP SYN an ip6tables rule drops', async () => {
  const k = await routed6();
  // Neighbour discovery first, so the traced packets are not held waiting for it.
  const warm = await k.exec('ip netns exec a ping -c 1 -W 1 2001:db8:2::2');
  assert.equal(warm.status, 0, warm.stdout + warm.stderr);
  const recs = await traceJson(k, "a icmp 2001:db8:1::2 '>' 2001:db8:2::2");
  const req = recs[0]!;
  assert.equal(req.fn, 'ip6_local_out');
  assert.equal(req.route, 'unicast');
  assert.equal(req.via, '2001:db8:1::1');
  assert.match(req.pkt!, /^2001:db8:1::2 > 2001:db8:2::2 icmp6 type 128 code 0 hlim 64$/);
  const steps = recs.filter((r) => r.id === req.id && !r.fn.startsWith('neigh') && !r.fn.startsWith('ndisc')).map((r) => `${r.ns} ${r.fn}`);
  assert.deepEqual(steps, ['a ip6_local_out', 'a ip6_finish_output2', 'a dev_queue_xmit', 'r ipv6_rcv', 'r ip6_route_input',
    'r ip6_forward', 'r ip6_finish_output2', 'r dev_queue_xmit', 'c ipv6_rcv', 'c ip6_route_input', 'c ip6_input']);
  assert.ok(recs.some((r) => r.ns === 'a' && r.fn === 'ip6_input' && /^2001:db8:2::2 > 2001:db8:1::2 icmp6 type 129 /.test(r.pkt!)), 'the reply reaches a');
  await must(k, 'ip netns exec r ip6tables -A FORWARD -p tcp --dport 22 -j DROP');
  const syn = await traceJson(k, "a tcp [2001:db8:1::2]:40000 '>' [2001:db8:2::2]:22");
  const rule = syn.find((r) => r.fn === 'ip6t_do_table')!;
  assert.equal(rule.rule, '-A FORWARD -p tcp -m tcp --dport 22 -j DROP');
  assert.equal(syn.at(-1)!.reason, 'SKB_DROP_REASON_NETFILTER_DROP');
  const bad = await k.exec("netsim trace a tcp 2001:db8:1::2 '>' [2001:db8:2::2]:22");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /ADDRESS:PORT expected \(\[ADDRESS\]:PORT for IPv6\)/);
});

test('a SYN to a listening socket: the listener takes it, a child enters SYN_RECV and answers', async () => {
  const k = await routed();
  const { Socket, AF_INET, SOCK_STREAM } = await import('../../src/kernel/socket.js');
  const l = Socket.open(k.namedNetns.get('c')!, AF_INET, SOCK_STREAM);
  assert.ok(typeof l !== 'number');
  assert.equal(l.bind({ addr: 0, port: 80 }), 0);
  assert.equal(l.listen(8), 0);
  const recs = await traceJson(k, "a tcp 10.1.0.2:40000 '>' 10.2.0.2:80 syn");
  const rcv = recs.find((r) => r.ns === 'c' && r.fn === 'tcp_v4_rcv')!;
  assert.equal(rcv.state, 'TCP_LISTEN');
  const st = recs.find((r) => r.fn === 'inet_sock_set_state')!;
  assert.deepEqual([st.ns, st.sock, st.oldstate, st.newstate], ['c', '10.2.0.2:80 > 10.1.0.2:40000', 'TCP_CLOSE', 'TCP_SYN_RECV']);
  const synack = recs.find((r) => r.ns === 'c' && r.fn === 'ip_local_out')!;
  assert.match(synack.pkt!, /^10\.2\.0\.2:80 > 10\.1\.0\.2:40000 tcp \[S\.\]/);
  // a has no socket for the SYN-ACK: it resets the half-open connection.
  assert.ok(recs.some((r) => r.ns === 'a' && r.fn === 'ip_local_out' && /tcp \[R\]/.test(r.pkt!)));
  l.close();
});
