// net/netfilter/nf_log.c: the registry of packet loggers (one per protocol family and
// logger type, nf_log_register()), nf_log_packet() which hands a packet to the family's
// logger, and the sysctls: net.netfilter.nf_log.N in every namespace and
// net.netfilter.nf_log_all_netns, which netfilter_log_sysctl_init() registers only in
// init_net and which holds one value for the whole machine.
import type { Kernel } from '../kernel.js';
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { registerNfLogSysctls } from '../sysctl.js';
import { registerSysctl, ctlFile, kernelStore, netStore } from '../fs/sysctl_core.js';
import { registerProcNet } from '../fs/proc_net.js';

export const NFPROTO_IPV4 = 2, NFPROTO_IPV6 = 10;
export const NF_LOG_TYPE_LOG = 0, NF_LOG_TYPE_ULOG = 1;
/** NF_LOG_PREFIXLEN: nf_log_packet() formats the prefix into a buffer of this size. */
export const NF_LOG_PREFIXLEN = 128;

/** struct nf_loginfo for NF_LOG_TYPE_LOG. */
export interface NfLogInfo {
  type: number;
  level: number;
  logflags: number;
}

/** struct nf_logger's logfn; `nh` is the network header's offset in skb.buf. */
export type NfLogFn = (ns: Netns, pf: number, hooknum: number, skb: SkBuff, nh: number,
  indev: NetDevice | undefined, outdev: NetDevice | undefined, info: NfLogInfo, prefix: string) => void;

const loggers = new Map<string, NfLogFn>();

/** nf_log_register() */
export function nfLogRegister(pf: number, type: number, fn: NfLogFn): void {
  loggers.set(`${pf}/${type}`, fn);
}

/** nf_log_packet(): with a loginfo (as xt_LOG passes) the logger of that type for the family
 *  is used, whatever net.netfilter.nf_log.N names. */
export function nfLogPacket(ns: Netns, pf: number, hooknum: number, skb: SkBuff, nh: number,
  indev: NetDevice | undefined, outdev: NetDevice | undefined, info: NfLogInfo, prefix: string): void {
  const fn = loggers.get(`${pf}/${info.type}`);
  fn?.(ns, pf, hooknum, skb, nh, indev, outdev, info, prefix.slice(0, NF_LOG_PREFIXLEN - 1));
}

const ALL_NETNS = 'net/netfilter/nf_log_all_netns';

/** sysctl_nf_log_all_netns */
export function nfLogAllNetns(k: Kernel): number {
  return (kernelStore(k).get(ALL_NETNS) as number | undefined) ?? 0;
}

/** The NF_LOG_TYPE_LOG loggers nf_log_syslog registers, by family (net.netfilter.nf_log.N's
 *  default in every namespace); nfnetlink_log registers its NF_LOG_TYPE_ULOG logger for all. */
const SYSLOG_LOGGERS: Record<number, string> = { 2: 'nf_log_ipv4', 3: 'nf_log_arp', 5: 'nf_log_netdev', 7: 'nf_log_bridge',
  10: 'nf_log_ipv6' };

registerNfLogSysctls(SYSLOG_LOGGERS);

// seq_show(): the namespace's logger of each family, then every logger registered for it.
registerProcNet('netfilter/nf_log', (ns) => {
  const store = netStore(ns);
  let out = '';
  for (let pf = 0; pf <= 10; pf++) {
    const cur = (store.get(`net/netfilter/nf_log/${pf}`) as string | undefined) ?? SYSLOG_LOGGERS[pf] ?? 'NONE';
    const all = [SYSLOG_LOGGERS[pf], 'nfnetlink_log'].filter((x) => x).join(',');
    out += `${String(pf).padStart(2)} ${cur} (${all})\n`;
  }
  return out;
});
registerSysctl('net/netfilter', function* (ctx) {
  if (ctx.ns !== ctx.kernel.initNet) return;
  const store = kernelStore(ctx.kernel);
  yield ['nf_log_all_netns', ctlFile('i', 0o644, {
    get: () => store.get(ALL_NETNS) ?? 0,
    set: (v) => { store.set(ALL_NETNS, v); },
  })];
});
