// Replays a fixture scenario (test/*/fixtures/*.sh, recorded on the real kernel with
// datapath/fixtures/record.sh into *.out) on netsim, in the recorder's format: "+ cmd" for
// `run` lines, their output, "[exit N]" on failure. Shell features are limited to what the
// fixtures use: `;`-separated commands, `ip netns exec NS cmd`, `sleep N` (virtual time);
// ping is run directly (until tools/index.ts lists it), everything else through k.spawn.
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/index.js';
import '../../src/kernel/ipv4/arp.js';
import { ping } from '../../src/tools/ping.js';
import { splitWords } from '../../src/kernel/kernel.js';
import type { Process } from '../../src/tools/process.js';

const fixtures = new URL('../../../test/', import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, fixtures), 'utf8');
}

export async function runScenario(script: string, seed = 1): Promise<string> {
  const k = new Kernel({ seed });
  let out = '';
  const exec = async (words: string[], netns: string | undefined): Promise<{ text: string; status: number }> => {
    if (words[0] === 'ip' && words[1] === 'netns' && words[2] === 'exec') return exec(words.slice(4), words[3]);
    const ns = netns ? k.namedNetns.get(netns)! : k.initNet;
    let text = '';
    const w = (t: string) => { text += t; };
    if (words[0] === 'sleep') {
      k.clock.advance(Number(words[1]) * 1000);
      return { text, status: 0 };
    }
    if (words[0] === 'sysctl' && words.some((x) => x.startsWith('net.ipv6.'))) {
      // The IPv4 fixtures turn IPv6 off on the real kernel to keep its traffic out of the
      // counters and tables; here IPv6 lines are left out of the comparison instead.
      return { text, status: 0 };
    }
    if (words[0] === 'ping') {
      const p: Process = {
        argv: words, kernel: k, netns: ns, cwd: '/', env: {}, readStdin: async () => '', stdout: w, stderr: w,
        signal: new AbortController().signal, exec: async () => 127,
      };
      const status = await ping(p);
      return { text, status };
    }
    const status = await k.spawn({ argv: words, netns, stdout: w, stderr: w });
    return { text, status };
  };
  for (let line of script.split('\n')) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    const echo = line.startsWith('run ');
    if (echo) line = line.slice(4);
    for (const part of echo ? [line] : line.split(/\s*;\s*/)) {
      const words = splitWords(part);
      if (!words.length) continue;
      const r = await exec(words, undefined);
      if (echo) {
        out += `+ ${part}\n${r.text}`;
        if (r.status !== 0) out += `[exit ${r.status}]\n`;
      } else if (r.status !== 0) {
        throw new Error(`scenario set-up failed: ${part}: ${r.text}`);
      }
    }
  }
  return out;
}

/** What differs between runs on a real machine: MACs, round-trip and elapsed times. */
export function normalize(s: string): string {
  return s
    .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')
    .replace(/time=\d+(\.\d+)? ms/g, 'time=X ms')
    .replace(/rtt min\/avg\/max\/mdev = [\d./]+ ms/g, 'rtt min/avg/max/mdev = X ms')
    .replace(/ipg\/ewma [\d./]+ ms/g, 'ipg/ewma X ms')
    .replace(/, time \d+ms/g, ', time Nms');
}

/** A neighbour entry of IPv6 (the fixtures run with IPv6 disabled on the real kernel). */
const IPV6_NEIGH = /^[0-9a-f]*:[0-9a-f:]*:[0-9a-f:]* (dev|lladdr) /;

/** Splits an output into per-command blocks; neighbour dumps are compared as sets (Linux
 *  lists them in hash order, which is random per boot). */
export function blocks(s: string, map: (cmd: string, line: string) => string | undefined = (_c, l) => l): string[] {
  const out: string[] = [];
  let cmd = '';
  let lines: string[] = [];
  const flush = () => {
    if (!cmd) return;
    const keep = lines.filter((l) => !IPV6_NEIGH.test(l)).map((l) => map(cmd, sortJsonDump(l))).filter((l): l is string => l !== undefined);
    const unordered = /\bneigh(bour)?\b|\bn s\b/.test(cmd);
    out.push(`${cmd}\n${(unordered ? keep.sort() : keep).join('\n')}`);
  };
  for (const l of normalize(s).split('\n')) {
    if (l.startsWith('+ ')) {
      flush();
      cmd = l;
      lines = [];
    } else lines.push(l);
  }
  flush();
  return out;
}

/** JSON arrays of neighbour dumps, compared as sets too. */
export function sortJsonDump(line: string): string {
  if (!line.startsWith('[{')) return line;
  try {
    const a = JSON.parse(line) as unknown[];
    return JSON.stringify(a.map((x) => JSON.stringify(x)).sort());
  } catch {
    return line;
  }
}
