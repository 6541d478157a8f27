// The classic libpcap file format (https://www.tcpdump.org/manpages/pcap-savefile.5.html): a
// 24-byte global header, then per packet a 16-byte record header (ts_sec, ts_usec, caplen, len)
// and the captured bytes. The writer emits little-endian microsecond files (magic 0xa1b2c3d4),
// which `tcpdump -r` and Wireshark read; the reader also takes big-endian and nanosecond files.

export const PCAP_MAGIC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
export const PCAP_GLOBAL_HLEN = 24;
export const PCAP_RECORD_HLEN = 16;
/** tcpdump's default snapshot length. */
export const PCAP_DEFAULT_SNAPLEN = 262144;

/** Link types (https://www.tcpdump.org/linktypes.html). */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;

export interface PcapOptions {
  /** Default LINKTYPE_ETHERNET. */
  linktype?: number;
  /** Default 262144; longer packets are truncated to it (caplen < len). */
  snaplen?: number;
}

/** The global file header. */
export function pcapGlobalHeader(opts: PcapOptions = {}): Uint8Array {
  const out = new Uint8Array(PCAP_GLOBAL_HLEN);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  dv.setUint32(0, PCAP_MAGIC, true);
  dv.setUint16(4, PCAP_VERSION_MAJOR, true);
  dv.setUint16(6, PCAP_VERSION_MINOR, true);
  dv.setInt32(8, 0, true); // thiszone
  dv.setUint32(12, 0, true); // sigfigs
  dv.setUint32(16, opts.snaplen ?? PCAP_DEFAULT_SNAPLEN, true);
  dv.setUint32(20, opts.linktype ?? LINKTYPE_ETHERNET, true);
  return out;
}

/** A packet: its timestamp (seconds + microseconds), its bytes, and its original length. */
export interface PcapPacket {
  tsSec: number;
  tsUsec: number;
  /** The captured bytes (caplen = data.length). */
  data: Uint8Array;
  /** The length on the wire; data.length when omitted. */
  origLen?: number;
}

/** One record (16-byte header + at most `snaplen` bytes of the packet). */
export function pcapRecord(p: PcapPacket, snaplen = PCAP_DEFAULT_SNAPLEN): Uint8Array {
  const caplen = Math.min(p.data.length, snaplen);
  const out = new Uint8Array(PCAP_RECORD_HLEN + caplen);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  dv.setUint32(0, p.tsSec >>> 0, true);
  dv.setUint32(4, p.tsUsec >>> 0, true);
  dv.setUint32(8, caplen, true);
  dv.setUint32(12, p.origLen ?? p.data.length, true);
  out.set(p.data.subarray(0, caplen), PCAP_RECORD_HLEN);
  return out;
}

/**
 * A streaming writer: the global header goes to `sink` on construction, then one chunk per
 * packet (so `tcpdump -w -` output can be relayed as it happens).
 */
export class PcapWriter {
  readonly snaplen: number;
  readonly linktype: number;

  constructor(private readonly sink: (chunk: Uint8Array) => void, opts: PcapOptions = {}) {
    this.snaplen = opts.snaplen ?? PCAP_DEFAULT_SNAPLEN;
    this.linktype = opts.linktype ?? LINKTYPE_ETHERNET;
    sink(pcapGlobalHeader({ snaplen: this.snaplen, linktype: this.linktype }));
  }

  /** Writes one packet; timestamps in seconds + microseconds. */
  write(data: Uint8Array, tsSec: number, tsUsec: number, origLen?: number): void {
    this.sink(pcapRecord({ tsSec, tsUsec, data, origLen }, this.snaplen));
  }
}

/** A whole file in one buffer. */
export function writePcap(packets: readonly PcapPacket[], opts: PcapOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c), opts);
  for (const p of packets) w.write(p.data, p.tsSec, p.tsUsec, p.origLen);
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export interface PcapFile {
  versionMajor: number;
  versionMinor: number;
  thiszone: number;
  snaplen: number;
  linktype: number;
  /** True for a nanosecond file: the packets' tsUsec then hold nanoseconds. */
  nanosecond: boolean;
  bigEndian: boolean;
  packets: Required<PcapPacket>[];
  /** True when the file ends inside a record (a capture cut short); the packets before it are kept. */
  truncated: boolean;
}

/** Reads a classic pcap file (either byte order, µs or ns); undefined when the magic is wrong. */
export function readPcap(bytes: Uint8Array): PcapFile | undefined {
  if (bytes.length < PCAP_GLOBAL_HLEN) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le: boolean;
  let nanosecond: boolean;
  const m = dv.getUint32(0, true);
  if (m === PCAP_MAGIC || m === PCAP_MAGIC_NSEC) {
    le = true;
    nanosecond = m === PCAP_MAGIC_NSEC;
  } else {
    const mb = dv.getUint32(0, false);
    if (mb !== PCAP_MAGIC && mb !== PCAP_MAGIC_NSEC) return undefined;
    le = false;
    nanosecond = mb === PCAP_MAGIC_NSEC;
  }
  const file: PcapFile = {
    versionMajor: dv.getUint16(4, le),
    versionMinor: dv.getUint16(6, le),
    thiszone: dv.getInt32(8, le),
    snaplen: dv.getUint32(16, le),
    linktype: dv.getUint32(20, le),
    nanosecond,
    bigEndian: !le,
    packets: [],
    truncated: false,
  };
  let o = PCAP_GLOBAL_HLEN;
  while (o < bytes.length) {
    if (o + PCAP_RECORD_HLEN > bytes.length) {
      file.truncated = true;
      break;
    }
    const caplen = dv.getUint32(o + 8, le);
    if (o + PCAP_RECORD_HLEN + caplen > bytes.length) {
      file.truncated = true;
      break;
    }
    file.packets.push({
      tsSec: dv.getUint32(o, le),
      tsUsec: dv.getUint32(o + 4, le),
      origLen: dv.getUint32(o + 12, le),
      data: bytes.subarray(o + PCAP_RECORD_HLEN, o + PCAP_RECORD_HLEN + caplen),
    });
    o += PCAP_RECORD_HLEN + caplen;
  }
  return file;
}
