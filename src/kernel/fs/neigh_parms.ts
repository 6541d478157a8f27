// net/core/neighbour.c: struct neigh_parms per device and family, and their sysctl
// directories net.ipv4.neigh.DEV / net.ipv6.neigh.DEV (neigh_sysctl_register()).
//
// The neighbour code reads them with neighParam(dev, family, name). In a namespace other
// than init_net Linux has no neigh.default directory (the table's own parms are shared
// and not exposed there), which is what the recorded kernel shows and what this does.
import type { NetDevice } from '../core/netdevice.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { inDev } from '../ipv4/devinet.js';
import { ipv6DevConf } from './sysctl_ipv6.js';
import {
  registerSysctl, ctlFile, dirNode, parseSpec, sysctlNotify, HZ, INT_MAX,
  type SysctlCtx, type SysNode, type Accessor, type Raw,
} from './sysctl_core.js';

export type NeighFamily = 4 | 6;

/** NEIGH_VAR_* of struct neigh_parms; times are kept in milliseconds (whole jiffies). */
export type NeighVar =
  | 'mcast_probes' | 'ucast_probes' | 'app_probes' | 'mcast_reprobes' | 'retrans_time'
  | 'base_reachable_time' | 'delay_probe_time' | 'interval_probe_time_ms' | 'gc_staletime'
  | 'queue_len_bytes' | 'proxy_qlen' | 'anycast_delay' | 'proxy_delay' | 'locktime';

const MS = 1000 / HZ;
const TIME_VARS = new Set<NeighVar>(['retrans_time', 'base_reachable_time', 'delay_probe_time',
  'interval_probe_time_ms', 'gc_staletime', 'anycast_delay', 'proxy_delay', 'locktime']);

/** arp_tbl.parms / nd_tbl.parms */
function tblDefaults(family: NeighFamily): Record<NeighVar, number> {
  return {
    mcast_probes: 3, ucast_probes: 3, app_probes: 0, mcast_reprobes: 0,
    retrans_time: 1000, base_reachable_time: 30000, delay_probe_time: 5000,
    interval_probe_time_ms: 5000, gc_staletime: 60000, queue_len_bytes: 212992,
    proxy_qlen: 64, anycast_delay: 1000, proxy_delay: Math.floor((8 * HZ) / 10) * MS,
    locktime: family === 4 ? 1000 : 0,
  };
}

/** Table-wide settings (net.ipv4.neigh.default.gc_* in init_net). */
const TBL_WIDE: Record<string, number> = { gc_interval: 30000, gc_thresh1: 128, gc_thresh2: 512, gc_thresh3: 1024 };

/** SKB_TRUESIZE(ETH_FRAME_LEN): unres_qlen is unres_qlen_bytes in units of it. */
const UNRES_TRUESIZE = 2090;

interface Parms {
  data: Record<NeighVar, number>;
  /** data_state: values written explicitly. */
  state: Set<NeighVar>;
}

const devParms = new WeakMap<NetDevice, { 4?: Parms; 6?: Parms }>();

function hasFamily(dev: NetDevice, family: NeighFamily): boolean {
  return family === 4 ? !!inDev(dev) : !!ipv6DevConf(dev);
}

/** The parms of `dev` for `family` (neigh_parms_alloc() on first use), or undefined when
 *  the device has no such protocol. */
export function neighParms(dev: NetDevice, family: NeighFamily): Parms | undefined {
  if (!hasFamily(dev, family)) return undefined;
  let e = devParms.get(dev);
  if (!e) devParms.set(dev, (e = {}));
  let p = e[family];
  if (!p) e[family] = p = { data: tblDefaults(family), state: new Set() };
  return p;
}

/** The sysctl name of each variable (neigh_sysctl_template) and its handler. */
const FILES: [file: string, v: NeighVar, spec4: string, spec6: string][] = [
  ['anycast_delay', 'anycast_delay', 'hz', 'hz'],
  ['app_solicit', 'app_probes', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
  ['base_reachable_time', 'base_reachable_time', 'j', 'j'],
  ['base_reachable_time_ms', 'base_reachable_time', 'ms', 'ms'],
  ['delay_first_probe_time', 'delay_probe_time', 'j', 'j'],
  ['gc_stale_time', 'gc_staletime', 'j', 'j'],
  ['interval_probe_time_ms', 'interval_probe_time_ms', 'ms:1', 'ms:1'],
  ['locktime', 'locktime', 'hz', 'hz'],
  ['mcast_resolicit', 'mcast_reprobes', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
  ['mcast_solicit', 'mcast_probes', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
  ['proxy_delay', 'proxy_delay', 'hz', 'hz'],
  ['proxy_qlen', 'proxy_qlen', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
  // ndisc_ifinfo_sysctl_change() shows IPv6's retrans_time in raw jiffies.
  ['retrans_time', 'retrans_time', 'hz', 'i'],
  ['retrans_time_ms', 'retrans_time', 'ms', 'ms'],
  ['ucast_solicit', 'ucast_probes', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
  ['unres_qlen', 'queue_len_bytes', `i:0:${Math.floor(INT_MAX / UNRES_TRUESIZE)}`, `i:0:${Math.floor(INT_MAX / UNRES_TRUESIZE)}`],
  ['unres_qlen_bytes', 'queue_len_bytes', `i:0:${INT_MAX}`, `i:0:${INT_MAX}`],
];
const FILE_VAR = new Map(FILES.map(([f, v]) => [f, v]));

function neighDir(ctx: SysctlCtx, dev: NetDevice, family: NeighFamily, p: Parms): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    for (const [file, v, s4, s6] of FILES) {
      const sp = parseSpec(family === 4 ? s4 : s6);
      const acc: Accessor = file === 'unres_qlen'
        ? { get: () => Math.floor(p.data[v] / UNRES_TRUESIZE), set: (x: Raw) => { p.data[v] = (x as number) * UNRES_TRUESIZE; } }
        : TIME_VARS.has(v)
          ? { get: () => p.data[v] / MS, set: (x: Raw) => { p.data[v] = (x as number) * MS; } }
          : { get: () => p.data[v], set: (x: Raw) => { p.data[v] = x as number; } };
      m.set(file, ctlFile(sp, 0o644, acc, () => {
        // neigh_proc_update(): remember the value was set explicitly.
        p.state.add(v);
        sysctlNotify({ kernel: ctx.kernel, netns: ctx.ns, path: `net/ipv${family}/neigh/${dev.name}/${file}`, dev });
      }));
    }
    return m;
  });
}

for (const family of [4, 6] as const) {
  registerSysctl(`net/ipv${family}/neigh`, function* (ctx) {
    for (const dev of ctx.ns.devices()) {
      if (dev.name === 'all' || dev.name === 'default') continue;
      const p = neighParms(dev, family);
      if (p) yield [dev.name, neighDir(ctx, dev, family, p)];
    }
  });
}

registerNetdeviceNotifier((event, dev) => {
  if (event === 'UNREGISTER') devParms.delete(dev);
  // IPv6 going away below 1280 takes its parms with it; they start afresh when it returns.
  if (event === 'CHANGEMTU' && !ipv6DevConf(dev)) {
    const e = devParms.get(dev);
    if (e) delete e[6];
  }
});

/**
 * NEIGH_VAR(parms, name) for the neighbour code: the value of one neighbour parameter of
 * `dev` (or of the table's defaults when `dev` is undefined or lacks the protocol).
 * `name` is a sysctl file name (ucast_solicit, retrans_time_ms, base_reachable_time,
 * delay_first_probe_time, gc_stale_time, unres_qlen, ...) or a NEIGH_VAR name
 * (ucast_probes, delay_probe_time, gc_staletime, queue_len_bytes, ...), or one of the
 * table-wide gc_interval, gc_thresh1, gc_thresh2, gc_thresh3.
 * Times are returned in milliseconds whatever the sysctl's own unit; unres_qlen in packets.
 */
export function neighParam(dev: NetDevice | undefined, family: NeighFamily, name: string): number {
  if (name in TBL_WIDE) return TBL_WIDE[name]!;
  const v = (FILE_VAR.get(name) ?? name) as NeighVar;
  const data = (dev && neighParms(dev, family)?.data) || tblDefaults(family);
  const x = data[v];
  if (x === undefined) throw new Error(`neighParam: unknown parameter ${name}`);
  return name === 'unres_qlen' ? Math.floor(x / UNRES_TRUESIZE) : x;
}

/** Sets a parameter as `ip ntable change` would (times in milliseconds). */
export function setNeighParam(dev: NetDevice, family: NeighFamily, name: string, value: number): void {
  const p = neighParms(dev, family);
  if (!p) return;
  const v = (FILE_VAR.get(name) ?? name) as NeighVar;
  p.data[v] = name === 'unres_qlen' ? value * UNRES_TRUESIZE : value;
  p.state.add(v);
}
