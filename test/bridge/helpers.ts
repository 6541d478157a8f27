// A small world for bridge tests: a kernel with only veth and the bridge loaded, "hosts"
// that are the far ends of veth pairs whose received frames are captured, and a way to
// run the `bridge` tool as a process.
import { Kernel } from '../../src/kernel/kernel.js';
import '../../src/kernel/drivers/loopback.js';
import '../../src/kernel/drivers/veth.js';
import '../../src/kernel/bridge/br.js';
import { rtnlNewlink, rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';
import { devOpen, devQueueXmit } from '../../src/kernel/core/dev.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { parseMac } from '../../src/kernel/core/eth.js';
import { bridge } from '../../src/tools/bridge/main.js';
import type { Process } from '../../src/tools/process.js';

export interface Host {
  /** The bridge-side end of the veth pair (the port). */
  port: NetDevice;
  /** The far end, standing for a host's NIC. */
  nic: NetDevice;
  /** Frames the host received, as hex strings of the whole frame. */
  rx: Uint8Array[];
}

export function mac(s: string): Uint8Array {
  return parseMac(s)!;
}

/** An ethernet frame: dst, src, ethertype 0x0800 and a small payload. */
export function frame(dst: string, src: string, payload = 46, ethertype = 0x0800): Uint8Array {
  const b = new Uint8Array(14 + payload);
  b.set(mac(dst), 0);
  b.set(mac(src), 6);
  b[12] = ethertype >> 8;
  b[13] = ethertype & 0xff;
  for (let i = 0; i < payload; i++) b[14 + i] = i & 0xff;
  return b;
}

export function world(seed = 1): { k: Kernel; ns: Netns; br: NetDevice } {
  const k = new Kernel({ seed });
  const ns = k.initNet;
  const br = rtnlNewlink(ns, 'bridge', { name: 'br0' });
  return { k, ns, br };
}

/** A veth pair `name`/`name`-peer: the first end joins the bridge, the peer gets `hostMac`;
 *  both come up (the bridge too). */
export function addHost(ns: Netns, br: NetDevice, name: string, hostMac: string, portMac?: string): Host {
  const port = rtnlNewlink(ns, 'veth', { name, peer: { name: `${name}p` } });
  const nic = ns.devByName(`${name}p`)!;
  rtnlSetlink(nic, { address: mac(hostMac) });
  if (portMac) rtnlSetlink(port, { address: mac(portMac) });
  rtnlSetlink(port, { master: br.ifindex });
  const h: Host = { port, nic, rx: [] };
  nic.rxHandler = (skb) => {
    h.rx.push(skb.buf.slice(skb.macOffset));
    return true;
  };
  devOpen(br);
  devOpen(port);
  devOpen(nic);
  return h;
}

/** The host sends a frame out of its NIC. */
export function send(h: Host, bytes: Uint8Array): void {
  const skb = new SkBuff(bytes.slice());
  skb.dev = h.nic;
  devQueueXmit(skb);
}

export function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Runs `bridge ARGS...` in the world, like a process would. */
export async function runBridge(k: Kernel, args: string[], netns?: Netns): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = '';
  let stderr = '';
  const p: Process = {
    argv: ['bridge', ...args],
    kernel: k,
    netns: netns ?? k.initNet,
    cwd: '/',
    env: {},
    readStdin: async () => '',
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    signal: new AbortController().signal,
    exec: async () => 127,
  };
  const status = await bridge(p);
  return { stdout, stderr, status };
}
