// The sysctl tree as kernel code and /proc/sys see it: per-namespace values, directories
// that follow devices, the side effects of forwarding/disable_ipv6/default writes, units
// and ranges, neighbour parameters, and change notification. Expected values were read
// on the real kernel in fresh namespaces (the command that showed each is quoted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, veth, up } from '../net_tools/helpers.js';
import {
  sysctlRead, sysctlWrite, sysctlInt, onSysctlChange, neighParam, ipv6DevConf, bindSysctlRecord, type SysctlChange,
} from '../../src/kernel/sysctl.js';
import { readProcFile, writeProcFile, listProcDir } from '../../src/kernel/procfs.js';
import { KernelError, EINVAL, EACCES, EIO, ENOENT, EPERM } from '../../src/kernel/errno.js';
import { rtnlSetlink, rtnlDellink } from '../../src/kernel/core/rtnetlink.js';
import { devconf } from '../../src/kernel/ipv4/devinet.js';

function errno(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return 0;
}

test('defaults of a fresh namespace (unshare --net sysctl -a)', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const r = (key: string) => sysctlRead(k, ns, key);
  assert.equal(r('net.ipv4.ip_forward'), '0\n');
  assert.equal(r('net.ipv4.ip_local_port_range'), '32768\t60999\n');
  assert.equal(r('net.ipv4.ip_default_ttl'), '64\n');
  assert.equal(r('net.ipv4.icmp_ratelimit'), '1000\n');
  assert.equal(r('net.ipv4.icmp_ratemask'), '6168\n');
  assert.equal(r('net.ipv4.icmp_echo_ignore_broadcasts'), '1\n');
  assert.equal(r('net.ipv4.ping_group_range'), '1\t0\n');
  assert.equal(r('net.ipv4.tcp_syn_retries'), '6\n');
  assert.equal(r('net.ipv4.tcp_fin_timeout'), '60\n');
  assert.equal(r('net.ipv4.tcp_keepalive_time'), '7200\n');
  assert.equal(r('net.ipv4.tcp_rmem'), '4096\t131072\t33554432\n');
  assert.equal(r('net.ipv4.ip_local_reserved_ports'), '\n');
  assert.equal(r('net.core.somaxconn'), '4096\n');
  assert.equal(r('net.ipv6.icmp.ratemask'), '0-1,3-127\n');
  assert.equal(r('net.ipv6.conf.all.accept_dad'), '0\n');
  assert.equal(r('net.ipv6.conf.default.accept_dad'), '1\n');
  assert.equal(r('net.ipv6.conf.lo.accept_dad'), '-1\n');
  assert.equal(r('net.ipv6.conf.lo.use_tempaddr'), '-1\n');
  assert.equal(r('net.ipv6.conf.lo.mtu'), '65536\n');
  assert.equal(r('net.ipv4.neigh.lo.retrans_time'), '100\n');
  assert.equal(r('net.ipv6.neigh.lo.retrans_time'), '250\n');
  assert.equal(r('net.ipv4.neigh.lo.locktime'), '100\n');
  assert.equal(r('net.ipv6.neigh.lo.locktime'), '0\n');
  assert.equal(r('net.ipv4.neigh.lo.unres_qlen'), '101\n');
  assert.equal(r('kernel.random.boot_id'), `${k.bootId}\n`);
  assert.equal(r('kernel.hostname'), 'netsim\n');
  // A namespace other than init_net has no neigh.default and no netdev_max_backlog.
  assert.equal(errno(() => r('net.ipv4.neigh.default.gc_thresh1')), ENOENT);
  assert.equal(errno(() => r('net.core.netdev_max_backlog')), ENOENT);
  // net/netfilter is nf_conntrack's (loaded, as on the reference machine); net/bridge would
  // be br_netfilter's.
  assert.deepEqual(listProcDir(k, ns, '/proc/sys/net'), ['core', 'ipv4', 'ipv6', 'mptcp', 'netfilter', 'unix']);
});

test('values are per namespace; kernel.* per machine', () => {
  const k = new Kernel({ seed: 1 });
  const other = k.createNetns();
  sysctlWrite(k, k.initNet, 'net.ipv4.ip_forward', '1');
  sysctlWrite(k, k.initNet, 'net.ipv4.tcp_syn_retries', '3');
  assert.equal(sysctlRead(k, other, 'net.ipv4.ip_forward'), '0\n');
  assert.equal(sysctlRead(k, other, 'net.ipv4.tcp_syn_retries'), '6\n');
  sysctlWrite(k, other, 'kernel.hostname', 'box');
  assert.equal(k.hostname, 'box');
  assert.equal(sysctlRead(k, k.initNet, 'kernel.hostname'), 'box\n');
});

test('ip_forward is conf.all.forwarding and reaches every device (devinet_sysctl_forward)', () => {
  // recorded: sysctl -w net.ipv4.ip_forward=2; sysctl net.ipv4.conf.{all,lo,default}.forwarding
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0] = veth(ns, 'v0', 'v1');
  sysctlWrite(k, ns, 'net.ipv4.ip_forward', '2');
  for (const key of ['all', 'default', 'lo', 'v0', 'v1']) assert.equal(sysctlRead(k, ns, `net.ipv4.conf.${key}.forwarding`), '2\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.all.accept_redirects'), '0\n');
  assert.equal(devconf(v0, 'forwarding'), 2);
  // A device's own value may then differ; ip_forward keeps the "all" value.
  sysctlWrite(k, ns, 'net.ipv4.conf.lo.forwarding', '0');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.ip_forward'), '2\n');
  sysctlWrite(k, ns, 'net.ipv4.conf.all.forwarding', '0');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.ip_forward'), '0\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.all.accept_redirects'), '1\n');
  // A device created later copies "default".
  sysctlWrite(k, ns, 'net.ipv4.conf.default.forwarding', '1');
  veth(ns, 'v2', 'v3');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v2.forwarding'), '1\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v0.forwarding'), '0\n');
});

test('conf.default reaches devices whose value was never written, not lo once up', () => {
  // recorded: sysctl -qw net.ipv4.conf.v0.rp_filter=2; sysctl -qw net.ipv4.conf.default.rp_filter=1
  // -> v0 2, v1 1, lo 1; and writing default.arp_ignore=2 reaches lo while it is down.
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  veth(ns, 'v0', 'v1');
  sysctlWrite(k, ns, 'net.ipv4.conf.v0.rp_filter', '2');
  sysctlWrite(k, ns, 'net.ipv4.conf.default.rp_filter', '1');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v0.rp_filter'), '2\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v1.rp_filter'), '1\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.lo.rp_filter'), '1\n');
  // "all" is not copied anywhere.
  sysctlWrite(k, ns, 'net.ipv4.conf.all.rp_filter', '2');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v1.rp_filter'), '1\n');
  // Flushing entries (disable_policy, ...) are not copied from default.
  sysctlWrite(k, ns, 'net.ipv4.conf.default.disable_policy', '1');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v1.disable_policy'), '0\n');
  // lo up marks all its values as set (ipv4_devconf_setall()).
  up(ns.devByName('lo')!);
  sysctlWrite(k, ns, 'net.ipv4.conf.default.arp_ignore', '2');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.lo.arp_ignore'), '0\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v1.arp_ignore'), '2\n');
});

test('a new device copies conf.default with its record of written values (inetdev_init())', () => {
  // recorded (091-sysctl-per-device): default.arp_ignore=1; add veth2/veth3;
  // default.arp_ignore=3 -> veth2 and veth3 stay 1, an older device never written follows.
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  veth(ns, 'v0', 'v1');
  sysctlWrite(k, ns, 'net.ipv4.conf.default.arp_ignore', '1');
  veth(ns, 'v2', 'v3');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v2.arp_ignore'), '1\n');
  sysctlWrite(k, ns, 'net.ipv4.conf.default.arp_ignore', '3');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v0.arp_ignore'), '3\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v2.arp_ignore'), '1\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v3.arp_ignore'), '1\n');
  // Only the written value is pinned: another default still reaches v2.
  sysctlWrite(k, ns, 'net.ipv4.conf.default.rp_filter', '2');
  assert.equal(sysctlRead(k, ns, 'net.ipv4.conf.v2.rp_filter'), '2\n');
  // The record belongs to the namespace's default: another namespace's devices follow.
  const other = k.createNetns();
  veth(other, 'w0', 'w1');
  sysctlWrite(k, other, 'net.ipv4.conf.default.arp_ignore', '2');
  assert.equal(sysctlRead(k, other, 'net.ipv4.conf.w0.arp_ignore'), '2\n');
});

test('device directories appear, follow renames and go away', () => {
  // recorded: ip link set v2 name v22 -> conf/ and neigh/ list v22; the neigh values stay.
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0, v1] = veth(ns, 'v0', 'v1');
  assert.deepEqual(listProcDir(k, ns, '/proc/sys/net/ipv4/conf'), ['all', 'default', 'lo', 'v0', 'v1']);
  assert.deepEqual(listProcDir(k, ns, '/proc/sys/net/ipv6/neigh'), ['lo', 'v0', 'v1']);
  sysctlWrite(k, ns, 'net.ipv4.neigh.v0.ucast_solicit', '7');
  rtnlSetlink(v0, { name: 'v00' });
  assert.equal(sysctlRead(k, ns, 'net.ipv4.neigh.v00.ucast_solicit'), '7\n');
  assert.equal(errno(() => sysctlRead(k, ns, 'net.ipv4.neigh.v0.ucast_solicit')), ENOENT);
  // Below 1280 IPv6 goes away from the device, and comes back with "default"'s values.
  sysctlWrite(k, ns, 'net.ipv6.conf.default.accept_ra', '2');
  rtnlSetlink(v1, { mtu: 1000 });
  assert.deepEqual(listProcDir(k, ns, '/proc/sys/net/ipv6/conf'), ['all', 'default', 'lo', 'v00']);
  assert.ok(ipv6DevConf(v1) === undefined);
  rtnlSetlink(v1, { mtu: 1400 });
  assert.equal(sysctlRead(k, ns, 'net.ipv6.conf.v1.mtu'), '1400\n');
  assert.equal(sysctlRead(k, ns, 'net.ipv6.conf.v1.accept_ra'), '2\n');
  rtnlDellink(v1);
  assert.deepEqual(listProcDir(k, ns, '/proc/sys/net/ipv4/conf'), ['all', 'default', 'lo']);
});

test('ipv6: all.forwarding/disable_ipv6/addr_gen_mode reach default and devices; others do not', () => {
  // recorded: "forwarding after all=1: default=1 lo=1 v0=1", the same for disable_ipv6,
  // addr_gen_mode and ignore_routes_with_linkdown; "force_forwarding after all=1: default=0
  // lo=1 v0=1"; "hop_limit after all=1: default=64 lo=64 v0=64".
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  veth(ns, 'v0', 'v1');
  const r = (key: string) => sysctlRead(k, ns, key).trim();
  for (const key of ['forwarding', 'disable_ipv6', 'addr_gen_mode', 'ignore_routes_with_linkdown']) {
    sysctlWrite(k, ns, `net.ipv6.conf.all.${key}`, '1');
    assert.deepEqual([r(`net.ipv6.conf.default.${key}`), r(`net.ipv6.conf.lo.${key}`), r(`net.ipv6.conf.v0.${key}`)], ['1', '1', '1'], key);
  }
  sysctlWrite(k, ns, 'net.ipv6.conf.all.force_forwarding', '1');
  assert.deepEqual([r('net.ipv6.conf.default.force_forwarding'), r('net.ipv6.conf.v0.force_forwarding')], ['0', '1']);
  sysctlWrite(k, ns, 'net.ipv6.conf.all.hop_limit', '1');
  assert.deepEqual([r('net.ipv6.conf.default.hop_limit'), r('net.ipv6.conf.v0.hop_limit')], ['64', '64']);
  // mtu is bounded by 1280 and the device's MTU; addr_gen_mode 2 needs a secret.
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.v0.mtu', '1501')), EINVAL);
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.all.mtu', '1279')), EINVAL);
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.v0.addr_gen_mode', '2')), EINVAL);
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.v0.addr_gen_mode', '7')), EINVAL);
  // stable_secret: EIO until set, always on "all"; printed as %pI6 (recorded).
  assert.equal(errno(() => sysctlRead(k, ns, 'net.ipv6.conf.v0.stable_secret')), EIO);
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.all.stable_secret', '::1')), EIO);
  assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv6.conf.v0.stable_secret', 'abc')), EIO);
  sysctlWrite(k, ns, 'net.ipv6.conf.v0.stable_secret', '2001:db8::1:2');
  assert.equal(r('net.ipv6.conf.v0.stable_secret'), '2001:0db8:0000:0000:0000:0000:0001:0002');
  assert.equal(r('net.ipv6.conf.v0.addr_gen_mode'), '2');
});

test('units and rounding at HZ=250; ranges give EINVAL; read-only entries EACCES', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const w = (key: string, v: string) => sysctlWrite(k, ns, key, v);
  const r = (key: string) => sysctlRead(k, ns, key).trim();
  // recorded: retrans_time_ms=10 -> 12 (retrans_time 1); 1001 -> 1004; retrans_time=7 -> 68 ms
  w('net.ipv4.neigh.lo.retrans_time_ms', '10');
  assert.deepEqual([r('net.ipv4.neigh.lo.retrans_time_ms'), r('net.ipv4.neigh.lo.retrans_time')], ['12', '1']);
  w('net.ipv4.neigh.lo.retrans_time_ms', '1001');
  assert.deepEqual([r('net.ipv4.neigh.lo.retrans_time_ms'), r('net.ipv4.neigh.lo.retrans_time')], ['1004', '100']);
  w('net.ipv4.neigh.lo.retrans_time', '7');
  assert.equal(r('net.ipv4.neigh.lo.retrans_time_ms'), '68');
  w('net.ipv4.neigh.lo.locktime', '-1');
  assert.equal(r('net.ipv4.neigh.lo.locktime'), '-0');
  assert.equal(errno(() => w('net.ipv4.neigh.lo.interval_probe_time_ms', '0')), EINVAL);
  assert.equal(errno(() => w('net.ipv4.neigh.lo.retrans_time_ms', '-5')), EINVAL);
  assert.equal(errno(() => w('net.ipv4.neigh.lo.base_reachable_time', '8589935')), EINVAL);
  w('net.ipv4.neigh.lo.base_reachable_time', '8589934');
  w('net.ipv4.icmp_ratelimit', '1001');
  assert.equal(r('net.ipv4.icmp_ratelimit'), '1004');
  assert.equal(sysctlInt(ns, 'net.ipv4.icmp_ratelimit'), 1004);
  // proc_dointvec parsing: base 0, whitespace after a number, extra numbers ignored.
  w('net.ipv4.tcp_syn_retries', '0x10');
  assert.equal(r('net.ipv4.tcp_syn_retries'), '16');
  w('net.ipv4.tcp_syn_retries', '010');
  assert.equal(r('net.ipv4.tcp_syn_retries'), '8');
  w('net.ipv4.tcp_syn_retries', '5 9');
  assert.equal(r('net.ipv4.tcp_syn_retries'), '5');
  for (const bad of ['abc', '1x', '08', '', '-', '128', '0']) assert.equal(errno(() => w('net.ipv4.tcp_syn_retries', bad)), EINVAL, bad);
  assert.equal(errno(() => w('net.ipv4.ip_forward', '2147483648')), EINVAL);
  w('net.ipv4.ip_forward', '-2147483648');
  assert.equal(errno(() => w('net.core.rmem_max', '1')), EACCES);
  assert.equal(errno(() => w('net.ipv4.tcp_congestion_control', 'cubic')), EPERM);
  assert.equal(errno(() => w('net.ipv4.tcp_congestion_control', 'foo')), ENOENT);
  w('net.ipv4.ip_local_reserved_ports', '8000-8010,9000');
  assert.equal(r('net.ipv4.ip_local_reserved_ports'), '8000-8010,9000');
  // ip_local_port_range may not reach below ip_unprivileged_port_start (recorded EINVAL).
  assert.equal(errno(() => w('net.ipv4.ip_local_port_range', '1000 2000')), EINVAL);
  w('net.ipv4.ip_local_port_range', '2000 10000');
  assert.equal(errno(() => w('net.ipv4.ip_unprivileged_port_start', '3000')), EINVAL);
  w('net.ipv4.ip_unprivileged_port_start', '2000');
});

test('neighParam: the neighbour code reads per-device parameters in milliseconds', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0] = veth(ns, 'v0', 'v1');
  assert.equal(neighParam(v0, 4, 'base_reachable_time_ms'), 30000);
  assert.equal(neighParam(v0, 4, 'base_reachable_time'), 30000);
  assert.equal(neighParam(v0, 4, 'retrans_time'), 1000);
  assert.equal(neighParam(v0, 4, 'delay_first_probe_time'), 5000);
  assert.equal(neighParam(v0, 4, 'gc_stale_time'), 60000);
  assert.equal(neighParam(v0, 4, 'ucast_solicit'), 3);
  assert.equal(neighParam(v0, 4, 'mcast_probes'), 3);
  assert.equal(neighParam(v0, 4, 'unres_qlen'), 101);
  assert.equal(neighParam(v0, 4, 'unres_qlen_bytes'), 212992);
  assert.equal(neighParam(v0, 4, 'locktime'), 1000);
  assert.equal(neighParam(v0, 6, 'locktime'), 0);
  assert.equal(neighParam(v0, 4, 'proxy_delay'), 800);
  assert.equal(neighParam(undefined, 4, 'gc_thresh3'), 1024);
  sysctlWrite(k, ns, 'net.ipv4.neigh.v0.base_reachable_time', '7');
  sysctlWrite(k, ns, 'net.ipv4.neigh.v0.unres_qlen', '3');
  assert.equal(neighParam(v0, 4, 'base_reachable_time_ms'), 7000);
  assert.equal(neighParam(v0, 4, 'unres_qlen_bytes'), 3 * 2090);
  assert.equal(neighParam(ns.devByName('v1')!, 4, 'base_reachable_time_ms'), 30000);
  assert.equal(neighParam(v0, 6, 'base_reachable_time_ms'), 30000);
});

test('onSysctlChange reports the written key and the values a handler changed', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0] = veth(ns, 'v0', 'v1');
  const seen: SysctlChange[] = [];
  const off = onSysctlChange((c) => seen.push(c));
  try {
    writeProcFile(k, ns, '/proc/sys/net/ipv4/ip_forward', '1\n');
    const paths = seen.map((c) => c.path);
    assert.ok(paths.includes('net/ipv4/ip_forward'));
    assert.ok(paths.includes('net/ipv4/conf/all/forwarding'));
    assert.ok(paths.includes('net/ipv4/conf/v0/forwarding'));
    assert.equal(seen.find((c) => c.path === 'net/ipv4/conf/v0/forwarding')!.dev, v0);
    assert.equal(seen[0]!.netns, ns);
    seen.length = 0;
    sysctlWrite(k, ns, 'net.ipv4.ip_forward', '1'); // no change, no side effects
    assert.deepEqual(seen.map((c) => c.path), ['net/ipv4/ip_forward']);
  } finally {
    off();
  }
});

test('/proc/sys through the file API: reads, writes and errno', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  assert.equal(readProcFile(k, ns, '/proc/sys/net/ipv4/ip_forward'), '0\n');
  writeProcFile(k, ns, '/proc/sys/net/ipv4/ip_forward', '1\n');
  assert.equal(readProcFile(k, ns, '/proc/sys/net/ipv4/ip_forward'), '1\n');
  assert.equal(errno(() => readProcFile(k, ns, '/proc/sys/net/ipv4/route/flush')), EACCES);
  writeProcFile(k, ns, '/proc/sys/net/ipv4/route/flush', 'anything\n');
  assert.equal(errno(() => readProcFile(k, ns, '/proc/sys/net/ipv4/nosuch')), ENOENT);
  assert.equal(errno(() => writeProcFile(k, ns, '/proc/sys/net/ipv4/ip_default_ttl', '0\n')), EINVAL);
});

test('bindSysctlRecord: net.ipv4.icmp_* can live in the record the ICMP code keeps', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const rec = { icmp_ratelimit: 1000, icmp_echo_ignore_all: 0 };
  const unbind = bindSysctlRecord('net/ipv4', (n) => (n === ns ? rec : { icmp_ratelimit: 1000, icmp_echo_ignore_all: 0 }));
  try {
    sysctlWrite(k, ns, 'net.ipv4.icmp_echo_ignore_all', '1');
    sysctlWrite(k, ns, 'net.ipv4.icmp_ratelimit', '1001');
    assert.deepEqual(rec, { icmp_ratelimit: 1004, icmp_echo_ignore_all: 1 });
    rec.icmp_ratelimit = 200;
    assert.equal(sysctlRead(k, ns, 'net.ipv4.icmp_ratelimit'), '200\n');
    assert.equal(sysctlInt(ns, 'net.ipv4.icmp_ratelimit'), 200);
    assert.equal(errno(() => sysctlWrite(k, ns, 'net.ipv4.icmp_echo_ignore_all', '2')), EINVAL);
    assert.equal(sysctlRead(k, ns, 'net.ipv4.icmp_ratemask'), '6168\n');
  } finally {
    unbind();
  }
});
