// net/netfilter/xt_LOG.c and xt_NFLOG.c: log the packet and let it continue (XT_CONTINUE).
// The kernel log line (nf_log_syslog.c) and nfnetlink_log delivery are not emitted yet: the
// targets count packets and pass them on.
import { xtRegisterTarget, XT_CONTINUE } from './x_tables.js';

export const XT_LOG_TCPSEQ = 1, XT_LOG_TCPOPT = 2, XT_LOG_IPOPT = 4, XT_LOG_UID = 8, XT_LOG_MACDECODE = 0x20;

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

xtRegisterTarget<LogInfo>({ name: 'LOG', target: () => XT_CONTINUE });
xtRegisterTarget<NflogInfo>({ name: 'NFLOG', target: () => XT_CONTINUE });
