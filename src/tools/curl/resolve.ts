// Name resolution as curl's threaded resolver gets it from getaddrinfo(): numeric IPv4
// addresses as they are, names from --resolve entries first (Curl_loadhostpairs()), then
// from the emulated /etc/hosts. There is no DNS in an emulated world, so any other name
// fails as an unreachable DNS server would make it fail: "Could not resolve host".
import type { Process } from '../process.js';
import { parseIPv4 } from '../../wire/inet.js';
import { hostsLookup4 } from '../lib/hosts.js';


/** The IPv4 addresses of `host` for a connection to `port`, or undefined. */
export function resolveHost(p: Process, host: string, port: number, resolveOpts: string[]): number[] | undefined {
  const numeric = parseIPv4(host);
  if (numeric !== undefined) return [numeric];
  for (const entry of resolveOpts) {
    // [+]host:port:addr[,addr]... ; "-host:port" removes (nothing to remove here)
    if (entry.startsWith('-')) continue;
    const e = entry.startsWith('+') ? entry.slice(1) : entry;
    const m = /^([^:]+):(\d+):(.+)$/.exec(e);
    if (!m || m[1]!.toLowerCase() !== host.toLowerCase() || Number(m[2]) !== port) continue;
    const addrs = m[3]!.split(',').map((a) => parseIPv4(a.replace(/^\[|\]$/g, ''))).filter((a): a is number => a !== undefined);
    if (addrs.length) return addrs;
  }
  const out = hostsLookup4(p.kernel, host);
  return out.length ? out : undefined;
}
