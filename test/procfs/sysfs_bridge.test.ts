// /sys/class/net/BRIDGE/bridge/*, /sys/class/net/BRIDGE/brif/* and /sys/class/net/PORT/brport/*,
// against what the recording kernel (Linux 6.18, HZ=250) showed for
//   ip link add br0 type bridge; ip link add veth0 type veth peer name veth1
//   ip link set veth0 master br0
//   for f in $(ls /sys/class/net/br0/bridge); do echo "$f: $(cat $f)"; done  (and brport)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, run } from '../net_tools/helpers.js';
import { cat } from '../../src/tools/cat.js';
import { readProcFile, writeProcFile, listProcDir } from '../../src/kernel/procfs.js';
import { KernelError, EACCES, EINVAL, ERANGE } from '../../src/kernel/errno.js';
import { rtnlNewlink, rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';

function world() {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const br = rtnlNewlink(ns, 'bridge', { name: 'br0' });
  const v0 = rtnlNewlink(ns, 'veth', { name: 'veth0', peer: { name: 'veth1' } });
  rtnlSetlink(v0, { master: br.ifindex });
  const hex = [...br.addr].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { k, ns, br, v0, hex };
}

function errno(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return 0;
}

test('bridge/: the attributes the recording kernel lists, with its values', () => {
  const { k, ns, hex } = world();
  const want: [string, string][] = [
    ['ageing_time', '30000'], ['bridge_id', `8000.${hex}`], ['forward_delay', '1500'], ['gc_timer', '0'],
    ['group_addr', '01:80:c2:00:00:00'], ['group_fwd_mask', '0x0'], ['hash_elasticity', '16'], ['hash_max', '4096'],
    ['hello_time', '200'], ['hello_timer', '0'], ['max_age', '2000'], ['multicast_igmp_version', '2'],
    ['multicast_last_member_count', '2'], ['multicast_last_member_interval', '100'],
    ['multicast_membership_interval', '26000'], ['multicast_mld_version', '1'], ['multicast_querier', '0'],
    ['multicast_querier_interval', '25500'], ['multicast_query_interval', '12500'],
    ['multicast_query_response_interval', '1000'], ['multicast_query_use_ifaddr', '0'], ['multicast_router', '1'],
    ['multicast_snooping', '1'], ['multicast_startup_query_count', '2'], ['multicast_startup_query_interval', '3124'],
    ['multicast_stats_enabled', '0'], ['nf_call_arptables', '0'], ['nf_call_ip6tables', '0'], ['nf_call_iptables', '0'],
    ['no_linklocal_learn', '0'], ['priority', '32768'], ['root_id', `8000.${hex}`], ['root_path_cost', '0'],
    ['root_port', '0'], ['stp_state', '0'], ['tcn_timer', '0'], ['topology_change', '0'],
    ['topology_change_detected', '0'], ['topology_change_timer', '0'],
  ];
  assert.deepEqual(listProcDir(k, ns, '/sys/class/net/br0/bridge'), [...want.map(([f]) => f), 'flush'].sort());
  for (const [f, v] of want) assert.equal(readProcFile(k, ns, `/sys/class/net/br0/bridge/${f}`), `${v}\n`, f);
  // flush is write-only (0200): cat says "Permission denied".
  assert.equal(errno(() => readProcFile(k, ns, '/sys/class/net/br0/bridge/flush')), EACCES);
});

test('brport/: the attributes the recording kernel lists, with its values; brif/ and the links', async () => {
  const { k, ns, hex } = world();
  const want: [string, string][] = [
    ['backup_port', ''], ['bpdu_guard', '0\n'], ['broadcast_flood', '1\n'], ['change_ack', '0\n'],
    ['config_pending', '0\n'], ['designated_bridge', `8000.${hex}\n`], ['designated_cost', '0\n'],
    ['designated_port', '32769\n'], ['designated_root', `8000.${hex}\n`], ['forward_delay_timer', '0\n'],
    ['group_fwd_mask', '0x0\n'], ['hairpin_mode', '0\n'], ['hold_timer', '0\n'], ['isolated', '0\n'],
    ['learning', '1\n'], ['message_age_timer', '0\n'], ['multicast_fast_leave', '0\n'], ['multicast_flood', '1\n'],
    ['multicast_router', '1\n'], ['multicast_to_unicast', '0\n'], ['neigh_suppress', '0\n'], ['path_cost', '2\n'],
    ['port_id', '0x8001\n'], ['port_no', '0x1\n'], ['priority', '32\n'], ['proxyarp', '0\n'], ['proxyarp_wifi', '0\n'],
    ['root_block', '0\n'], ['state', '0\n'], ['unicast_flood', '1\n'],
  ];
  assert.deepEqual(listProcDir(k, ns, '/sys/class/net/veth0/brport'),
    [...want.map(([f]) => f), 'bridge', 'flush'].sort());
  for (const [f, v] of want) assert.equal(readProcFile(k, ns, `/sys/class/net/veth0/brport/${f}`), v, f);
  assert.deepEqual(listProcDir(k, ns, '/sys/class/net/br0/brif'), ['veth0']);
  assert.equal(readProcFile(k, ns, '/sys/class/net/br0/brif/veth0/port_no'), '0x1\n');
  assert.equal(readProcFile(k, ns, '/sys/class/net/veth0/brport/bridge/bridge/stp_state'), '0\n');
  assert.ok(listProcDir(k, ns, '/sys/class/net/br0').includes('lower_veth0'));
  assert.ok(listProcDir(k, ns, '/sys/class/net/veth0').includes('upper_br0'));
  assert.equal(readProcFile(k, ns, '/sys/class/net/veth0/master/ifindex'), '2\n');
  // Not a port, not a bridge: neither directory.
  const r = await run(k, cat, ['cat', '/sys/class/net/veth1/brport/state']);
  assert.deepEqual([r.err, r.status], ['cat: /sys/class/net/veth1/brport/state: No such file or directory\n', 1]);
  assert.ok(!listProcDir(k, ns, '/sys/class/net/veth1').includes('bridge'));
});

test('writes go through the bridge setters, with their errors', () => {
  // echo 1 > stp_state; echo 12 > brport/priority; echo 0x2 > group_fwd_mask (EINVAL);
  // echo 8 > group_fwd_mask; echo 1 > forward_delay (ERANGE with STP on); echo 100abc > path_cost
  const { k, ns } = world();
  const w = (p: string, v: string) => errno(() => writeProcFile(k, ns, p, v));
  const r = (p: string) => readProcFile(k, ns, p);
  assert.equal(w('/sys/class/net/br0/bridge/stp_state', '1\n'), 0);
  assert.equal(r('/sys/class/net/br0/bridge/stp_state'), '1\n');
  assert.equal(w('/sys/class/net/veth0/brport/priority', '12\n'), 0);
  assert.equal(r('/sys/class/net/veth0/brport/priority'), '12\n');
  assert.equal(r('/sys/class/net/veth0/brport/port_id'), '0x3001\n');
  assert.equal(w('/sys/class/net/br0/bridge/group_fwd_mask', '0x2\n'), EINVAL);
  assert.equal(w('/sys/class/net/br0/bridge/group_fwd_mask', '8\n'), 0);
  assert.equal(r('/sys/class/net/br0/bridge/group_fwd_mask'), '0x8\n');
  assert.equal(w('/sys/class/net/br0/bridge/forward_delay', '1\n'), ERANGE);
  assert.equal(w('/sys/class/net/veth0/brport/path_cost', '100abc\n'), 0);
  assert.equal(r('/sys/class/net/veth0/brport/path_cost'), '100\n');
  assert.equal(w('/sys/class/net/veth0/brport/path_cost', 'abc\n'), EINVAL);
  assert.equal(w('/sys/class/net/br0/bridge/ageing_time', '12x\n'), EINVAL);
});
