// net/netfilter/xt_LOG.c and xt_NFLOG.c: log the packet and let it continue (XT_CONTINUE).
// LOG hands the packet to the family's NF_LOG_TYPE_LOG logger (nf_log_syslog.ts), which
// writes the kernel log line; NFLOG's packets go to nfnetlink_log listeners, never to the
// kernel log (netsim has none: the target counts packets and passes them on).
import { xtRegisterTarget, XT_CONTINUE } from './x_tables.js';
import { nfLogPacket, NFPROTO_IPV4, NF_LOG_TYPE_LOG } from './nf_log.js';
import type { XtParam } from './x_tables.js';
import {
  NF_LOG_IPOPT, NF_LOG_MACDECODE, NF_LOG_TCPOPT, NF_LOG_TCPSEQ, NF_LOG_UID,
} from './nf_log_syslog.js';

export const XT_LOG_TCPSEQ = NF_LOG_TCPSEQ, XT_LOG_TCPOPT = NF_LOG_TCPOPT, XT_LOG_IPOPT = NF_LOG_IPOPT,
  XT_LOG_UID = NF_LOG_UID, XT_LOG_MACDECODE = NF_LOG_MACDECODE;

/** struct xt_log_info */
export interface LogInfo {
  level: number;
  logflags: number;
  prefix: string;
}
/** struct xt_nflog_info */
export interface NflogInfo {
  group: number;
  prefix: string;
  len: number;
  threshold: number;
  copyLen: boolean;
}

/** log_tg(): the family's logger (ip6tables' tables walk with par->family NFPROTO_IPV6). */
xtRegisterTarget<LogInfo>({
  name: 'LOG',
  target(p, info) {
    const pf = (p as XtParam & { family?: number }).family ?? NFPROTO_IPV4;
    nfLogPacket(p.ns, pf, p.hook, p.skb, p.nh, p.in, p.out,
      { type: NF_LOG_TYPE_LOG, level: info.level, logflags: info.logflags }, info.prefix);
    return XT_CONTINUE;
  },
});
xtRegisterTarget<NflogInfo>({ name: 'NFLOG', target: () => XT_CONTINUE });
