// net/ipv6/addrconf.c's devconf (struct ipv6_devconf: net.ipv6.conf.{all,default,DEV}) and
// net/ipv6/sysctl_net_ipv6.c, icmp.c, route.c tables: /proc/sys/net/ipv6.
//
// The per-device configuration lives here until an inet6_dev exists elsewhere: it is
// created when a device registers with an MTU of at least 1280 (ipv6_add_dev() copies
// "default"), follows MTU changes, disappears below 1280 and with the device. IPv6 code
// reads it with ipv6DevConf(dev) and ipv6NetConf(ns).all/.dflt, values in the units the
// sysctl shows (seconds, milliseconds, counts).
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { IFF_LOOPBACK, IFF_NOARP } from '../core/if.js';
import { EINVAL, EIO, KernelError } from '../errno.js';
import { parseIPv6 } from '../../wire/inet.js';
import { ipv6Net } from '../ipv6/devconf.js';
import {
  registerTable, registerSysctl, ctlFile, customFile, dirNode, parseSpec, parseString, parseBitmap,
  formatBitmap, sysctlNotify, netStore, userToRaw, rawToNum, INT_MAX,
  type Row, type SysctlCtx, type SysNode, type SysFile, type Accessor, type Raw,
} from './sysctl_core.js';

const RW = 0o644, RO = 0o444;
export const IPV6_MIN_MTU = 1280;

/** [procname, spec, value in "all", value in "default"] in /proc/sys order. */
const DEVCONF: [string, string, number, number][] = [
  ['accept_dad', 'i', 0, 1],
  ['accept_ra', 'i', 1, 1],
  ['accept_ra_defrtr', 'i', 1, 1],
  ['accept_ra_from_local', 'i', 0, 0],
  ['accept_ra_min_hop_limit', 'i', 1, 1],
  ['accept_ra_min_lft', 'i', 0, 0],
  ['accept_ra_mtu', 'i', 1, 1],
  ['accept_ra_pinfo', 'i', 1, 1],
  ['accept_ra_rt_info_max_plen', 'i', 0, 0],
  ['accept_ra_rt_info_min_plen', 'i', 0, 0],
  ['accept_ra_rtr_pref', 'i', 1, 1],
  ['accept_redirects', 'i', 1, 1],
  ['accept_source_route', 'i', 0, 0],
  ['accept_untracked_na', 'i:0:2', 0, 0],
  ['addr_gen_mode', 'i', 0, 0],
  ['autoconf', 'i', 1, 1],
  ['dad_transmits', 'i', 1, 1],
  ['disable_ipv6', 'i', 0, 0],
  ['disable_policy', 'i', 0, 0],
  ['drop_unicast_in_l2_multicast', 'i', 0, 0],
  ['drop_unsolicited_na', 'i', 0, 0],
  ['enhanced_dad', 'i', 1, 1],
  ['force_forwarding', 'i:0:1', 0, 0],
  ['force_mld_version', 'i', 0, 0],
  ['force_tllao', 'i', 0, 0],
  ['forwarding', 'i', 0, 0],
  ['hop_limit', 'i:1:255', 64, 64],
  ['ignore_routes_with_linkdown', 'i', 0, 0],
  ['ioam6_enabled', 'i:0:1', 0, 0],
  ['ioam6_id', 'i:0:65535', 65535, 65535],
  ['ioam6_id_wide', 'u', 4294967295, 4294967295],
  ['keep_addr_on_down', 'i', 0, 0],
  ['max_addresses', 'i', 16, 16],
  ['max_desync_factor', 'i', 600, 600],
  ['mc_forwarding', 'i', 0, 0],
  ['mldv1_unsolicited_report_interval', 'ms', 10000, 10000],
  ['mldv2_unsolicited_report_interval', 'ms', 1000, 1000],
  ['mtu', 'i', 1280, 1280],
  ['ndisc_evict_nocarrier', 'i:0:1', 1, 1],
  ['ndisc_notify', 'i', 0, 0],
  ['ndisc_tclass', 'i:0:255', 0, 0],
  ['optimistic_dad', 'i', 0, 0],
  ['proxy_ndp', 'i', 0, 0],
  ['ra_defrtr_metric', 'u:1', 1024, 1024],
  ['ra_honor_pio_life', 'i:0:1', 0, 0],
  ['ra_honor_pio_pflag', 'i:0:1', 0, 0],
  ['regen_max_retry', 'i', 3, 3],
  ['regen_min_advance', 'i', 2, 2],
  ['router_probe_interval', 'j', 60, 60],
  ['router_solicitation_delay', 'j', 1, 1],
  ['router_solicitation_interval', 'j', 4, 4],
  ['router_solicitation_max_interval', 'j', 3600, 3600],
  ['router_solicitations', `i:-1:${INT_MAX}`, -1, -1],
  ['rpl_seg_enabled', 'i:0:1', 0, 0],
  ['seg6_enabled', 'i', 0, 0],
  ['seg6_require_hmac', 'i', 0, 0],
  ['stable_secret', '', 0, 0],
  ['suppress_frag_ndisc', 'i', 1, 1],
  ['temp_prefered_lft', 'i', 86400, 86400],
  ['temp_valid_lft', 'i', 604800, 604800],
  ['use_oif_addrs_only', 'i', 0, 0],
  ['use_optimistic', 'i', 0, 0],
  ['use_tempaddr', 'i', 0, 0],
];

export type Ipv6Conf = Record<string, number>;

export interface Ipv6NetConf {
  all: Ipv6Conf;
  dflt: Ipv6Conf;
}

/** stable_secret of a devconf, once one was written (struct ipv6_stable_secret). */
const secrets = new WeakMap<Ipv6Conf, Uint8Array>();
/** Device configurations kept here while no IPv6 module provides inet6_dev->cnf. */
const devConfs = new WeakMap<NetDevice, Ipv6Conf>();
let devconfProvider: ((dev: NetDevice) => Ipv6Conf | undefined) | undefined;

/** The IPv6 module hands over where idev->cnf lives (undefined: the device has no
 *  inet6_dev); from then on the sysctl tree reads and writes those records. */
export function setIpv6DevconfProvider(fn: (dev: NetDevice) => Ipv6Conf | undefined): void {
  devconfProvider = fn;
}

/** net->ipv6.devconf_all / devconf_dflt (kernel/ipv6/devconf.ts keeps them). */
export function ipv6NetConf(ns: Netns): Ipv6NetConf {
  return ipv6Net(ns);
}

/** idev->cnf: undefined when the device has no IPv6 (MTU below 1280). */
export function ipv6DevConf(dev: NetDevice): Ipv6Conf | undefined {
  return devconfProvider ? devconfProvider(dev) : devConfs.get(dev);
}

export function ipv6StableSecret(conf: Ipv6Conf): Uint8Array | undefined {
  return secrets.get(conf);
}

/** ipv6_add_dev(): a copy of "default" with the device's own adjustments. */
function addDev(dev: NetDevice): void {
  const c = { ...ipv6NetConf(dev.netns).dflt };
  c.mtu = dev.mtu;
  if (dev.flags & (IFF_NOARP | IFF_LOOPBACK)) c.accept_dad = -1;
  if (dev.flags & IFF_LOOPBACK) c.use_tempaddr = -1;
  devConfs.set(dev, c);
  const dsec = secrets.get(ipv6NetConf(dev.netns).dflt);
  if (dsec) secrets.set(c, dsec);
}

registerNetdeviceNotifier((event, dev) => {
  if (devconfProvider) return; // the IPv6 module keeps its own inet6_dev
  switch (event) {
    case 'REGISTER':
      if (dev.mtu >= IPV6_MIN_MTU && !devConfs.has(dev)) addDev(dev);
      break;
    case 'CHANGEMTU': {
      const c = devConfs.get(dev);
      if (!c) {
        if (dev.mtu >= IPV6_MIN_MTU) addDev(dev);
      } else if (dev.mtu >= IPV6_MIN_MTU) {
        c.mtu = dev.mtu;
      } else if (!(dev.flags & IFF_LOOPBACK)) {
        devConfs.delete(dev); // addrconf_ifdown(dev, true)
      }
      break;
    }
    case 'UNREGISTER':
      devConfs.delete(dev);
      break;
    default:
  }
});

// ---------------------------------------------------------------------------------------

function devs6(ns: Netns): NetDevice[] {
  return ns.devices().filter((d) => ipv6DevConf(d) && d.name !== 'all' && d.name !== 'default');
}

function notify(ctx: SysctlCtx, name: string, key: string, dev?: NetDevice): void {
  sysctlNotify({ kernel: ctx.kernel, netns: ctx.ns, path: `net/ipv6/conf/${name}/${key}`, dev });
}

/** Values of "all" that addrconf copies to "default" and to every device when written
 *  (addrconf_fixup_forwarding(), addrconf_disable_ipv6(), addrconf_fixup_linkdown(),
 *  addrconf_sysctl_addr_gen_mode()); force_forwarding reaches the devices only. */
const ALL_TO_DEVS: Record<string, { dflt: boolean }> = {
  forwarding: { dflt: true },
  disable_ipv6: { dflt: true },
  ignore_routes_with_linkdown: { dflt: true },
  addr_gen_mode: { dflt: true },
  force_forwarding: { dflt: false },
};

type Which = 'all' | 'default' | NetDevice;

function confEntry(ctx: SysctlCtx, conf: Ipv6Conf, which: Which, key: string, spec: string): SysFile {
  if (key === 'stable_secret') return secretFile(ctx, conf, which);
  let sp = parseSpec(spec);
  if (key === 'mtu') sp = { t: 'i', min: IPV6_MIN_MTU, max: typeof which === 'string' ? INT_MAX : which.mtu };
  const acc: Accessor = {
    get: () => userToRaw(sp, conf[key] ?? 0),
    set: (v: Raw) => { conf[key] = rawToNum(sp, v); },
  };
  const mode = key === 'mc_forwarding' ? RO : RW;
  const file = ctlFile(sp, mode, acc, () => {
    const v = conf[key]!;
    if (which === 'all' && ALL_TO_DEVS[key]) {
      const net = ipv6NetConf(ctx.ns);
      if (ALL_TO_DEVS[key]!.dflt && net.dflt[key] !== v) {
        net.dflt[key] = v;
        notify(ctx, 'default', key);
      }
      for (const dev of devs6(ctx.ns)) {
        const dc = ipv6DevConf(dev)!;
        if (dc[key] === v) continue;
        dc[key] = v;
        notify(ctx, dev.name, key, dev);
      }
    }
  });
  if (key !== 'addr_gen_mode') return file;
  // addrconf_sysctl_addr_gen_mode(): 0..3, and stable-privacy (2) on a device needs a secret.
  return {
    ...file,
    write(text: string) {
      let v = 0;
      const probe = ctlFile('i', RW, { get: () => 0, set: (x) => { v = x as number; } });
      probe.write(text);
      if (v < 0 || v > 3) throw new KernelError(EINVAL);
      if (typeof which !== 'string' && v === 2 && !secrets.get(conf) && !secrets.get(ipv6NetConf(ctx.ns).dflt)) {
        throw new KernelError(EINVAL);
      }
      file.write(text);
    },
  };
}

/** %pI6: eight groups of four hex digits. */
function fullIPv6(a: Uint8Array): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((a[i]! << 8) | a[i + 1]!).toString(16).padStart(4, '0'));
  return g.join(':');
}

/** addrconf_sysctl_stable_secret(): EIO until set, always EIO on "all"; setting one turns
 *  the device(s) to stable-privacy address generation. */
function secretFile(ctx: SysctlCtx, conf: Ipv6Conf, which: Which): SysFile {
  return customFile(0o600, () => {
    const s = secrets.get(conf);
    if (which === 'all' || !s) throw new KernelError(EIO);
    return fullIPv6(s) + '\n';
  }, (text) => {
    if (which === 'all') throw new KernelError(EIO);
    const a = parseIPv6(parseString(text, 47));
    if (!a) throw new KernelError(EIO);
    secrets.set(conf, a);
    if (which === 'default') ipv6Net(ctx.ns).stableSecret.dflt = fullIPv6(a);
    if (which === 'default') {
      for (const dev of devs6(ctx.ns)) {
        ipv6DevConf(dev)!.addr_gen_mode = 2;
        notify(ctx, dev.name, 'addr_gen_mode', dev);
      }
    } else {
      conf.addr_gen_mode = 2;
      notify(ctx, which.name, 'addr_gen_mode', which);
    }
  });
}

function confDir(ctx: SysctlCtx, conf: Ipv6Conf, which: Which): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    for (const [k, spec] of DEVCONF) m.set(k, confEntry(ctx, conf, which, k, spec));
    return m;
  });
}

registerSysctl('net/ipv6/conf', function* (ctx) {
  const net = ipv6NetConf(ctx.ns);
  yield ['all', confDir(ctx, net.all, 'all')];
  yield ['default', confDir(ctx, net.dflt, 'default')];
  for (const dev of devs6(ctx.ns)) yield [dev.name, confDir(ctx, ipv6DevConf(dev)!, dev)];
});

// ---------------------------------------------------------------------------------------
// net/ipv6, net/ipv6/icmp, net/ipv6/route

const IPV6_ROWS: Row[] = [
  ['anycast_src_echo_reply', RW, 'i:0:255', 0],
  ['auto_flowlabels', RW, 'i:0:3', 1],
  ['bindv6only', RW, 'i:0:255', 0],
  ['fib_multipath_hash_fields', RW, 'i:1:4095', 7],
  ['fib_multipath_hash_policy', RW, 'i:0:3', 0],
  ['fib_notify_on_flag_change', RW, 'i:0:2', 0],
  ['flowlabel_consistency', RW, 'i:0:255', 1],
  ['flowlabel_reflect', RW, 'i:0:7', 0],
  ['flowlabel_state_ranges', RW, 'i:0:255', 0],
  ['fwmark_reflect', RW, 'i:0:255', 0],
  ['idgen_delay', RW, 'j', 1],
  ['idgen_retries', RW, 'i', 3],
  ['ioam6_id', RW, 'i:0:16777215', 16777215],
  ['ioam6_id_wide', RW, 'ul:0:72057594037927935', 72057594037927935n],
  ['ip6frag_high_thresh', RW, 'ul:3145728', 4194304n],
  ['ip6frag_low_thresh', RW, 'ul:0:4194304', 3145728n],
  ['ip6frag_time', RW, 'j', 60],
  ['ip_nonlocal_bind', RW, 'i:0:255', 0],
  ['max_dst_opts_length', RW, 'i', 2147483647],
  ['max_dst_opts_number', RW, 'i', 8],
  ['max_hbh_length', RW, 'i', 2147483647],
  ['max_hbh_opts_number', RW, 'i', 8],
  ['seg6_flowlabel', RW, 'i', 0],
  ['xfrm6_gc_thresh', RW, 'i', 32768],
];

/** net.ipv6.icmp.*, kept in net->ipv6.icmp (kernel/ipv6/devconf.ts). */
const ICMP6: [string, string][] = [
  ['echo_ignore_all', 'i:0:255'],
  ['echo_ignore_anycast', 'i:0:255'],
  ['echo_ignore_multicast', 'i:0:255'],
  ['error_anycast_as_unicast', 'i:0:1'],
  ['ratelimit', 'ms'],
];

const ROUTE6_ROWS: Row[] = [
  ['gc_elasticity', RW, 'i', 9],
  ['gc_interval', RW, 'j', 30],
  ['gc_min_interval', RW, 'j', 0],
  ['gc_min_interval_ms', RW, 'ms', 500],
  ['gc_thresh', RW, 'i', 1024],
  ['gc_timeout', RW, 'j', 60],
  ['max_size', RW, 'i', 2147483647],
  ['min_adv_mss', RW, 'i', 1220],
  ['mtu_expires', RW, 'j', 600],
  ['skip_notify_on_dev_down', RW, 'i:0:1', 0],
];

registerTable('net/ipv6', 'net', IPV6_ROWS);
registerSysctl('net/ipv6/icmp', function* (ctx) {
  const icmp = ipv6Net(ctx.ns).icmp as unknown as Record<string, number>;
  for (const [k, spec] of ICMP6) {
    const sp = parseSpec(spec);
    yield [k, ctlFile(sp, RW, { get: () => userToRaw(sp, icmp[k] ?? 0), set: (v: Raw) => { icmp[k] = rawToNum(sp, v); } })];
  }
});
registerTable('net/ipv6/route', 'net', ROUTE6_ROWS);

registerSysctl('net/ipv6/icmp', function* (ctx) {
  // icmpv6 ratemask: a 256-bit bitmap of ICMPv6 types (proc_do_large_bitmap).
  const store = netStore(ctx.ns);
  const key = 'net/ipv6/icmp/ratemask';
  const get = () => (store.get(key) as unknown as Set<number> | undefined) ?? parseBitmap('0-1,3-127', 256);
  yield ['ratemask', customFile(RW, () => formatBitmap(get()) + '\n', (text) => {
    store.set(key, parseBitmap(text, 256) as unknown as Raw);
  })];
});

registerSysctl('net/ipv6/route', function* () {
  yield ['flush', customFile(0o200, () => '', () => {})];
});
