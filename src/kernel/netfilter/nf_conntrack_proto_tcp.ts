// net/netfilter/nf_conntrack_proto_tcp.c: the TCP tracker. The state machine (tcp_conntracks[]),
// window tracking per direction (tcp_in_window(), after Guido van Rooij's "Real Stateful TCP
// Packet Filtering in IP Filter"), the checks of tcp_error(), picking up connections in the
// middle (nf_conntrack_tcp_loose), and the timeouts of net.netfilter.nf_conntrack_tcp_timeout_*.
import type { Netns } from '../net_namespace.js';
import { sysctlInt } from '../sysctl.js';
import { NF_INET_PRE_ROUTING } from '../ipv4/ip_input.js';
import {
  TCP_CONNTRACK_NONE as sNO, TCP_CONNTRACK_SYN_SENT as sSS, TCP_CONNTRACK_SYN_RECV as sSR,
  TCP_CONNTRACK_ESTABLISHED as sES, TCP_CONNTRACK_FIN_WAIT as sFW, TCP_CONNTRACK_CLOSE_WAIT as sCW,
  TCP_CONNTRACK_LAST_ACK as sLA, TCP_CONNTRACK_TIME_WAIT as sTW, TCP_CONNTRACK_CLOSE as sCL,
  TCP_CONNTRACK_LISTEN as sS2, TCP_CONNTRACK_MAX as sIV, TCP_CONNTRACK_IGNORE as sIG,
  IPS_SEEN_REPLY, IPS_ASSURED, IPS_CONFIRMED, IPS_FIXED_TIMEOUT, IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY,
  IP_CT_TCP_FLAG_WINDOW_SCALE, IP_CT_TCP_FLAG_SACK_PERM, IP_CT_TCP_FLAG_CLOSE_INIT,
  IP_CT_TCP_FLAG_BE_LIBERAL, IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED, IP_CT_TCP_FLAG_MAXACK_SET,
  IP_CT_EXP_CHALLENGE_ACK, IP_CT_TCP_SIMULTANEOUS_OPEN, TCP_STATE_NAMES, type NfConn, type TcpCtState,
  type TcpDirState,
} from './nf_conntrack.js';
import {
  TcpPacket, TCPHDR_FIN, TCPHDR_SYN, TCPHDR_RST, TCPHDR_PSH, TCPHDR_ACK, TCPHDR_URG, TCPHDR_ECE,
  TCPHDR_CWR, TCP_HLEN, TCPOPT_EOL, TCPOPT_NOP, TCPOPT_WINDOW, TCPOPT_SACK_PERM, TCPOPT_SACK,
  TCPOPT_TIMESTAMP, TCPOLEN_WINDOW, TCPOLEN_SACK_PERM, TCPOLEN_SACK_BASE, TCPOLEN_SACK_PERBLOCK,
  TCPOLEN_TIMESTAMP,
} from '../../wire/tcp.js';
import { get16, get32 } from '../../wire/bytes.js';

/** enum tcp_bit_set: the flag set of a segment, get_conntrack_index(). */
export const TCP_SYN_SET = 0, TCP_SYNACK_SET = 1, TCP_FIN_SET = 2, TCP_ACK_SET = 3, TCP_RST_SET = 4,
  TCP_NONE_SET = 5;

/** tcp_conntracks[dir][flag set][state]; sS2 is SYN_SENT2 (the LISTEN slot of enum
 *  tcp_conntrack), sIV invalid, sIG ignored. */
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

/** get_conntrack_index() */
function conntrackIndex(f: number): number {
  if (f & TCPHDR_RST) return TCP_RST_SET;
  if (f & TCPHDR_SYN) return f & TCPHDR_ACK ? TCP_SYNACK_SET : TCP_SYN_SET;
  if (f & TCPHDR_FIN) return TCP_FIN_SET;
  if (f & TCPHDR_ACK) return TCP_ACK_SET;
  return TCP_NONE_SET;
}

/** tcp_valid_flags[]: the combinations of FIN, SYN, RST, ACK and URG a segment may carry
 *  (PSH, ECE and CWR go with any). */
const VALID_FLAGS = new Set([
  TCPHDR_SYN, TCPHDR_SYN | TCPHDR_URG, TCPHDR_SYN | TCPHDR_ACK, TCPHDR_RST, TCPHDR_RST | TCPHDR_ACK,
  TCPHDR_FIN | TCPHDR_ACK, TCPHDR_FIN | TCPHDR_ACK | TCPHDR_URG, TCPHDR_ACK, TCPHDR_ACK | TCPHDR_URG,
]);

// ---------------------------------------------------------------------------------------
// Timeouts

/** The sysctl of each state's timeout (tn->timeouts[]); SYN_SENT2 has none and keeps the
 *  built-in 2 minutes of tcp_timeouts[]. */
const TIMEOUT_SYSCTL = ['', 'syn_sent', 'syn_recv', 'established', 'fin_wait', 'close_wait', 'last_ack',
  'time_wait', 'close'];
const SYN_SENT2_TIMEOUT = 120;
/** TCP_CONNTRACK_RETRANS and TCP_CONNTRACK_UNACK, the slots after the states. */
const RETRANS = -1, UNACK = -2;

/** timeouts[state] in ms. */
function timeoutMs(ns: Netns, state: number): number {
  const name = state === RETRANS ? 'max_retrans' : state === UNACK ? 'unacknowledged' : TIMEOUT_SYSCTL[state];
  if (!name) return SYN_SENT2_TIMEOUT * 1000;
  return sysctlInt(ns, `net.netfilter.nf_conntrack_tcp_timeout_${name}`) * 1000;
}

// ---------------------------------------------------------------------------------------
// Sequence numbers (include/net/tcp.h before()/after(): modulo 2^32)

const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;
const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;
const u32 = (x: number): number => x >>> 0;

/** MAXACKWINDOW(): how far below the receiver's end an ACK may be. */
const MAXACKWINCONST = 66000;
const maxAckWindow = (s: TcpDirState): number => (s.maxwin > MAXACKWINCONST ? s.maxwin : MAXACKWINCONST);

/** The segment as the tracker reads it: `th` the TCP header's offset in `b`, `len` the
 *  segment's length (the IP datagram's, less its header). */
interface Seg {
  b: Uint8Array;
  th: number;
  len: number;
  flags: number;
}

/** segment_seq_plus_len(): the sequence number after the segment (SYN and FIN count one). */
function segEnd(s: Seg): number {
  const f = s.flags;
  return u32(get32(s.b, s.th + 4) + s.len - (s.b[s.th + 12]! >> 4) * 4 + (f & TCPHDR_SYN ? 1 : 0) + (f & TCPHDR_FIN ? 1 : 0));
}

/** tcp_options(): the window scale and SACK-permitted options of a SYN into `state` (a
 *  simplified tcp_parse_options(): a silly or partial option ends the walk). */
function tcpOptions(s: Seg, state: { scale: number; flags: number }): void {
  let p = s.th + TCP_HLEN;
  let length = (s.b[s.th + 12]! >> 4) * 4 - TCP_HLEN;
  if (length <= 0) return;
  state.scale = 0;
  state.flags &= IP_CT_TCP_FLAG_BE_LIBERAL;
  const b = s.b;
  while (length > 0) {
    const opcode = b[p++]!;
    if (opcode === TCPOPT_EOL) return;
    if (opcode === TCPOPT_NOP) {
      length--;
      continue;
    }
    if (length < 2) return;
    const opsize = b[p++]!;
    if (opsize < 2 || opsize > length) return;
    if (opcode === TCPOPT_SACK_PERM && opsize === TCPOLEN_SACK_PERM) state.flags |= IP_CT_TCP_FLAG_SACK_PERM;
    else if (opcode === TCPOPT_WINDOW && opsize === TCPOLEN_WINDOW) {
      // RFC 7323: shifts above 14 are taken as 14 (TCP_MAX_WSCALE).
      state.scale = Math.min(b[p]!, 14);
      state.flags |= IP_CT_TCP_FLAG_WINDOW_SCALE;
    }
    p += opsize - 2;
    length -= opsize;
  }
}

/** tcp_sack(): the highest right edge of the SACK blocks, if above `sack`. */
function tcpSack(s: Seg, sack: number): number {
  const b = s.b;
  let p = s.th + TCP_HLEN;
  let length = (b[s.th + 12]! >> 4) * 4 - TCP_HLEN;
  if (length <= 0) return sack;
  // The usual timestamp-only option block (NOP NOP TIMESTAMP) has no SACK.
  if (length === 12 && b[p] === TCPOPT_NOP && b[p + 1] === TCPOPT_NOP && b[p + 2] === TCPOPT_TIMESTAMP &&
    b[p + 3] === TCPOLEN_TIMESTAMP) return sack;
  while (length > 0) {
    const opcode = b[p++]!;
    if (opcode === TCPOPT_EOL) return sack;
    if (opcode === TCPOPT_NOP) {
      length--;
      continue;
    }
    if (length < 2) return sack;
    const opsize = b[p++]!;
    if (opsize < 2 || opsize > length) return sack;
    if (opcode === TCPOPT_SACK && opsize >= TCPOLEN_SACK_BASE + TCPOLEN_SACK_PERBLOCK &&
      (opsize - TCPOLEN_SACK_BASE) % TCPOLEN_SACK_PERBLOCK === 0) {
      for (let i = 0; i < opsize - TCPOLEN_SACK_BASE; i += TCPOLEN_SACK_PERBLOCK) {
        const right = get32(b, p + i + 4);
        if (after(right, sack)) sack = right;
      }
      return sack;
    }
    p += opsize - 2;
    length -= opsize;
  }
  return sack;
}

// ---------------------------------------------------------------------------------------
// Window tracking

const dirState = (): TcpDirState => ({ end: 0, maxend: 0, maxwin: 0, maxack: 0, scale: 0, flags: 0 });

/** ct->proto.tcp zeroed (memset() in tcp_new(), ctnetlink's new entries). */
export function tcpStateZero(): TcpCtState {
  return {
    seen: [dirState(), dirState()], state: sNO, lastDir: 0, retrans: 0, lastIndex: 0, lastSeq: 0, lastAck: 0,
    lastEnd: 0, lastWin: 0, lastWscale: 0, lastFlags: 0,
  };
}

/** A TCP entry made by ctnetlink (conntrack -I): its state zeroed, the tracking to be picked
 *  up from the first segment. (Returns true; the arguments are unused.) */
export function tcpNew(ct: NfConn, _flags?: number, _loose?: boolean): boolean {
  ct.tcp = tcpStateZero();
  return true;
}

/** nf_ct_tcp_state_reset() */
function stateReset(s: TcpDirState): void {
  s.end = s.maxend = s.maxwin = s.maxack = s.scale = 0;
  s.flags &= IP_CT_TCP_FLAG_BE_LIBERAL;
}

/** Why the last segment was judged invalid or ignored (nf_ct_l4proto_log_invalid()'s text),
 *  for the trace. */
export const tcpLog = { why: '' };

/** tcp_in_window()'s verdicts (enum nf_ct_tcp_action). */
const IGNORE = 0, INVALID = 1, ACCEPT = 2;

/** nf_tcp_log_invalid(): a failed check counts only when neither the direction (picked up
 *  connections) nor the namespace (nf_conntrack_tcp_be_liberal) is liberal. */
function logInvalid(ns: Netns, sender: TcpDirState, ret: number, why: string): number {
  if (sender.flags & IP_CT_TCP_FLAG_BE_LIBERAL || sysctlInt(ns, 'net.netfilter.nf_conntrack_tcp_be_liberal')) return ACCEPT;
  tcpLog.why = why;
  return ret;
}

/** tcp_init_sender(): a SYN (or SYN/ACK) starts this direction's window. Window scaling holds
 *  only when both SYNs carried the option (RFC 7323). */
function initSender(sender: TcpDirState, receiver: TcpDirState, s: Seg, end: number, win: number, dir: number): void {
  sender.end = sender.maxend = end;
  sender.maxwin = win === 0 ? 1 : win;
  tcpOptions(s, sender);
  if (dir === IP_CT_DIR_REPLY &&
    !(sender.flags & IP_CT_TCP_FLAG_WINDOW_SCALE && receiver.flags & IP_CT_TCP_FLAG_WINDOW_SCALE)) {
    sender.scale = 0;
    receiver.scale = 0;
  }
}

/** tcp_in_window(): is the segment within what the receiver can take and what the sender
 *  can have been acknowledged? Updates both directions' windows when it is.
 *   I.   seq <= sender.td_maxend
 *   II.  seq + len >= sender.td_end - receiver.td_maxwin
 *   III. sack <= receiver.td_end
 *   IV.  sack >= receiver.td_end - MAXACKWINDOW */
function tcpInWindow(ns: Netns, t: TcpCtState, dir: number, index: number, s: Seg): number {
  const sender = t.seen[dir]!, receiver = t.seen[1 - dir]!;
  const b = s.b, th = s.th, f = s.flags;
  let seq = get32(b, th + 4);
  let ack = get32(b, th + 8);
  let sack = ack;
  const winRaw = get16(b, th + 14);
  let win = winRaw;
  let end = segEnd(s);
  if (receiver.flags & IP_CT_TCP_FLAG_SACK_PERM) sack = tcpSack(s, sack);
  // (No NAT sequence adjustment: nf_ct_seq_offset() is 0 without helpers mangling payloads.)
  if (sender.maxwin === 0) {
    if (f & TCPHDR_SYN) {
      initSender(sender, receiver, s, end, win, dir);
      // A SYN in the reply direction: simultaneous open.
      if (!(f & TCPHDR_ACK)) return ACCEPT;
    } else {
      // In the middle of a connection whose history we lost: take the packet's word.
      sender.end = end;
      const swin = u32(win << sender.scale);
      sender.maxwin = swin === 0 ? 1 : swin;
      sender.maxend = u32(end + sender.maxwin);
      if (receiver.maxwin === 0) {
        // Nothing seen the other way yet: let III and IV pass until something is.
        receiver.end = receiver.maxend = sack;
      } else if (sack === u32(receiver.end + 1)) {
        // Likely the answer to a keepalive (needed for III).
        receiver.end = u32(receiver.end + 1);
      }
    }
  } else if (f & TCPHDR_SYN && after(end, sender.end) && (t.state === sSS || t.state === sSR)) {
    // RFC 793: a reinitialised TCP may reuse the tuple with higher sequence numbers. Start
    // this direction over, as for its first SYN.
    initSender(sender, receiver, s, end, win, dir);
    if (dir === IP_CT_DIR_REPLY && !(f & TCPHDR_ACK)) return ACCEPT;
  }
  if (!(f & TCPHDR_ACK)) {
    // No ACK: pretend one that is fine.
    ack = sack = receiver.end;
  } else if ((f & (TCPHDR_ACK | TCPHDR_RST)) === (TCPHDR_ACK | TCPHDR_RST) && ack === 0) {
    // Broken stacks that send RST+ACK with a zero ACK.
    ack = sack = receiver.end;
  }
  if (f & TCPHDR_RST && seq === 0 && t.state === sSS) {
    // The RST answering a SYN.
    seq = end = sender.end;
  }
  if (!before(seq, u32(sender.maxend + 1))) {
    const overshot = u32(end - sender.maxend + 1);
    const ackOk = after(sack, u32(receiver.end - maxAckWindow(sender) - 1));
    const inRecvWin = receiver.maxwin !== 0 && after(end, u32(sender.end - receiver.maxwin - 1));
    if (inRecvWin && ackOk && overshot <= receiver.maxwin && before(sack, u32(receiver.end + 1))) {
      // A sender that sent more than the window allowed: if the receiver acknowledges it,
      // every later segment would fail III unless td_end moves now.
      sender.end = end;
      sender.flags |= IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED;
      return logInvalid(ns, sender, IGNORE, `${overshot} bytes more than expected`);
    }
    return logInvalid(ns, sender, INVALID,
      `SEQ is over upper bound ${u32(sender.maxend + 1)} (over the window of the receiver)`);
  }
  if (!before(sack, u32(receiver.end + 1))) {
    return logInvalid(ns, sender, INVALID, `ACK is over upper bound ${u32(receiver.end + 1)} (ACKed data not seen yet)`);
  }
  if (receiver.maxwin && !after(end, u32(sender.end - receiver.maxwin - 1))) {
    return logInvalid(ns, sender, IGNORE,
      `SEQ is under lower bound ${u32(sender.end - receiver.maxwin - 1)} (already ACKed data retransmitted)`);
  }
  if (!after(sack, u32(receiver.end - maxAckWindow(sender) - 1))) {
    return logInvalid(ns, sender, IGNORE,
      `ignored ACK under lower bound ${u32(receiver.end - maxAckWindow(sender) - 1)} (possible overly delayed)`);
  }
  // The window of anything but a SYN is scaled (RFC 7323).
  if (!(f & TCPHDR_SYN)) win = u32(win * 2 ** sender.scale);
  const swin = u32(win + (sack - ack));
  if (sender.maxwin < swin) sender.maxwin = swin;
  if (after(end, sender.end)) {
    sender.end = end;
    sender.flags |= IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED;
  }
  if (f & TCPHDR_ACK) {
    if (!(sender.flags & IP_CT_TCP_FLAG_MAXACK_SET)) {
      sender.maxack = ack;
      sender.flags |= IP_CT_TCP_FLAG_MAXACK_SET;
    } else if (after(ack, sender.maxack)) sender.maxack = ack;
  }
  if (receiver.maxwin !== 0 && after(end, sender.maxend)) receiver.maxwin = u32(receiver.maxwin + end - sender.maxend);
  if (after(u32(sack + win), u32(receiver.maxend - 1))) {
    receiver.maxend = u32(sack + win);
    if (win === 0) receiver.maxend = u32(receiver.maxend + 1);
  }
  if (ack === receiver.end) receiver.flags &= ~IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED;
  // Retransmissions: the same ACK segment again.
  if (index === TCP_ACK_SET) {
    if (t.lastDir === dir && t.lastSeq === seq && t.lastAck === ack && t.lastEnd === end && t.lastWin === winRaw) {
      t.retrans++;
    } else {
      t.lastDir = dir;
      t.lastSeq = seq;
      t.lastAck = ack;
      t.lastEnd = end;
      t.lastWin = winRaw;
      t.retrans = 0;
    }
  }
  return ACCEPT;
}

/** nf_tcp_handle_invalid(): an out-of-window FIN or RST answering the other side's FIN or RST
 *  shortens an assured connection's timeout to the unacknowledged one, so that a connection
 *  conntrack lost sync with does not linger for days. */
function handleInvalid(ns: Netns, ct: NfConn, dir: number, index: number): void {
  const t = ct.tcp!;
  if (!(ct.status & IPS_ASSURED) || ct.status & IPS_FIXED_TIMEOUT) return;
  if (index !== TCP_RST_SET && index !== TCP_FIN_SET) return;
  if (t.lastDir !== dir && (t.lastIndex === TCP_FIN_SET || t.lastIndex === TCP_RST_SET)) {
    const now = ns.kernel.clock.now();
    const expires = ct.timeout - now;
    if (expires < 120000) return;
    const timeout = timeoutMs(ns, UNACK);
    if (expires > timeout) {
      tcpLog.why = `packet (index ${index}, dir ${dir}) response for index ${t.lastIndex} lower timeout to ${timeout}`;
      ct.timeout = now + timeout;
    }
  } else {
    t.lastIndex = index;
    t.lastDir = dir;
  }
}

/** nf_conntrack_tcp_established() */
function established(ct: NfConn): boolean {
  return ct.tcp!.state === sES && (ct.status & IPS_ASSURED) !== 0;
}

/** tcp_can_early_drop(): the closing states. */
function closing(state: number): boolean {
  return state === sFW || state === sLA || state === sTW || state === sCL || state === sCW;
}

// ---------------------------------------------------------------------------------------
// tcp_error(), tcp_new(), nf_conntrack_tcp_packet()

/** What nfConntrackTcpPacket() asks of nf_conntrack_in() besides "refresh with this many ms":
 *  the packet is invalid (-NF_ACCEPT), belongs to the connection without refreshing it
 *  (NF_ACCEPT before nf_ct_refresh_acct()), ends it (nf_ct_kill_acct()), or reopens a closed
 *  connection whose entry must go before the packet is looked up again (-NF_REPEAT). */
export const TCP_INVALID = -1, TCP_KILL = -2, TCP_NOREFRESH = -3, TCP_REPEAT = -4;

/** tcp_error(): a segment cut short, with a bad checksum (on input, nf_conntrack_checksum) or
 *  an impossible combination of flags is invalid. */
function tcpError(ns: Netns, hook: number, b: Uint8Array, nh: number, s: Seg): boolean {
  const doff = (b[s.th + 12]! >> 4) * 4;
  if (doff < TCP_HLEN || s.len < doff) {
    tcpLog.why = 'truncated packet';
    return true;
  }
  // nf_checksum(): over the IPv4 or IPv6 pseudo-header (the version nibble tells).
  if (hook === NF_INET_PRE_ROUTING && sysctlInt(ns, 'net.netfilter.nf_conntrack_checksum') &&
    !(b[nh]! >> 4 === 6
      ? new TcpPacket(b, s.th, s.len).verifyChecksum6(b, b, nh + 8, nh + 24)
      : new TcpPacket(b, s.th, s.len).verifyChecksum4(get32(b, nh + 12), get32(b, nh + 16)))) {
    tcpLog.why = 'bad checksum';
    return true;
  }
  if (!VALID_FLAGS.has(s.flags & ~(TCPHDR_ECE | TCPHDR_CWR | TCPHDR_PSH))) {
    tcpLog.why = 'invalid tcp flag combination';
    return true;
  }
  return false;
}

/** tcp_new(): a connection starts with a SYN, or (nf_conntrack_tcp_loose) with any segment
 *  the table lets open one, picked up in the middle: then both directions are taken as
 *  SACK-permitted and judged liberally, their window scale being unknown. */
function tcpNewConn(ns: Netns, ct: NfConn, s: Seg): boolean {
  const next = TCP_CONNTRACKS[0]![conntrackIndex(s.flags)]![sNO]!;
  if (next >= sIV) {
    tcpLog.why = 'invalid new';
    return false;
  }
  const t = tcpStateZero();
  const o = t.seen[0];
  o.end = segEnd(s);
  o.maxwin = get16(s.b, s.th + 14) || 1;
  if (next === sSS) {
    o.maxend = o.end;
    tcpOptions(s, o);
  } else {
    if (!sysctlInt(ns, 'net.netfilter.nf_conntrack_tcp_loose')) {
      tcpLog.why = 'invalid new';
      return false;
    }
    o.maxend = u32(o.end + o.maxwin);
    o.flags = t.seen[1].flags = IP_CT_TCP_FLAG_SACK_PERM | IP_CT_TCP_FLAG_BE_LIBERAL;
  }
  t.lastIndex = TCP_NONE_SET;
  ct.tcp = t;
  return true;
}

/** nf_conntrack_tcp_packet() for the IP packet whose header is at `nh` of `b`, in direction
 *  `dir` of `ct`: the timeout to refresh the connection with (ms), or TCP_INVALID, TCP_KILL,
 *  TCP_NOREFRESH, TCP_REPEAT. An IPv6 packet comes with the offset of its TCP header (`thoff`,
 *  after any extension headers) and the segment's length. */
export function nfConntrackTcpPacket(ns: Netns, ct: NfConn, hook: number, b: Uint8Array, nh: number, dir: number,
  thoff?: number, seglen?: number): number {
  const ihl = (b[nh]! & 0x0f) * 4;
  const th = thoff ?? nh + ihl;
  const len = seglen ?? ((b[nh + 2]! << 8) | b[nh + 3]!) - ihl;
  tcpLog.why = '';
  if (len < TCP_HLEN || th + TCP_HLEN > b.length) return TCP_INVALID;
  const s: Seg = { b, th, len, flags: b[th + 13]! };
  if (tcpError(ns, hook, b, nh, s)) return TCP_INVALID;
  if (!(ct.status & IPS_CONFIRMED) && !tcpNewConn(ns, ct, s)) return TCP_INVALID;
  const t = ct.tcp ??= tcpStateZero();
  const f = s.flags;
  let oldState = t.state;
  const index = conntrackIndex(f);
  let newState = TCP_CONNTRACKS[dir]![index]![oldState]!;
  let inWindow = false;
  let ignored = newState === sIG;
  if (newState === sSS && oldState >= sTW) {
    // RFC 1122: a SYN may reopen a connection in TIME_WAIT; and a client may abort and start
    // over while we and the server still believe in the old one. The old entry goes.
    if ((t.seen[dir]!.flags | t.seen[1 - dir]!.flags) & IP_CT_TCP_FLAG_CLOSE_INIT ||
      (t.lastDir === dir && t.lastIndex === TCP_RST_SET)) return TCP_REPEAT;
    ignored = true;
  }
  if (ignored) {
    // Segments that may be right while we are out of sync: a SYN in ORIGINAL, a SYN/ACK in
    // REPLY, an ACK in REPLY after the first SYN. Noted, let through, not acted upon.
    if (index === TCP_SYNACK_SET && t.lastIndex === TCP_SYN_SET && t.lastDir !== dir &&
      get32(b, th + 8) === t.lastEnd) {
      // This SYN/ACK answers the SYN we ignored: client and server are in sync, we were not.
      // Resynchronise from the values noted then.
      oldState = sSS;
      newState = sSR;
      const last = t.seen[t.lastDir]!;
      last.end = last.maxend = t.lastEnd;
      last.maxwin = t.lastWin === 0 ? 1 : t.lastWin;
      last.scale = t.lastWscale;
      t.lastFlags &= ~IP_CT_EXP_CHALLENGE_ACK;
      last.flags = t.lastFlags;
      stateReset(t.seen[dir]!);
    } else {
      t.lastIndex = index;
      t.lastDir = dir;
      t.lastSeq = get32(b, th + 4);
      t.lastEnd = segEnd(s);
      t.lastWin = get16(b, th + 14);
      if (index === TCP_SYN_SET && dir === IP_CT_DIR_ORIGINAL) {
        // Note the SYN's options; a server implementing RFC 5961 may answer with a challenge
        // ACK, which in LAST_ACK would look like the last ACK.
        const seen = { scale: 0, flags: 0 };
        t.lastFlags = t.lastWscale = 0;
        tcpOptions(s, seen);
        if (seen.flags & IP_CT_TCP_FLAG_WINDOW_SCALE) {
          t.lastFlags |= IP_CT_TCP_FLAG_WINDOW_SCALE;
          t.lastWscale = seen.scale;
        }
        if (seen.flags & IP_CT_TCP_FLAG_SACK_PERM) t.lastFlags |= IP_CT_TCP_FLAG_SACK_PERM;
        if (oldState === sLA) t.lastFlags |= IP_CT_EXP_CHALLENGE_ACK;
      }
      // A possible challenge ACK answering the SYN.
      if (oldState === sSS && index === TCP_ACK_SET && dir === IP_CT_DIR_REPLY) t.lastAck = get32(b, th + 8);
      tcpLog.why = `packet (index ${index}) in dir ${dir} ignored, state ${TCP_STATE_NAMES[oldState]}`;
      return TCP_NOREFRESH;
    }
  } else switch (newState) {
    case sIV:
      tcpLog.why = `packet (index ${index}) in dir ${dir} invalid, state ${TCP_STATE_NAMES[oldState]}`;
      return TCP_INVALID;
    case sTW:
      // RFC 5961: the challenge ACK a stack sends to a spurious SYN does not ACK the last FIN.
      if (oldState === sLA && index === TCP_ACK_SET && t.lastDir !== dir && t.lastIndex === TCP_SYN_SET &&
        t.lastFlags & IP_CT_EXP_CHALLENGE_ACK) {
        t.lastFlags &= ~IP_CT_EXP_CHALLENGE_ACK;
        tcpLog.why = 'challenge-ack ignored';
        return TCP_NOREFRESH;
      }
      break;
    case sS2:
      // The table alone cannot follow a simultaneous open.
      t.lastFlags |= IP_CT_TCP_SIMULTANEOUS_OPEN;
      break;
    case sSR:
      if (dir === IP_CT_DIR_REPLY && index === TCP_ACK_SET && t.lastFlags & IP_CT_TCP_SIMULTANEOUS_OPEN) newState = sES;
      break;
    case sCL: {
      if (index !== TCP_RST_SET) break;
      // Closing already: the tuple may have been reused, the window data is stale.
      if (closing(t.state)) {
        inWindow = true;
        break;
      }
      const other = t.seen[1 - dir]!;
      const seq = get32(b, th + 4);
      if (other.flags & IP_CT_TCP_FLAG_MAXACK_SET && t.lastIndex !== TCP_SYN_SET) {
        // Not yet established, seq 0: the answer to a SYN we let through.
        if (seq === 0 && !established(ct)) break;
        if (before(seq, other.maxack) && !sysctlInt(ns, 'net.netfilter.nf_conntrack_tcp_ignore_invalid_rst')) {
          tcpLog.why = 'invalid rst';
          return TCP_INVALID;
        }
        if (!established(ct) || seq === other.maxack) break;
        // A RST right after this side's last data (a "train"): in sequence too.
        if (t.lastIndex === TCP_ACK_SET && t.lastDir === dir && seq === t.lastEnd) break;
        // Not exactly in sequence: stay, the peer may send a challenge ACK.
        newState = oldState;
      }
      if (((ct.status & IPS_SEEN_REPLY && t.lastIndex === TCP_SYN_SET) ||
        (!(ct.status & IPS_ASSURED) && t.lastIndex === TCP_ACK_SET)) && get32(b, th + 8) === t.lastEnd) {
        // The RST answering a SYN or ACK we let through above (ignored): the window may not
        // have seen what it acknowledges.
        inWindow = true;
        break;
      }
      // The RST answering a challenge ACK we let through.
      if (oldState === sSS && t.lastIndex === TCP_ACK_SET && t.lastDir === IP_CT_DIR_REPLY && seq === t.lastAck) {
        inWindow = true;
      }
      break;
    }
  }
  if (!inWindow) {
    const res = tcpInWindow(ns, t, dir, index, s);
    if (res === IGNORE) return TCP_NOREFRESH;
    if (res === INVALID) {
      handleInvalid(ns, ct, dir, index);
      return TCP_INVALID;
    }
  }
  // In window from here on.
  t.lastIndex = index;
  t.lastDir = dir;
  t.state = newState;
  if (oldState !== newState && newState === sFW) t.seen[dir]!.flags |= IP_CT_TCP_FLAG_CLOSE_INIT;
  let timeout: number;
  const stateTimeout = timeoutMs(ns, newState);
  if (t.retrans >= sysctlInt(ns, 'net.netfilter.nf_conntrack_tcp_max_retrans') && stateTimeout > timeoutMs(ns, RETRANS)) {
    timeout = timeoutMs(ns, RETRANS);
  } else if (index === TCP_RST_SET) {
    timeout = timeoutMs(ns, sCL);
  } else if ((t.seen[0].flags | t.seen[1].flags) & IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED && stateTimeout > timeoutMs(ns, UNACK)) {
    timeout = timeoutMs(ns, UNACK);
  } else if (t.lastWin === 0 && stateTimeout > timeoutMs(ns, RETRANS)) {
    timeout = timeoutMs(ns, RETRANS);
  } else {
    timeout = stateTimeout;
  }
  if (!(ct.status & IPS_SEEN_REPLY)) {
    // Only a RST came back: nothing was established, forget it at once.
    if (f & TCPHDR_RST) return TCP_KILL;
    // A retransmitted SYN does not renew the timeout (port reuse would keep it forever).
    if (index === TCP_SYN_SET && oldState === sSS) return TCP_NOREFRESH;
    // ESTABLISHED without a reply: picked up in the middle, not for long.
    if (newState === sES && timeout > timeoutMs(ns, UNACK)) timeout = timeoutMs(ns, UNACK);
  } else if (!(ct.status & IPS_ASSURED) && (oldState === sSR || oldState === sES) && newState === sES) {
    // A valid ACK after SYN_RECV, or an answer to a picked-up connection.
    ct.status |= IPS_ASSURED;
  }
  return timeout;
}

/** nf_conntrack_tcp_set_closing() (nf_ct_set_closing()): a connection we sent a RST for
 *  (REJECT --reject-with tcp-reset) is CLOSE, with its timeout. */
export function nfConntrackTcpSetClosing(ns: Netns, ct: NfConn): void {
  const t = ct.tcp;
  if (!t || !(ct.status & IPS_CONFIRMED)) return;
  const old = t.state;
  t.state = sCL;
  if (old === sCL || ct.status & IPS_FIXED_TIMEOUT) return;
  ct.timeout = ns.kernel.clock.now() + timeoutMs(ns, sCL);
}

