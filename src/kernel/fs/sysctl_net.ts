// The smaller per-namespace tables: net.core (net/core/sysctl_net_core.c, the part a
// namespace other than init_net gets), net.unix, net.mptcp; and the tables of modules that
// register them only once loaded (br_netfilter's net.bridge, nf_conntrack's and nf_log's
// net.netfilter), which their modules switch on with the functions exported here.
import { INT_MAX, registerTable, registerSysctl, customFile, parseString, netStore, type Row, type SysctlCtx } from './sysctl_core.js';
import { EINVAL, ENOENT, KernelError } from '../errno.js';

const RW = 0o644, RO = 0o444;

registerTable('net/core', 'net', [
  ['optmem_max', RW, `i:0:${INT_MAX}`, 131072],
  // Only init_net may change the socket buffer limits; elsewhere they are read-only.
  ['rmem_default', RO, 'i', 212992],
  ['rmem_max', RO, 'i', 4194304],
  ['rps_default_mask', RW, 'i:0:3', 0],
  ['somaxconn', RW, `i:0:${INT_MAX}`, 4096],
  ['tstamp_allow_data', RW, 'i:0:1', 1],
  ['txrehash', RW, 'i:0:1', 1],
  ['wmem_default', RO, 'i', 212992],
  ['wmem_max', RO, 'i', 4194304],
  ['xfrm_acq_expires', RW, 'i', 30],
  ['xfrm_aevent_etime', RW, 'u', 10],
  ['xfrm_aevent_rseqth', RW, 'u', 2],
  ['xfrm_larval_drop', RW, 'i', 1],
]);

registerTable('net/unix', 'net', [['max_dgram_qlen', RW, 'i', 10]]);

registerTable('net/mptcp', 'net', [
  ['add_addr_timeout', RW, 'j', 120],
  ['allow_join_initial_addr_port', RW, 'i:0:1', 1],
  ['available_path_managers', RO, 's:64', 'kernel userspace'],
  ['available_schedulers', RO, 's:64', 'default'],
  ['blackhole_timeout', RW, `i:0:${INT_MAX}`, 3600],
  ['checksum_enabled', RW, 'i:0:1', 0],
  ['close_timeout', RW, 'j', 60],
  ['enabled', RW, 'i:0:1', 1],
  ['path_manager', RW, 's:16', 'kernel'],
  ['pm_type', RW, 'i:0:1', 0],
  ['scheduler', RW, 's:16', 'default'],
  ['stale_loss_cnt', RW, 'u', 4],
  ['syn_retrans_before_tcp_fallback', RW, 'i:0:255', 2],
], {
  // Only the names the kernel knows are accepted.
  path_manager: (_ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (t) => {
    const v = parseString(t, 16);
    if (v !== 'kernel' && v !== 'userspace') throw new KernelError(ENOENT);
    acc.set(v);
  }),
  scheduler: (_ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (t) => {
    const v = parseString(t, 16);
    if (v !== 'default') throw new KernelError(ENOENT);
    acc.set(v);
  }),
});

/** br_netfilter's net.bridge.bridge-nf-* (any non-zero write reads back as 1). */
export const BRIDGE_NF_ROWS: Row[] = [
  ['bridge-nf-call-arptables', RW, 'b', 1],
  ['bridge-nf-call-ip6tables', RW, 'b', 1],
  ['bridge-nf-call-iptables', RW, 'b', 1],
  ['bridge-nf-filter-pppoe-tagged', RW, 'b', 0],
  ['bridge-nf-filter-vlan-tagged', RW, 'b', 0],
  ['bridge-nf-pass-vlan-input-dev', RW, 'b', 0],
];

/** br_netfilter's table, shown where `loaded` says the module is; returns the unloader. */
export function registerBridgeNfSysctls(loaded: (ctx: SysctlCtx) => boolean = () => true): () => void {
  return registerTable('net/bridge', 'net', BRIDGE_NF_ROWS, {}, loaded);
}

/** nf_conntrack's net.netfilter.nf_conntrack_* as a fresh namespace shows them (timeouts in
 *  seconds). nf_conntrack_count/buckets/max are the module's to fill in through `hooks`. */
export const NF_CONNTRACK_ROWS: Row[] = [
  ['nf_conntrack_acct', RW, 'i:0:1', 0],
  ['nf_conntrack_buckets', RO, 'i', 262144],
  ['nf_conntrack_checksum', RW, 'i:0:1', 1],
  ['nf_conntrack_count', RO, 'i', 0],
  ['nf_conntrack_events', RW, 'i:0:2', 2],
  ['nf_conntrack_expect_max', RO, 'i', 4096],
  ['nf_conntrack_frag6_high_thresh', RW, 'ul:3145728', 4194304n],
  ['nf_conntrack_frag6_low_thresh', RW, 'ul:0:4194304', 3145728n],
  ['nf_conntrack_frag6_timeout', RW, 'j', 60],
  ['nf_conntrack_generic_timeout', RW, 'j', 600],
  ['nf_conntrack_gre_timeout', RW, 'j', 30],
  ['nf_conntrack_gre_timeout_stream', RW, 'j', 180],
  ['nf_conntrack_icmp_timeout', RW, 'j', 30],
  ['nf_conntrack_icmpv6_timeout', RW, 'j', 30],
  ['nf_conntrack_log_invalid', RW, 'i:0:255', 0],
  ['nf_conntrack_max', RO, 'i', 262144],
  ['nf_conntrack_sctp_timeout_closed', RW, 'j', 10],
  ['nf_conntrack_sctp_timeout_cookie_echoed', RW, 'j', 3],
  ['nf_conntrack_sctp_timeout_cookie_wait', RW, 'j', 3],
  ['nf_conntrack_sctp_timeout_established', RW, 'j', 210],
  ['nf_conntrack_sctp_timeout_heartbeat_sent', RW, 'j', 30],
  ['nf_conntrack_sctp_timeout_shutdown_ack_sent', RW, 'j', 3],
  ['nf_conntrack_sctp_timeout_shutdown_recd', RW, 'j', 3],
  ['nf_conntrack_sctp_timeout_shutdown_sent', RW, 'j', 3],
  ['nf_conntrack_tcp_be_liberal', RW, 'i:0:1', 0],
  ['nf_conntrack_tcp_ignore_invalid_rst', RW, 'i:0:1', 0],
  ['nf_conntrack_tcp_loose', RW, 'i:0:1', 1],
  ['nf_conntrack_tcp_max_retrans', RW, 'i:0:255', 3],
  ['nf_conntrack_tcp_timeout_close', RW, 'j', 10],
  ['nf_conntrack_tcp_timeout_close_wait', RW, 'j', 60],
  ['nf_conntrack_tcp_timeout_established', RW, 'j', 432000],
  ['nf_conntrack_tcp_timeout_fin_wait', RW, 'j', 120],
  ['nf_conntrack_tcp_timeout_last_ack', RW, 'j', 30],
  ['nf_conntrack_tcp_timeout_max_retrans', RW, 'j', 300],
  ['nf_conntrack_tcp_timeout_syn_recv', RW, 'j', 60],
  ['nf_conntrack_tcp_timeout_syn_sent', RW, 'j', 120],
  ['nf_conntrack_tcp_timeout_time_wait', RW, 'j', 120],
  ['nf_conntrack_tcp_timeout_unacknowledged', RW, 'j', 300],
  ['nf_conntrack_timestamp', RW, 'i:0:1', 0],
  ['nf_conntrack_udp_timeout', RW, 'j', 30],
  ['nf_conntrack_udp_timeout_stream', RW, 'j', 120],
];

/** Called when nf_conntrack is loaded; `hooks` may replace entries (nf_conntrack_count
 *  reading the live table, say). Returns the unloader. */
export function registerNfConntrackSysctls(hooks: Parameters<typeof registerTable>[3] = {}): () => void {
  return registerTable('net/netfilter', 'net', NF_CONNTRACK_ROWS, hooks);
}

/** net.netfilter.nf_log.N (the logger bound to each protocol family) and
 *  nf_hooks_lwtunnel, from the netfilter core. Returns the unloader. */
export function registerNfLogSysctls(loggers: Record<number, string> = { 2: 'nf_log_ipv4', 3: 'nf_log_arp', 5: 'nf_log_netdev', 7: 'nf_log_bridge', 10: 'nf_log_ipv6' }): () => void {
  const un1 = registerSysctl('net/netfilter/nf_log', function* (ctx) {
    const store = netStore(ctx.ns);
    for (let pf = 0; pf <= 10; pf++) {
      const key = `net/netfilter/nf_log/${pf}`;
      const get = () => (store.get(key) as string | undefined) ?? loggers[pf] ?? 'NONE';
      yield [String(pf), customFile(RW, () => `${get()}\n`, (t) => {
        const v = parseString(t, 32);
        // __find_logger(): the family's syslog logger, or nfnetlink_log (registered for all).
        if (v !== 'NONE' && v !== loggers[pf] && v !== 'nfnetlink_log') throw new KernelError(ENOENT);
        store.set(key, v);
      })];
    }
  });
  const un2 = registerTable('net/netfilter', 'net', [['nf_hooks_lwtunnel', RW, 'i:0:1', 0]], {
    nf_hooks_lwtunnel: (_ctx, acc, _sp, mode) => customFile(mode, () => `${acc.get()}\n`, (t) => {
      // It can be switched on, never off again.
      const v = parseString(t, 8).trim();
      if (v !== '0' && v !== '1') throw new KernelError(EINVAL);
      if (v === '0' && acc.get() === 1) throw new KernelError(EINVAL);
      acc.set(Number(v));
    }),
  });
  return () => { un1(); un2(); };
}
