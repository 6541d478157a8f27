// The filter table on the IPv4 datapath: a router namespace whose FORWARD chain drops pings,
// counters on rules and policies, user chains with RETURN/goto, INPUT/OUTPUT in the hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed, runPing, nsOf } from '../datapath/helpers.js';
import { ipt } from './helpers.js';
import type { Kernel } from '../../src/index.js';

async function fw(k: Kernel, ns: string, cmd: string): Promise<string> {
  const r = await ipt(k, nsOf(k, ns), ['iptables', ...cmd.split(/\s+/)]);
  assert.equal(r.status, 0, `iptables ${cmd}: ${r.stderr}`);
  return r.stdout;
}

test('FORWARD rule in the router drops a ping; rule counters count it', async () => {
  const k = await routed();
  assert.equal((await runPing(k, '-c 1 10.2.0.2', 'a')).status, 0);
  await fw(k, 'r', '-A FORWARD -s 10.1.0.0/24 -p icmp --icmp-type echo-request -j DROP');
  const r = await runPing(k, '-c 2 -i 0.2 -W 1 10.2.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /2 packets transmitted, 0 received, 100% packet loss/);
  // Two 84-byte echo requests (20 IP + 8 ICMP + 56 data). As with iptables-nft, the table
  // came into being with the first iptables command: the earlier ping is not in the policy.
  assert.equal(await fw(k, 'r', '-L FORWARD -n -v -x'),
    'Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n' +
    '    pkts      bytes target     prot opt in     out     source               destination         \n' +
    '       2      168 DROP       1    --  *      *       10.1.0.0/24          0.0.0.0/0            icmptype 8\n');
  await fw(k, 'r', '-D FORWARD 1');
  assert.equal((await runPing(k, '-c 1 10.2.0.2', 'a')).status, 0);
});

test('policy DROP with an ACCEPT in a user chain; RETURN falls back to the policy', async () => {
  const k = await routed();
  await fw(k, 'r', '-N ALLOW');
  await fw(k, 'r', '-A ALLOW -i r1 -j RETURN');
  await fw(k, 'r', '-A ALLOW -p icmp -j ACCEPT');
  await fw(k, 'r', '-A FORWARD -j ALLOW');
  await fw(k, 'r', '-A FORWARD -i r1 -j ACCEPT');
  await fw(k, 'r', '-P FORWARD DROP');
  assert.equal((await runPing(k, '-c 1 10.2.0.2', 'a')).status, 0);
  // Without the second FORWARD rule the reply (in r1) RETURNs and meets the policy.
  await fw(k, 'r', '-D FORWARD -i r1 -j ACCEPT');
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 1);
  const s = await fw(k, 'r', '-L -v -n');
  // -P gave FORWARD nf_tables chain counters: the dropped reply is counted by the policy
  // (as the real iptables-nft shows); the RETURN rule counted both replies (the first ping's,
  // then the dropped one).
  assert.match(s, /^Chain FORWARD \(policy DROP 1 packets, 84 bytes\)$/m);
  assert.match(s, /^ +2 +168 RETURN +0 +-- +r1 /m);
  // goto: the user chain's end is the end of FORWARD, so the policy applies as well.
  await fw(k, 'r', '-R FORWARD 1 -g ALLOW');
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 1);
  await fw(k, 'r', '-P FORWARD ACCEPT');
  assert.equal((await runPing(k, '-c 1 10.2.0.2', 'a')).status, 0);
});

test('INPUT drop in the target host and OUTPUT drop in the sender', async () => {
  const k = await routed();
  await fw(k, 'c', '-A INPUT -p icmp ! -i lo -j DROP');
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 1);
  assert.match(await fw(k, 'c', '-S INPUT -v'), /^-A INPUT ! -i lo -p icmp -c 1 84 -j DROP$/m);
  await fw(k, 'c', '-F');
  assert.equal((await runPing(k, '-c 1 10.2.0.2', 'a')).status, 0);
  await fw(k, 'a', '-A OUTPUT -d 10.2.0.0/16 -o eth0 -j DROP');
  const r = await runPing(k, '-c 1 -W 1 10.2.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(await fw(k, 'a', '-L OUTPUT -v -n'), /^ +1 +84 DROP /m);
});

test('REJECT in FORWARD answers with the ICMP error of --reject-with', async () => {
  const k = await routed();
  await fw(k, 'r', '-A FORWARD -d 10.2.0.2 -j REJECT');
  const r = await runPing(k, '-c 1 -W 1 10.2.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^From 10\.1\.0\.1 icmp_seq=1 Destination Port Unreachable$/m);
  await fw(k, 'r', '-R FORWARD 1 -d 10.2.0.2 -j REJECT --reject-with icmp-admin-prohibited');
  const r2 = await runPing(k, '-c 1 -W 1 10.2.0.2', 'a');
  assert.match(r2.stdout, /^From 10\.1\.0\.1 icmp_seq=1 Packet filtered$/m);
  assert.match(await fw(k, 'r', '-L FORWARD -v -n'), /^ +1 +84 REJECT .* reject-with icmp-admin-prohibited$/m);
});

test('trace: the rules crossed, the deciding one, then kfree_skb NETFILTER_DROP', async () => {
  const k = await routed();
  await fw(k, 'r', '-N BLOCK');
  await fw(k, 'r', '-A BLOCK -p icmp -j DROP');
  await fw(k, 'r', '-A FORWARD -o r1 -j BLOCK');
  const evs: Record<string, unknown>[] = [];
  (k as unknown as { trace: (e: Record<string, unknown>) => void }).trace = (e) => evs.push(e);
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 1);
  const ipt = evs.filter((e) => e.fn === 'ipt_do_table');
  assert.ok(ipt.every((e) => e.ns === nsOf(k, 'r')));
  assert.deepEqual(ipt.map((e) => [e.table, e.chain, e.rulenum, e.verdict]),
    [['filter', 'FORWARD', 1, 'JUMP'], ['filter', 'BLOCK', 1, 'DROP']]);
  assert.ok(evs.some((e) => e.fn === 'kfree_skb' && e.reason === 'NETFILTER_DROP' && e.ns === nsOf(k, 'r')));
});
