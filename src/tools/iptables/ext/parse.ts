// Value parsers shared by the extensions (libxtables' xtables_parse_* helpers).
import { serviceByName, serviceName } from '../names.js';
import { prefixMask } from '../../../wire/inet.js';

export { formatIPv4 as fmtAddr, prefixMask } from '../../../wire/inet.js';

/** A dotted quad: four runs of decimal digits (leading zeros allowed), each at most 255. Read
 *  without a regular expression: a restore's DNAT rules each give one. */
export function ipv4(s: string): number | undefined {
  let addr = 0, octet = 0, digits = 0, dots = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + c - 48;
      digits++;
    } else if (c === 46 && digits && dots < 3 && octet <= 255) {
      addr = addr * 256 + octet;
      octet = digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || !digits || octet > 255) return undefined;
  return addr * 256 + octet;
}

export function maskLen(m: number): number | undefined {
  for (let n = 0; n <= 32; n++) if (prefixMask(n) === m) return n;
  return undefined;
}

/** xtables_parse_port(): a number or a service name of `proto`. */
export function parsePort(s: string, proto: string, perr: (m: string) => Error): number {
  if (/^\d+$/.test(s) && Number(s) <= 65535) return Number(s);
  const p = serviceByName(s, proto);
  if (p === undefined) throw perr(`invalid port/service \`${s}' specified`);
  return p;
}

/** "PORT" or "[LO]:[HI]". */
export function parsePortRange(s: string, proto: string, perr: (m: string) => Error): [number, number] {
  const c = s.indexOf(':');
  if (c < 0) {
    const p = parsePort(s, proto, perr);
    return [p, p];
  }
  const lo = c === 0 ? 0 : parsePort(s.slice(0, c), proto, perr);
  const hi = c === s.length - 1 ? 65535 : parsePort(s.slice(c + 1), proto, perr);
  if (lo > hi) throw perr('invalid portrange (min > max)');
  return [lo, hi];
}

/** A port as -L prints it: its service name unless -n. */
export function portStr(p: number, proto: string, numeric: boolean): string {
  return (!numeric && serviceName(p, proto)) || String(p);
}

/** xtables_save_string() */
export function saveString(v: string): string {
  if (/^[_\-0-9a-zA-Z]+$/.test(v)) return ` ${v}`;
  return ` "${v.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
