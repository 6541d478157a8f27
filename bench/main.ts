// npm run bench: speed and memory figures, with the real kernel's beside them where this
// machine can measure it (root + iproute2). Figures only; nothing here is an assertion.
import { netnsMemory } from './netns_memory.js';
import { ipScript } from './ip_script.js';

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: [string, string][] = [];
  if (!only || only === 'ip-script') {
    const r = await ipScript(1000);
    rows.push(['1,000 ip commands via `netsim run`', `${r.netsimSeconds.toFixed(2)} s` +
      (r.kernelSeconds !== undefined ? `  (real ip on the kernel: ${r.kernelSeconds.toFixed(2)} s, ratio ${(r.netsimSeconds / r.kernelSeconds).toFixed(2)})` : '')]);
  }
  if (!only || only === 'datapath') {
    try {
      const { datapathBench, formatFigure } = await import('./datapath.js');
      const r = await datapathBench();
      rows.push(['ICMP echo through a router netns (2 veth pairs)', formatFigure(r.router)]);
      rows.push(['ICMP echo over one veth pair', formatFigure(r.veth)]);
    } catch (e) {
      rows.push(['ICMP echo datapath', `not available: ${(e as Error).message}`]);
    }
  }
  if (!only || only === 'iptables-scale') {
    try {
      const { iptablesScale, formatScale } = await import('./iptables_scale.js');
      rows.push(...formatScale(await iptablesScale(10000)));
    } catch (e) {
      rows.push(['kube-proxy ruleset at scale', `not available: ${(e as Error).message}`]);
    }
  }
  if (!only || only === 'tcp') {
    try {
      const { tcpBench, formatTcp } = await import('./tcp.js');
      rows.push(...formatTcp(await tcpBench()));
    } catch (e) {
      rows.push(['TCP datapath', `not available: ${(e as Error).message}`]);
    }
  }
  if (!only || only === 'netns-memory') {
    const r = netnsMemory(10000);
    rows.push(['namespaces with a veth end + address', `${r.namespaces.toLocaleString('en-US')} loaded in ${r.seconds.toFixed(2)} s, ` +
      `${(r.bytesPerNetns / 1024).toFixed(1)} KiB heap each`]);
  }
  if (!only || only === 'ui') {
    try {
      const { uiBench, formatUi } = await import('./ui.js');
      rows.push(...formatUi(await uiBench()));
    } catch (e) {
      rows.push(['netsim ui in chromium, 200 namespaces + 10,000 rules', `not available: ${(e as Error).message}`]);
    }
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}

await main();
