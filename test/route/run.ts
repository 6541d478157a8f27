// Runs a scenario of `ip` command lines on netsim the way test/conformance/wrap.sh shows
// them on the real kernel: "+ <line>", then stdout and stderr as written, then "[exit N]"
// for a failing command. `sysctl -qw net.ipv4.ip_forward=N` is applied directly.
import { Kernel } from '../../src/index.js';
import { splitWords } from '../../src/kernel/kernel.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { inDev, ipv4Net } from '../../src/kernel/ipv4/devinet.js';

export function setIpForward(ns: Netns, on: boolean): void {
  const v = on ? 1 : 0;
  const net = ipv4Net(ns);
  net.all.forwarding = v;
  net.dflt.forwarding = v;
  for (const d of ns.devices()) {
    const ind = inDev(d);
    if (ind) ind.conf.forwarding = v;
  }
}

export async function runScenario(k: Kernel, script: string): Promise<string> {
  let out = '';
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    out += `+ ${line}\n`;
    const fwd = /^sysctl -qw net\.ipv4\.ip_forward=([01])$/.exec(line);
    if (fwd) {
      setIpForward(k.initNet, fwd[1] === '1');
      continue;
    }
    let buf = '';
    const status = await k.spawn({
      argv: splitWords(line),
      stdout: (t) => { buf += t; },
      stderr: (t) => { buf += t; },
    });
    out += buf;
    if (status) out += `[exit ${status}]\n`;
  }
  return out;
}

export async function scenario(script: string): Promise<string> {
  return runScenario(new Kernel({ seed: 1 }), script);
}
