// net/netfilter/nf_conntrack_proto_tcp.c: the TCP state machine (tcp_conntracks[][][]) and
// the per-state timeouts from net.netfilter.nf_conntrack_tcp_timeout_*.
import {
  TCP_CONNTRACK_NONE as sNO, TCP_CONNTRACK_SYN_SENT as sSS, TCP_CONNTRACK_SYN_RECV as sSR,
  TCP_CONNTRACK_ESTABLISHED as sES, TCP_CONNTRACK_FIN_WAIT as sFW, TCP_CONNTRACK_CLOSE_WAIT as sCW,
  TCP_CONNTRACK_LAST_ACK as sLA, TCP_CONNTRACK_TIME_WAIT as sTW, TCP_CONNTRACK_CLOSE as sCL,
  TCP_CONNTRACK_MAX as sIV, TCP_CONNTRACK_IGNORE as sIG, IPS_SEEN_REPLY, IPS_ASSURED,
  IP_CT_DIR_ORIGINAL, type NfConn, type TcpDirState,
} from './nf_conntrack.js';

/** TCP_CONNTRACK_SYN_SENT2 (listed as sS2; the "LISTEN" slot of the enum). */
const sS2 = 9;

const TCP_SYN_SET = 0, TCP_SYNACK_SET = 1, TCP_FIN_SET = 2, TCP_ACK_SET = 3, TCP_RST_SET = 4, TCP_NONE_SET = 5;

/** tcp_conntracks[dir][flag set][state] */
const TCP_CONNTRACKS: number[][][] = [
  [ // ORIGINAL: sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2
    [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2], // syn
    [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR], // synack
    [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV], // fin
    [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV], // ack
    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL], // rst
    [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV], // none
  ],
  [ // REPLY
    [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
    [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  ],
];

const TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10;

/** get_conntrack_index() */
function flagIndex(f: number): number {
  if (f & TH_RST) return TCP_RST_SET;
  if (f & TH_SYN) return f & TH_ACK ? TCP_SYNACK_SET : TCP_SYN_SET;
  if (f & TH_FIN) return TCP_FIN_SET;
  if (f & TH_ACK) return TCP_ACK_SET;
  return TCP_NONE_SET;
}

/** The sysctl holding each state's timeout (tcp_timeouts[]); SYN_SENT2 uses syn_sent. */
export const TCP_TIMEOUT_KEYS = ['', 'syn_sent', 'syn_recv', 'established', 'fin_wait', 'close_wait',
  'last_ack', 'time_wait', 'close', 'syn_sent'];

/** tcp_valid_flags[]: combinations a TCP segment may carry (tcp_error()). */
function validFlags(f: number): boolean {
  const x = f & (TH_FIN | TH_SYN | TH_RST | TH_ACK | 0x20 /* URG */ | 0x08 /* PSH */);
  const core = x & (TH_FIN | TH_SYN | TH_RST | TH_ACK);
  const ok = [
    TH_SYN, TH_SYN | TH_ACK, TH_RST, TH_RST | TH_ACK, TH_FIN | TH_ACK, TH_ACK,
  ];
  return ok.includes(core);
}

const dirState = (): TcpDirState => ({ end: 0, maxend: 0, maxwin: 0, scale: 0, flags: 0 });

/** tcp_new(): only a SYN (or, with nf_conntrack_tcp_loose, any non-RST segment picked up
 *  mid-stream) starts a connection. Returns false for an invalid first packet. */
export function tcpNew(ct: NfConn, flags: number, loose: boolean): boolean {
  if (!validFlags(flags)) return false;
  const next = TCP_CONNTRACKS[0]![flagIndex(flags)]![sNO]!;
  if (next >= sIV) return false;
  if (next !== sSS && !loose) return false;
  ct.tcp = {
    seen: [dirState(), dirState()], state: sNO, lastDir: 0, retrans: 0, lastIndex: TCP_NONE_SET,
    lastSeq: 0, lastAck: 0, lastEnd: 0, lastWin: 0, lastWscale: 0, lastFlags: 0,
  };
  return true;
}

/** nf_conntrack_tcp_packet(): the new state, -1 for an invalid segment (not counted by the
 *  connection), or KILL. Window tracking (tcp_in_window()) is not applied: every segment of
 *  a valid flag combination is taken as in window, as with nf_conntrack_tcp_be_liberal. */
export function tcpPacket(ct: NfConn, dir: number, flags: number): number {
  const t = ct.tcp!;
  if (!validFlags(flags)) return -1;
  const index = flagIndex(flags);
  const old = t.state;
  let next = TCP_CONNTRACKS[dir]![index]![old]!;
  if (next === sSS && old === sTW && dir === IP_CT_DIR_ORIGINAL) {
    // A SYN reopening a connection in TIME_WAIT: the old one is forgotten.
    t.seen = [dirState(), dirState()];
  }
  if (next === sIG) {
    // Segments that may be valid or not: remembered, not acted upon.
    t.lastDir = dir;
    t.lastIndex = index;
    return old;
  }
  if (next === sIV) return -1;
  t.lastIndex = index;
  t.lastDir = dir;
  t.state = next;
  if (!(ct.status & IPS_SEEN_REPLY)) {
    // Only a RST came back: nothing was established, the entry goes at once.
    if (index === TCP_RST_SET) return KILL;
  } else if (!(ct.status & IPS_ASSURED) && (old === sSR || old === sES) && next === sES) {
    // A valid ACK in ESTABLISHED after SYN_RECV (or an answer to a picked-up connection).
    ct.status |= IPS_ASSURED;
  }
  return next;
}

/** tcpPacket()'s "kill the connection" (nf_ct_kill_acct()). */
export const KILL = -2;

export function tcpTimeout(state: number, timeoutOf: (name: string) => number): number {
  return timeoutOf(TCP_TIMEOUT_KEYS[state] || 'close');
}
