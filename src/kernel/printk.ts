// kernel/printk/printk.c and printk_ringbuffer.c: the kernel log buffer. One per machine
// (every network namespace writes to the same log), records with a sequence number, a
// timestamp from local_clock() (the world's clock), a facility and a level; bounded as the
// ring is (the oldest records are overwritten), with the clear_seq that syslog(2)'s
// SYSLOG_ACTION_CLEAR moves and /dev/kmsg's SEEK_DATA starts from. Read by dmesg through the
// interfaces userspace has: devkmsg_read() records and do_syslog() actions.
import type { Kernel } from './kernel.js';
import { kernelStore } from './fs/sysctl_core.js';

export const KERN_EMERG = 0, KERN_ALERT = 1, KERN_CRIT = 2, KERN_ERR = 3, KERN_WARNING = 4,
  KERN_NOTICE = 5, KERN_INFO = 6, KERN_DEBUG = 7;
/** The byte that starts a level prefix ("\x014" is KERN_WARNING). */
export const KERN_SOH = '\x01';
/** LOG_KERN: every printk() record; /dev/kmsg writers default to LOG_USER (1). */
export const LOG_KERN = 0;

/** CONFIG_LOG_BUF_SHIFT=17: 128 KiB of text; descriptors are sized for an average record of
 *  32 bytes (PRB_AVGBITS = 5), so at most 4096 records. */
export const LOG_BUF_LEN = 1 << 17;
const DESCS = LOG_BUF_LEN >> 5;
/** PRINTKRB_RECORD_MAX: the longest text one record keeps. */
export const PRINTKRB_RECORD_MAX = 1024;

/** struct printk_info plus its text. */
export interface PrintkRecord {
  seq: number;
  /** local_clock() in nanoseconds. */
  tsNsec: number;
  facility: number;
  level: number;
  text: string;
}

class LogBuf {
  records: PrintkRecord[] = [];
  /** Index of the oldest record in `records` (older slots are dropped in batches). */
  head = 0;
  textBytes = 0;
  nextSeq = 0;
  /** clear_seq: the first record a reader sees after SYSLOG_ACTION_CLEAR. */
  clearSeq = 0;
  /** console_loglevel's value before SYSLOG_ACTION_CONSOLE_OFF (-1: none saved). */
  savedConsoleLevel = -1;

  get count(): number {
    return this.records.length - this.head;
  }

  /** prb_reserve() pushing out the oldest records until the new one fits. */
  push(r: PrintkRecord): void {
    const size = utf8Length(r.text);
    while (this.count > 0 && (this.count >= DESCS || this.textBytes + size > LOG_BUF_LEN)) {
      this.textBytes -= utf8Length(this.records[this.head]!.text);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
    this.records.push(r);
    this.textBytes += size;
  }

  /** The records from sequence number `seq` on (the oldest kept when it was overwritten). */
  from(seq: number): PrintkRecord[] {
    const first = this.count ? this.records[this.head]!.seq : this.nextSeq;
    return this.records.slice(this.head + Math.max(0, seq - first));
  }
}

const bufs = new WeakMap<Kernel, LogBuf>();

function logBuf(k: Kernel): LogBuf {
  let b = bufs.get(k);
  if (!b) bufs.set(k, (b = new LogBuf()));
  return b;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** kernel.printk: console_loglevel, default_message_loglevel, minimum_console_loglevel,
 *  default_console_loglevel (stored by the sysctl table of fs/sysctl_kernel.ts). */
function printkLevels(k: Kernel): number[] {
  const v = kernelStore(k).get('kernel/printk');
  return Array.isArray(v) ? v : [4, 4, 1, 7];
}

/** vprintk_store(): one record of `facility` at `level` (the text's trailing newline dropped). */
export function vprintkEmit(k: Kernel, facility: number, level: number, text: string): void {
  const b = logBuf(k);
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text.length > PRINTKRB_RECORD_MAX) text = text.slice(0, PRINTKRB_RECORD_MAX);
  b.push({ seq: b.nextSeq++, tsNsec: Math.round(k.clock.now() * 1e6), facility, level, text });
}

/** printk(): `text` may start with a level prefix (KERN_SOH and a digit, printk_get_level());
 *  without one the record gets default_message_loglevel. */
export function printk(k: Kernel, text: string): void {
  let level = printkLevels(k)[1]!;
  while (text[0] === KERN_SOH && text.length >= 2) {
    const c = text[1]!;
    if (c >= '0' && c <= '7') level = c.charCodeAt(0) - 48;
    else if (c !== 'c') break;
    text = text.slice(2);
  }
  vprintkEmit(k, LOG_KERN, level, text);
}

/** The records a reader of /dev/kmsg gets after lseek(SEEK_DATA) (from clear_seq on), or
 *  after SEEK_SET (`all`: from the oldest record kept). */
export function devkmsgRecords(k: Kernel, all = false): PrintkRecord[] {
  const b = logBuf(k);
  return b.from(all ? 0 : b.clearSeq);
}

export const SYSLOG_ACTION_CLEAR = 5, SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7,
  SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_BUFFER = 10;

/** do_syslog() for the actions that change state; returns 0, a size, or -EINVAL (-22). */
export function doSyslog(k: Kernel, action: number, len = 0): number {
  const b = logBuf(k);
  const store = kernelStore(k);
  const levels = [...printkLevels(k)];
  const setConsole = (v: number) => {
    levels[0] = v;
    store.set('kernel/printk', levels);
  };
  switch (action) {
    case SYSLOG_ACTION_CLEAR:
      b.clearSeq = b.nextSeq;
      return 0;
    case SYSLOG_ACTION_CONSOLE_OFF:
      if (b.savedConsoleLevel === -1) b.savedConsoleLevel = levels[0]!;
      setConsole(levels[2]!);
      return 0;
    case SYSLOG_ACTION_CONSOLE_ON:
      if (b.savedConsoleLevel !== -1) {
        setConsole(b.savedConsoleLevel);
        b.savedConsoleLevel = -1;
      }
      return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if (len < 1 || len > 8) return -22;
      setConsole(Math.max(len, levels[2]!));
      // Implicitly re-enables logging to the console.
      b.savedConsoleLevel = -1;
      return 0;
    case SYSLOG_ACTION_SIZE_BUFFER:
      return LOG_BUF_LEN;
    default:
      return -22;
  }
}
