// net/ipv4/sysctl_net_ipv4.c, route.c and devinet.c's sysctl tables: /proc/sys/net/ipv4.
// The defaults are those of a fresh network namespace on the recording kernel (what
// `unshare --net sysctl -a` prints there); ranges were read off the same kernel.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { inDev, ipv4Net, IPV4_DEVCONF_DEFAULTS } from '../ipv4/devinet.js';
import { EINVAL, ENOENT, EPERM, KernelError } from '../errno.js';
import {
  registerTable, registerSysctl, ctlFile, customFile, dirNode, parseVector, parseString, parseBitmap,
  formatBitmap, sysctlNotify, netStore, INT_MAX, ULONG_MAX,
  type Row, type SysctlCtx, type SysNode, type SysFile, type Accessor, type Raw,
} from './sysctl_core.js';

const RW = 0o644, RO = 0o444;

/** net/ipv4 entries with a plain handler (sysctl_net_ipv4.c ipv4_net_table). */
const IPV4_ROWS: Row[] = [
  ['fib_multipath_hash_fields', RW, 'i:1:4095', 7],
  ['fib_multipath_hash_policy', RW, 'i:0:3', 0],
  ['fib_multipath_hash_seed', RW, 'u', 0],
  ['fib_multipath_use_neigh', RW, 'i:0:1', 0],
  ['fib_notify_on_flag_change', RW, 'i:0:2', 0],
  ['fwmark_reflect', RW, 'i:0:255', 0],
  ['icmp_echo_enable_probe', RW, 'i:0:1', 0],
  ['icmp_echo_ignore_all', RW, 'i:0:1', 0],
  ['icmp_echo_ignore_broadcasts', RW, 'i:0:1', 1],
  ['icmp_errors_use_inbound_ifaddr', RW, 'i:0:1', 0],
  ['icmp_ignore_bogus_error_responses', RW, 'i:0:1', 1],
  ['icmp_msgs_burst', RW, `i:0:${INT_MAX}`, 50],
  ['icmp_msgs_per_sec', RW, `i:0:${INT_MAX}`, 1000],
  ['icmp_ratelimit', RW, 'ms', 1000],
  ['icmp_ratemask', RW, 'i', 6168],
  ['igmp_link_local_mcast_reports', RW, 'i:0:255', 1],
  ['igmp_max_memberships', RW, 'i', 20],
  ['igmp_max_msf', RW, 'i', 10],
  ['igmp_qrv', RW, `i:1:${INT_MAX}`, 2],
  ['ip_autobind_reuse', RW, 'i:0:1', 0],
  ['ip_default_ttl', RW, 'i:1:255', 64],
  ['ip_dynaddr', RW, 'i:0:255', 0],
  ['ip_early_demux', RW, 'i:0:255', 1],
  ['ip_forward_update_priority', RW, 'i:0:1', 1],
  ['ip_forward_use_pmtu', RW, 'i:0:255', 0],
  ['ip_local_port_range', RW, 'v2:1:65535', [32768, 60999]],
  ['ip_no_pmtu_disc', RW, 'i:0:255', 0],
  ['ip_nonlocal_bind', RW, 'i:0:255', 0],
  ['ip_unprivileged_port_start', RW, 'i:0:65535', 1024],
  ['ipfrag_high_thresh', RW, 'ul', 4194304n],
  ['ipfrag_low_thresh', RW, 'ul', 3145728n],
  ['ipfrag_max_dist', RW, `i:0:${INT_MAX}`, 64],
  ['ipfrag_time', RW, 'j', 30],
  ['nexthop_compat_mode', RW, 'i:0:1', 1],
  ['ping_group_range', RW, 'v2:0:2147483647', [1, 0]],
  ['raw_l3mdev_accept', RW, 'i:0:1', 1],
  ['tcp_abort_on_overflow', RW, 'i:0:255', 0],
  ['tcp_adv_win_scale', RW, 'i:-31:31', 1],
  ['tcp_allowed_congestion_control', RO, 's:256', 'reno bbr'],
  ['tcp_app_win', RW, 'i:0:31', 31],
  ['tcp_autocorking', RW, 'i:0:1', 1],
  ['tcp_available_congestion_control', RO, 's:256', 'reno bbr cubic'],
  ['tcp_backlog_ack_defer', RW, 'i:0:1', 1],
  ['tcp_base_mss', RW, 'i', 1024],
  ['tcp_challenge_ack_limit', RW, 'i', 2147483647],
  ['tcp_child_ehash_entries', RW, 'i:0:16777216', 0],
  ['tcp_comp_sack_delay_ns', RW, 'ul', 1000000n],
  ['tcp_comp_sack_nr', RW, 'i:0:255', 44],
  ['tcp_comp_sack_slack_ns', RW, 'ul', 100000n],
  ['tcp_congestion_control', RW, 's:16', 'bbr'],
  ['tcp_dsack', RW, 'i:0:255', 1],
  ['tcp_early_demux', RW, 'i:0:255', 1],
  ['tcp_early_retrans', RW, 'i:0:4', 3],
  ['tcp_ecn', RW, 'i:0:2', 2],
  ['tcp_ecn_fallback', RW, 'i:0:1', 1],
  ['tcp_ecn_option', RW, 'i:0:2', 2],
  ['tcp_ecn_option_beacon', RW, 'i:0:3', 3],
  ['tcp_ehash_entries', RO, 'i', -262144],
  ['tcp_fack', RW, 'i:0:255', 0],
  ['tcp_fastopen', RW, 'i', 1],
  ['tcp_fastopen_blackhole_timeout_sec', RW, `i:0:${INT_MAX}`, 0],
  ['tcp_fastopen_key', 0o600, 's:64', '00000000-00000000-00000000-00000000'],
  ['tcp_fin_timeout', RW, 'j', 60],
  ['tcp_frto', RW, 'i:0:255', 2],
  ['tcp_fwmark_accept', RW, 'i:0:255', 0],
  ['tcp_invalid_ratelimit', RW, 'ms', 500],
  ['tcp_keepalive_intvl', RW, 'j', 75],
  ['tcp_keepalive_probes', RW, 'i:0:255', 9],
  ['tcp_keepalive_time', RW, 'j', 7200],
  ['tcp_l3mdev_accept', RW, 'i:0:1', 0],
  ['tcp_limit_output_bytes', RW, 'i', 4194304],
  ['tcp_max_reordering', RW, `i:1:${INT_MAX}`, 300],
  ['tcp_max_syn_backlog', RW, 'i', 2048],
  ['tcp_max_tw_buckets', RW, 'i', 131072],
  ['tcp_migrate_req', RW, 'i:0:1', 0],
  ['tcp_min_rtt_wlen', RW, 'i:0:86400', 300],
  ['tcp_min_snd_mss', RW, 'i:48:65535', 48],
  ['tcp_min_tso_segs', RW, 'i:1:255', 2],
  ['tcp_moderate_rcvbuf', RW, 'i:0:255', 1],
  ['tcp_mtu_probe_floor', RW, 'i:48:65535', 48],
  ['tcp_mtu_probing', RW, 'i:0:255', 0],
  ['tcp_no_metrics_save', RW, 'i:0:255', 0],
  ['tcp_no_ssthresh_metrics_save', RW, 'i:0:1', 1],
  ['tcp_notsent_lowat', RW, 'u', 4294967295],
  ['tcp_orphan_retries', RW, 'i:0:255', 0],
  ['tcp_pacing_ca_ratio', RW, 'i:0:1000', 120],
  ['tcp_pacing_ss_ratio', RW, 'i:0:1000', 200],
  ['tcp_pingpong_thresh', RW, 'i:1:255', 1],
  ['tcp_plb_cong_thresh', RW, 'i:0:256', 128],
  ['tcp_plb_enabled', RW, 'i:0:1', 0],
  ['tcp_plb_idle_rehash_rounds', RW, 'i:0:31', 3],
  ['tcp_plb_rehash_rounds', RW, 'i:0:31', 12],
  ['tcp_plb_suspend_rto_sec', RW, 'i:0:255', 60],
  ['tcp_probe_interval', RW, 'i:0:17179869', 600],
  ['tcp_probe_threshold', RW, 'i', 8],
  ['tcp_recovery', RW, 'i:0:255', 1],
  ['tcp_reflect_tos', RW, 'i:0:1', 0],
  ['tcp_reordering', RW, 'i:1:300', 3],
  ['tcp_retrans_collapse', RW, 'i:0:255', 1],
  ['tcp_retries1', RW, 'i:0:255', 3],
  ['tcp_retries2', RW, 'i:0:255', 15],
  ['tcp_rfc1337', RW, 'i:0:255', 0],
  ['tcp_rmem', RW, `v3:1:${INT_MAX}`, [4096, 131072, 33554432]],
  ['tcp_rto_max_ms', RW, 'i:1000:120000', 120000],
  ['tcp_rto_min_us', RW, `i:1:${INT_MAX}`, 200000],
  ['tcp_sack', RW, 'i:0:255', 1],
  ['tcp_shrink_window', RW, 'i:0:1', 0],
  ['tcp_slow_start_after_idle', RW, 'i:0:255', 1],
  ['tcp_stdurg', RW, 'i:0:255', 0],
  ['tcp_syn_linear_timeouts', RW, 'i:0:127', 4],
  ['tcp_syn_retries', RW, 'i:1:127', 6],
  ['tcp_synack_retries', RW, 'i:0:255', 5],
  ['tcp_syncookies', RW, 'i:0:255', 1],
  ['tcp_thin_linear_timeouts', RW, 'i:0:255', 0],
  ['tcp_timestamps', RW, 'i:0:255', 1],
  ['tcp_tso_rtt_log', RW, 'i:0:255', 9],
  ['tcp_tso_win_divisor', RW, 'i:0:255', 3],
  ['tcp_tw_reuse', RW, 'i:0:2', 2],
  ['tcp_tw_reuse_delay', RW, 'i:1:60000', 1000],
  ['tcp_window_scaling', RW, 'i:0:255', 1],
  ['tcp_wmem', RW, `v3:1:${INT_MAX}`, [4096, 16384, 4194304]],
  ['tcp_workaround_signed_windows', RW, 'i:0:255', 0],
  ['udp_child_hash_entries', RW, 'i:0:65536', 0],
  ['udp_early_demux', RW, 'i:0:255', 1],
  ['udp_hash_entries', RO, 'i', -16384],
  ['udp_l3mdev_accept', RW, 'i:0:1', 0],
  ['udp_rmem_min', RW, `i:1:${INT_MAX}`, 4096],
  ['udp_wmem_min', RW, `i:1:${INT_MAX}`, 4096],
  ['xfrm4_gc_thresh', RW, 'i', 32768],
];

const ROUTE_ROWS: Row[] = [
  ['min_adv_mss', RW, 'i', 256],
  ['min_pmtu', RW, `i:68:${INT_MAX}`, 552],
  ['mtu_expires', RW, 'j', 600],
];

function stored(ns: Netns, key: string): Raw | undefined {
  return netStore(ns).get(`net/ipv4/${key}`);
}

/** Handlers of net/ipv4 entries that do more than store a value. */
const IPV4_HOOKS: Parameters<typeof registerTable>[3] = {
  // ipv4_local_port_range(): both ends in 1..65535, ordered, and not below
  // ip_unprivileged_port_start; applied only when all of that holds.
  ip_local_port_range: (ctx, acc, _sp, mode) => customFile(mode, () => (acc.get() as number[]).join('\t') + '\n', (text) => {
    const r = [...(acc.get() as number[])];
    parseVector(text, 2, (neg, val, i) => {
      if (neg || val < 1n || val > 65535n) return false;
      r[i] = Number(val);
      return true;
    });
    const prot = (stored(ctx.ns, 'ip_unprivileged_port_start') as number | undefined) ?? 1024;
    if (r[1]! < r[0]! || r[0]! < prot) throw new KernelError(EINVAL);
    acc.set(r);
  }, () => (acc.get() as number[])[0]!),
  // ipv4_privileged_ports(): may not reach into the local port range.
  ip_unprivileged_port_start: (ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (text) => {
    const low = ((stored(ctx.ns, 'ip_local_port_range') as number[] | undefined) ?? [32768])[0]!;
    let v = 0;
    parseVector(text, 1, (neg, val) => {
      if (neg || val > BigInt(low)) return false;
      v = Number(val);
      return true;
    });
    acc.set(v);
  }, () => acc.get() as number),
  // ipv4_ping_group_range(): an inverted range disables ping sockets ("1 0").
  ping_group_range: (_ctx, acc, _sp, mode) => customFile(mode, () => (acc.get() as number[]).join('\t') + '\n', (text) => {
    const r = [...(acc.get() as number[])];
    parseVector(text, 2, (neg, val, i) => {
      if (neg || val > 2147483647n) return false;
      r[i] = Number(val);
      return true;
    });
    acc.set(r[1]! < r[0]! ? [1, 0] : r);
  }, () => (acc.get() as number[])[0]!),
  // proc_tcp_congestion_control(): a known algorithm, and in a namespace other than
  // init_net only one of the allowed ones.
  tcp_congestion_control: (ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (text) => {
    const name = parseString(text, 16);
    const avail = String(stored(ctx.ns, 'tcp_available_congestion_control') ?? 'reno bbr cubic').split(' ');
    const allowed = String(stored(ctx.ns, 'tcp_allowed_congestion_control') ?? 'reno bbr').split(' ');
    if (!avail.includes(name)) throw new KernelError(ENOENT);
    if (!allowed.includes(name)) throw new KernelError(EPERM);
    acc.set(name);
  }),
  // proc_tcp_fastopen_key(): "%x-%x-%x-%x".
  tcp_fastopen_key: (_ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (text) => {
    const m = /^([0-9a-fA-F]+)-([0-9a-fA-F]+)-([0-9a-fA-F]+)-([0-9a-fA-F]+)/.exec(parseString(text, 64));
    if (!m) throw new KernelError(EINVAL);
    acc.set(m.slice(1, 5).map((h) => (parseInt(h.slice(-8), 16) >>> 0).toString(16).padStart(8, '0')).join('-'));
  }),
  // The fragment memory limits bound each other (proc_doulongvec_minmax with extra1/2).
  ipfrag_high_thresh: (ctx, acc, _sp, mode) => ctlFile({ t: 'ul', lmin: BigInt(stored(ctx.ns, 'ipfrag_low_thresh') as bigint ?? 3145728n), lmax: ULONG_MAX }, mode, acc),
  ipfrag_low_thresh: (ctx, acc, _sp, mode) => ctlFile({ t: 'ul', lmin: 0n, lmax: BigInt(stored(ctx.ns, 'ipfrag_high_thresh') as bigint ?? 4194304n) }, mode, acc),
};

registerTable('net/ipv4', 'net', IPV4_ROWS, IPV4_HOOKS);
registerTable('net/ipv4/route', 'net', ROUTE_ROWS);

// ip_local_reserved_ports: a bitmap of 65536 ports (proc_do_large_bitmap).
registerSysctl('net/ipv4', function* (ctx) {
  const store = netStore(ctx.ns);
  const key = 'net/ipv4/ip_local_reserved_ports';
  yield ['ip_local_reserved_ports', customFile(RW, () => formatBitmap((store.get(key) as unknown as Set<number>) ?? new Set()) + '\n', (text) => {
    store.set(key, parseBitmap(text, 65536) as unknown as Raw);
  })];
});

// ipv4_sysctl_rtcache_flush(): write-only; any write flushes the route cache.
registerSysctl('net/ipv4/route', function* () {
  yield ['flush', customFile(0o200, () => '', () => {})];
});

// ---------------------------------------------------------------------------------------
// net/ipv4/conf/{all,default,DEV} and net/ipv4/ip_forward: devinet.c's devconf tables.

/** devinet_conf_proc() remembers which values were written on a device (cnf->state), so
 *  that a later write to "default" leaves them alone. */
const confState = new WeakMap<Record<string, number>, Set<string>>();
function stateOf(cnf: Record<string, number>): Set<string> {
  let s = confState.get(cnf);
  if (!s) confState.set(cnf, (s = new Set()));
  return s;
}

/** Entries handled by ipv4_doint_and_flush(): no state bit, no copy from default. */
const FLUSHING = new Set(['disable_xfrm', 'disable_policy', 'promote_secondaries', 'route_localnet', 'drop_unicast_in_l2_multicast']);

function confDevices(ns: Netns): NetDevice[] {
  return ns.devices().filter((d) => inDev(d) && d.name !== 'all' && d.name !== 'default');
}

function notifyConf(ctx: SysctlCtx, name: string, key: string, dev?: NetDevice): void {
  sysctlNotify({ kernel: ctx.kernel, netns: ctx.ns, path: `net/ipv4/conf/${name}/${key}`, dev });
}

/** inet_forward_change(): net.ipv4.conf.all.forwarding (ip_forward) was written. */
function inetForwardChange(ctx: SysctlCtx): void {
  const net = ipv4Net(ctx.ns);
  const on = net.all.forwarding ?? 0;
  net.all.accept_redirects = on ? 0 : 1;
  net.dflt.forwarding = on;
  notifyConf(ctx, 'all', 'accept_redirects');
  notifyConf(ctx, 'default', 'forwarding');
  for (const dev of confDevices(ctx.ns)) {
    const cnf = inDev(dev)!.conf;
    cnf.forwarding = on;
    stateOf(cnf).add('forwarding');
    notifyConf(ctx, dev.name, 'forwarding', dev);
  }
}

/** devinet_sysctl_forward(). `alias` is the other name of the same value
 *  (net/ipv4/ip_forward for conf/all/forwarding and the reverse). */
function forwardFile(ctx: SysctlCtx, cnf: Record<string, number>, which: 'all' | 'default' | NetDevice, alias?: string): SysFile {
  const acc: Accessor = { get: () => cnf.forwarding ?? 0, set: (v) => { cnf.forwarding = v as number; } };
  return ctlFile('i', RW, acc, (old, now) => {
    if (old === now) return;
    if (which === 'all') {
      if (alias) sysctlNotify({ kernel: ctx.kernel, netns: ctx.ns, path: alias });
      inetForwardChange(ctx);
    }
  });
}

/** devinet_conf_proc() and ipv4_doint_and_flush() */
function confFile(ctx: SysctlCtx, cnf: Record<string, number>, key: string, isDflt: boolean): SysFile {
  const acc: Accessor = { get: () => cnf[key] ?? 0, set: (v) => { cnf[key] = v as number; } };
  const mode = key === 'mc_forwarding' ? RO : RW;
  const f = ctlFile('i', mode, acc);
  if (FLUSHING.has(key)) return f;
  return {
    ...f,
    write(text: string) {
      try {
        f.write(text);
      } finally {
        stateOf(cnf).add(key);
        if (isDflt) {
          // devinet_copy_dflt_conf()
          for (const dev of confDevices(ctx.ns)) {
            const dc = inDev(dev)!.conf;
            if (stateOf(dc).has(key) || dc[key] === cnf[key]) continue;
            dc[key] = cnf[key]!;
            notifyConf(ctx, dev.name, key, dev);
          }
        }
      }
    },
  };
}

function confDir(ctx: SysctlCtx, cnf: Record<string, number>, which: 'all' | 'default' | NetDevice): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    for (const key of Object.keys(IPV4_DEVCONF_DEFAULTS)) {
      m.set(key, key === 'forwarding'
        ? forwardFile(ctx, cnf, which, which === 'all' ? 'net/ipv4/ip_forward' : undefined)
        : confFile(ctx, cnf, key, which === 'default'));
    }
    return m;
  });
}

registerSysctl('net/ipv4/conf', function* (ctx) {
  const net = ipv4Net(ctx.ns);
  yield ['all', confDir(ctx, net.all, 'all')];
  yield ['default', confDir(ctx, net.dflt, 'default')];
  for (const dev of confDevices(ctx.ns)) yield [dev.name, confDir(ctx, inDev(dev)!.conf, dev)];
});

registerSysctl('net/ipv4', function* (ctx) {
  yield ['ip_forward', forwardFile(ctx, ipv4Net(ctx.ns).all, 'all', 'net/ipv4/conf/all/forwarding')];
});

/** ipv4_devconf_setall(): every value of the device counts as set explicitly (an address
 *  configured by ioctl does this). */
export function ipv4DevconfSetall(dev: NetDevice): void {
  const ind = inDev(dev);
  if (ind) for (const k of Object.keys(IPV4_DEVCONF_DEFAULTS)) stateOf(ind.conf).add(k);
}

/** inetdev_init() copies net.ipv4.conf.default into a new device with a memcpy, the record
 *  of which values were written (cnf->state) included: a value written on "default" before
 *  the device existed counts as written on the device too, so later writes to "default"
 *  (devinet_copy_dflt_conf()) pass it by. */
export function ipv4DevconfCopyState(from: Record<string, number>, to: Record<string, number>): void {
  confState.set(to, new Set(confState.get(from)));
}

/** IN_DEV_CONF_SET(): a value set by the kernel on the device's behalf, which counts as
 *  written (arp_req_set_proxy() sets proxy_arp so). */
export function ipv4DevconfSet(dev: NetDevice, key: string, value: number): void {
  const ind = inDev(dev);
  if (!ind) return;
  ind.conf[key] = value;
  stateOf(ind.conf).add(key);
}

/** inetdev_event(NETDEV_UP) on loopback: ipv4_devconf_setall(), so later writes to
 *  conf.default no longer reach lo. */
registerNetdeviceNotifier((event, dev) => {
  if (event !== 'UP' || !(dev.flags & IFF_LOOPBACK)) return;
  const ind = inDev(dev);
  if (ind) for (const k of Object.keys(IPV4_DEVCONF_DEFAULTS)) stateOf(ind.conf).add(k);
});
