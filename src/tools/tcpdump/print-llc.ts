// tcpdump's print-llc.c and print-stp.c: 802.2 LLC frames, of which the emulated world sends
// only spanning-tree BPDUs (a bridge with stp_state 1).
import { Buf, bittok2str, hex, type Ndo } from './netdissect.js';

const LLCSAP_8021D = 0x42;

const STP_FLAGS: [number, string][] = [
  [0x01, 'Topology change'], [0x02, 'Proposal'], [0x10, 'Learn'], [0x20, 'Forward'],
  [0x40, 'Agreement'], [0x80, 'Topology change ACK'],
];

/** stp_print_bridge_id() */
function bridgeId(p: Buf, o: number): string {
  const b = p.bytes(o, 8);
  return `${hex(b[0]!, 2)}${hex(b[1]!, 2)}.${[...b.subarray(2)].map((x) => hex(x, 2)).join(':')}`;
}

/** stp_print() */
function stpPrint(ndo: Ndo, p: Buf, length: number): void {
  ndo.protocol = 'stp';
  const version = p.u8(2);
  ndo.out += version === 0 ? 'STP 802.1d' : version === 2 ? 'RSTP 802.1w' : version === 3 ? 'MSTP 802.1s' : `Unknown STP protocol (0x${hex(version, 2)})`;
  const type = p.u8(3);
  ndo.out += type === 0x00 ? ', Config' : type === 0x80 ? ', Topology Change' : type === 0x02 ? ', Rapid STP' : `, Unknown BPDU Type (0x${hex(type, 2)})`;
  if (type === 0x80) return;
  ndo.out += `, Flags [${bittok2str(STP_FLAGS, 'none', p.u8(4))}]`;
  ndo.out += `, bridge-id ${bridgeId(p, 17)}.${hex(p.u16(25), 4)}, length ${length}`;
  if (!ndo.vflag) return;
  const t = (o: number) => (p.u16(o) / 256).toFixed(2);
  ndo.out += `\n\tmessage-age ${t(27)}s, max-age ${t(29)}s, hello-time ${t(31)}s, forwarding-delay ${t(33)}s`;
  ndo.out += `\n\troot-id ${bridgeId(p, 5)}, root-pathcost ${p.u32(13)}`;
}

/** llc_print(): false when the SAP has no printer. */
export function llcPrint(ndo: Ndo, p: Buf, length: number): boolean {
  ndo.protocol = 'llc';
  const dsap = p.u8(0), ssap = p.u8(1), ctrl = p.u8(2);
  if (dsap !== LLCSAP_8021D || ssap !== LLCSAP_8021D || ctrl !== 0x03) return false;
  if (ndo.eflag) {
    ndo.out += `LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03: `;
  }
  stpPrint(ndo, p.sub(3), length - 3);
  return true;
}
