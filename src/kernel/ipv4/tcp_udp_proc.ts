// /proc/net/tcp and /proc/net/udp: tcp4_seq_show() (get_tcp4_sock(), get_openreq4(),
// get_timewait4_sock()) and udp4_seq_show() (udp4_format_sock()), over the inet_diag dump.
// Addresses are the __be32 printed with %08X on a little-endian machine; times are clock_t
// (USER_HZ = 100); each line is padded to the seq_file width the kernel sets.
import { registerProcNet } from '../fs/proc_net.js';
import { tcpDiagDump, udpDiagDump, type InetDiagSock } from './inet_diag.js';

const hex = (v: number, w: number) => (v >>> 0).toString(16).toUpperCase().padStart(w, '0');

/** An IPv4 address (host order) as the kernel prints its network-order word. */
function be32(v: number): string {
  return hex((((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0, 8);
}

/** jiffies_to_clock_t() / jiffies_delta_to_clock_t() from milliseconds. */
const clockT = (ms: number) => Math.max(0, Math.floor(ms / 10));

/** %pK: a kernel address (the record's identity in a direct-map-like range). */
export function kptr(cookie: number): string {
  return (0xffff8880_00000000n + BigInt(cookie) * 0x800n).toString(16);
}

const r = (v: unknown, w: number) => String(v).padStart(w);

/** TMPSZ - 1: the width every line of /proc/net/tcp is padded to. */
const TCP_WIDTH = 149;
const UDP_WIDTH = 127;

function tcpLine(i: number, s: InetDiagSock): string {
  const head = `${r(i, 4)}: ${be32(s.saddr)}:${hex(s.sport, 4)} ${be32(s.daddr)}:${hex(s.dport, 4)} ${hex(s.state, 2)}`;
  if (s.kind === 'timewait') {
    return `${head} ${hex(0, 8)}:${hex(0, 8)} 03:${hex(clockT(s.expires), 8)} ${hex(0, 8)} ${r(0, 5)} ${r(0, 8)} 0 ${s.refcnt} ${kptr(s.cookie)}`;
  }
  if (s.kind === 'request') {
    return `${head} ${hex(0, 8)}:${hex(0, 8)} 01:${hex(clockT(s.expires), 8)} ${hex(s.retrans, 8)} ${r(s.uid, 5)} ${r(0, 8)} 0 0 ${kptr(s.cookie)}`;
  }
  const t = s.tcp!;
  const listen = s.state === 10;
  const tx = listen ? 0 : s.wqueue;
  const initialSlowStart = t.ssthresh >= 0x7fffffff;
  return `${head} ${hex(tx, 8)}:${hex(s.rqueue, 8)} ${hex(s.timer, 2)}:${hex(clockT(s.expires), 8)} ${hex(s.retrans, 8)} ` +
    `${r(s.uid, 5)} ${r(0, 8)} ${s.inode} ${s.refcnt} ${kptr(s.cookie)} ${clockT(t.rto)} ${clockT(t.ato)} ` +
    `${(t.quick << 1) | (t.pingpong ? 1 : 0)} ${t.cwnd} ${listen ? 0 : initialSlowStart ? -1 : t.ssthresh}`;
}

registerProcNet('tcp', (ns) => {
  let out = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'.padEnd(TCP_WIDTH) + '\n';
  tcpDiagDump(ns).forEach((s, i) => { out += tcpLine(i, s).padEnd(TCP_WIDTH) + '\n'; });
  return out;
});

registerProcNet('udp', (ns) => {
  let out = '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops'.padEnd(UDP_WIDTH) + '\n';
  for (const s of udpDiagDump(ns)) {
    out += (`${r(s.slot, 5)}: ${be32(s.saddr)}:${hex(s.sport, 4)} ${be32(s.daddr)}:${hex(s.dport, 4)} ${hex(s.state, 2)} ` +
      `${hex(s.wqueue, 8)}:${hex(s.rqueue, 8)} 00:${hex(0, 8)} ${hex(0, 8)} ${r(s.uid, 5)} ${r(0, 8)} ${s.inode} ${s.refcnt} ` +
      `${kptr(s.cookie)} ${s.drops}`).padEnd(UDP_WIDTH) + '\n';
  }
  return out;
});
