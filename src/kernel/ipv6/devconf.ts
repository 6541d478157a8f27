// struct ipv6_devconf (include/linux/ipv6.h, net/ipv6/addrconf.c): the per-namespace
// net.ipv6.conf.{all,default} records and the per-device copies, plus the neighbour
// discovery parameters (net.ipv6.neigh.*) addrconf and ndisc read. Values are what
// /proc/sys/net/ipv6/conf/X/* shows: seconds where that file shows seconds, ms where it
// shows ms. stable_secret is kept apart (reading it unset gives EIO).
import type { Netns } from '../net_namespace.js';
import { registerPernet } from '../kernel.js';

/** The defaults of net.ipv6.conf.default, in the order /proc/sys/net/ipv6/conf/X lists them. */
export const IPV6_DEVCONF_DEFAULTS: Readonly<Record<string, number>> = Object.freeze({
  accept_dad: 1, accept_ra: 1, accept_ra_defrtr: 1, accept_ra_from_local: 0,
  accept_ra_min_hop_limit: 1, accept_ra_min_lft: 0, accept_ra_mtu: 1, accept_ra_pinfo: 1,
  accept_ra_rt_info_max_plen: 0, accept_ra_rt_info_min_plen: 0, accept_ra_rtr_pref: 1,
  accept_redirects: 1, accept_source_route: 0, accept_untracked_na: 0, addr_gen_mode: 0,
  autoconf: 1, dad_transmits: 1, disable_ipv6: 0, disable_policy: 0,
  drop_unicast_in_l2_multicast: 0, drop_unsolicited_na: 0, enhanced_dad: 1, force_forwarding: 0,
  force_mld_version: 0, force_tllao: 0, forwarding: 0, hop_limit: 64,
  ignore_routes_with_linkdown: 0, ioam6_enabled: 0, ioam6_id: 65535, ioam6_id_wide: 4294967295,
  keep_addr_on_down: 0, max_addresses: 16, max_desync_factor: 600, mc_forwarding: 0,
  mldv1_unsolicited_report_interval: 10000, mldv2_unsolicited_report_interval: 1000, mtu: 1280,
  ndisc_evict_nocarrier: 1, ndisc_notify: 0, ndisc_tclass: 0, optimistic_dad: 0, proxy_ndp: 0,
  ra_defrtr_metric: 1024, ra_honor_pio_life: 0, ra_honor_pio_pflag: 0, regen_max_retry: 3,
  regen_min_advance: 2, router_probe_interval: 60, router_solicitation_delay: 1,
  router_solicitation_interval: 4, router_solicitation_max_interval: 3600,
  router_solicitations: -1, rpl_seg_enabled: 0, seg6_enabled: 0, seg6_require_hmac: 0,
  suppress_frag_ndisc: 1, temp_prefered_lft: 86400, temp_valid_lft: 604800,
  use_oif_addrs_only: 0, use_optimistic: 0, use_tempaddr: 0,
});

/** The names of the files in /proc/sys/net/ipv6/conf/X, stable_secret included. */
export const IPV6_DEVCONF_FILES: readonly string[] = [...Object.keys(IPV6_DEVCONF_DEFAULTS), 'stable_secret'].sort();

/** net.ipv6.neigh.X (nd_tbl parms), in /proc order; times as the _ms / seconds files show. */
export const ND_PARMS_DEFAULTS: Readonly<Record<string, number>> = Object.freeze({
  anycast_delay: 100, app_solicit: 0, base_reachable_time_ms: 30000, delay_first_probe_time: 5,
  gc_stale_time: 60, interval_probe_time_ms: 5000, locktime: 0, mcast_resolicit: 0,
  mcast_solicit: 3, proxy_delay: 80, proxy_qlen: 64, retrans_time_ms: 1000, ucast_solicit: 3,
  unres_qlen: 101, unres_qlen_bytes: 212992,
});

export type Ipv6Devconf = Record<string, number>;

/** Per-namespace IPv6 state that is not per device (net->ipv6). */
export interface Ipv6Net {
  /** net.ipv6.conf.all */
  all: Ipv6Devconf;
  /** net.ipv6.conf.default: copied into every new device's inet6_dev. */
  dflt: Ipv6Devconf;
  /** net.ipv6.icmp.* */
  icmp: { echo_ignore_all: number; echo_ignore_anycast: number; echo_ignore_multicast: number;
    error_anycast_as_unicast: number; ratelimit: number };
  /** net.ipv6.conf.X.stable_secret when set (all/default). */
  stableSecret: { all?: string; dflt?: string };
  /** Per-namespace parts owned by the other ipv6 files (neighbour cache, ping sockets...). */
  [k: string]: unknown;
}

export function newDevconf(base: Ipv6Devconf): Ipv6Devconf {
  return { ...base };
}

/** net->ipv6 of `ns`, created on first use (pernet init normally does it). */
export function ipv6Net(ns: Netns): Ipv6Net {
  let n = ns.proto.ipv6 as Ipv6Net | undefined;
  if (!n) {
    const all = newDevconf(IPV6_DEVCONF_DEFAULTS);
    all.accept_dad = 0; // ipv6_devconf (all) has accept_dad 0, ipv6_devconf_dflt has 1
    n = {
      all,
      dflt: newDevconf(IPV6_DEVCONF_DEFAULTS),
      icmp: { echo_ignore_all: 0, echo_ignore_anycast: 0, echo_ignore_multicast: 0, error_anycast_as_unicast: 0, ratelimit: 100 },
      stableSecret: {},
    };
    ns.proto.ipv6 = n;
  }
  return n;
}

registerPernet((ns) => { ipv6Net(ns); });
