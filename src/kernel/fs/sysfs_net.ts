// net/core/net-sysfs.c: /sys/class/net/DEV/*, the attributes of each device of the
// namespace sysfs was mounted in. Other parts of the kernel (the bridge's bridge/, brif/
// and brport/ directories) add their own entries with registerSysfsNetEntries().
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { OPERSTATES } from '../core/if.js';
import { rtnlSetlink } from '../core/rtnetlink.js';
import { EINVAL, EOPNOTSUPP, KernelError } from '../errno.js';
import { customFile, dirNode, type SysNode, type SysFile } from './sysctl_core.js';

const RO = 0o444, RW = 0o644;

export type SysfsEntries = (dev: NetDevice) => Iterable<[string, SysNode]>;
const extra: SysfsEntries[] = [];

/** Adds entries to every /sys/class/net/DEV directory they apply to (yield nothing for
 *  devices they do not concern). Returns the unregister function. */
export function registerSysfsNetEntries(fn: SysfsEntries): () => void {
  extra.push(fn);
  return () => {
    const i = extra.indexOf(fn);
    if (i >= 0) extra.splice(i, 1);
  };
}

/** __ethtool_get_link_ksettings(), for the drivers that implement it. */
const linkSettings = new Map<string, (dev: NetDevice) => { speed: number; duplex: 'full' | 'half' | 'unknown' }>([
  ['veth', () => ({ speed: 10000, duplex: 'full' })],
]);

/** A driver (by rtnl kind) that reports speed and duplex through ethtool. */
export function registerLinkSettings(kind: string, fn: (dev: NetDevice) => { speed: number; duplex: 'full' | 'half' | 'unknown' }): void {
  linkSettings.set(kind, fn);
}

function mac(a: Uint8Array): string {
  return [...a].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function ro(show: () => string): SysFile {
  return customFile(RO, show, () => {});
}

/** An attribute that exists only while the device is up (netif_running()). */
function running(dev: NetDevice, show: () => string): SysFile {
  return ro(() => {
    if (!dev.isUp) throw new KernelError(EINVAL);
    return show();
  });
}

/** kstrtoul(buf, 0, ...) as netdev_store() parses (one trailing newline allowed). */
export function parseUl(text: string): number {
  const t = text.replace(/\n$/, '');
  if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(t)) throw new KernelError(EINVAL);
  const v = t.startsWith('0x') || t.startsWith('0X') ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
  if (v > 0xffffffff) throw new KernelError(EINVAL);
  return v;
}

function statsDir(dev: NetDevice): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    const s = dev.stats as unknown as Record<string, number>;
    for (const k of ['collisions', 'multicast', 'rx_bytes', 'rx_compressed', 'rx_crc_errors', 'rx_dropped', 'rx_errors',
      'rx_fifo_errors', 'rx_frame_errors', 'rx_length_errors', 'rx_missed_errors', 'rx_nohandler', 'rx_over_errors',
      'rx_packets', 'tx_aborted_errors', 'tx_bytes', 'tx_carrier_errors', 'tx_compressed', 'tx_dropped', 'tx_errors',
      'tx_fifo_errors', 'tx_heartbeat_errors', 'tx_packets', 'tx_window_errors']) {
      m.set(k, ro(() => `${s[k] ?? 0}\n`));
    }
    return m;
  });
}

function queuesDir(dev: NetDevice): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    for (let i = 0; i < dev.numRxQueues; i++) {
      m.set(`rx-${i}`, dirNode(() => new Map<string, SysNode>([
        ['rps_cpus', customFile(RW, () => '0\n', () => {})],
        ['rps_flow_cnt', customFile(RW, () => '0\n', () => {})],
      ])));
    }
    for (let i = 0; i < dev.numTxQueues; i++) {
      m.set(`tx-${i}`, dirNode(() => {
        const q = new Map<string, SysNode>([
          ['tx_maxrate', customFile(RW, () => '0\n', () => {})],
          ['tx_timeout', ro(() => '0\n')],
        ]);
        if (dev.type !== 772) {
          q.set('xps_cpus', customFile(RW, () => '0\n', () => {}));
          q.set('xps_rxqs', customFile(RW, () => '0\n', () => {}));
        }
        return q;
      }));
    }
    return m;
  });
}

/** carrier_up_count / carrier_down_count from the device's total of carrier changes. */
function carrierCounts(dev: NetDevice): { up: number; down: number } {
  const c = dev.carrierChanges;
  return dev.carrier ? { up: Math.ceil(c / 2), down: Math.floor(c / 2) } : { up: Math.floor(c / 2), down: Math.ceil(c / 2) };
}

/** /sys/class/net/DEV: also what the symlinks to a device's directory resolve to. */
export function sysfsDevDir(dev: NetDevice): SysNode {
  return devDir(dev);
}

function devDir(dev: NetDevice): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    const a = (name: string, f: SysNode) => m.set(name, f);
    a('addr_assign_type', ro(() => `${dev.addrAssignType}\n`));
    a('addr_len', ro(() => `${dev.addr.length}\n`));
    a('address', ro(() => `${mac(dev.addr)}\n`));
    a('broadcast', ro(() => `${mac(dev.broadcast)}\n`));
    a('carrier', customFile(RW, () => {
      if (!dev.isUp) throw new KernelError(EINVAL);
      return `${dev.carrier ? 1 : 0}\n`;
    }, () => {
      if (!dev.isUp) throw new KernelError(EINVAL);
      throw new KernelError(EOPNOTSUPP);
    }));
    a('carrier_changes', ro(() => `${dev.carrierChanges}\n`));
    a('carrier_down_count', ro(() => `${carrierCounts(dev).down}\n`));
    a('carrier_up_count', ro(() => `${carrierCounts(dev).up}\n`));
    a('dev_id', ro(() => '0x0\n'));
    a('dev_port', ro(() => '0\n'));
    a('dormant', running(dev, () => `${dev.dormant ? 1 : 0}\n`));
    a('duplex', ro(() => {
      const ls = linkSettings.get(dev.kind);
      if (!dev.isUp || !ls) throw new KernelError(EINVAL);
      return `${ls(dev).duplex}\n`;
    }));
    a('flags', customFile(RW, () => `0x${dev.flags.toString(16)}\n`, (t) => {
      const v = parseUl(t);
      rtnlSetlink(dev, { flagsOn: v, flagsOff: ~v >>> 0 });
    }));
    a('gro_flush_timeout', customFile(RW, () => '0\n', () => {}));
    a('ifalias', customFile(RW, () => (dev.alias ? `${dev.alias}\n` : ''), (t) => {
      rtnlSetlink(dev, { alias: t.replace(/\n$/, '').slice(0, 255) });
    }));
    a('ifindex', ro(() => `${dev.ifindex}\n`));
    a('iflink', ro(() => `${dev.iflink()}\n`));
    a('link_mode', ro(() => '0\n'));
    a('mtu', customFile(RW, () => `${dev.mtu}\n`, (t) => { rtnlSetlink(dev, { mtu: parseUl(t) }); }));
    a('name_assign_type', ro(() => `${dev.type === 772 ? 2 : 3}\n`));
    a('napi_defer_hard_irqs', customFile(RW, () => '0\n', () => {}));
    a('netdev_group', customFile(RW, () => `${dev.group}\n`, (t) => { rtnlSetlink(dev, { group: parseUl(t) }); }));
    a('operstate', ro(() => `${(dev.isUp ? dev.operstate : OPERSTATES[2]!).toLowerCase()}\n`));
    a('power', dirNode(() => new Map()));
    a('proto_down', customFile(RW, () => '0\n', () => { throw new KernelError(EOPNOTSUPP); }));
    a('queues', queuesDir(dev));
    a('speed', ro(() => {
      const ls = linkSettings.get(dev.kind);
      if (!dev.isUp || !ls) throw new KernelError(EINVAL);
      return `${ls(dev).speed}\n`;
    }));
    a('statistics', statsDir(dev));
    a('testing', running(dev, () => '0\n'));
    a('threaded', customFile(RW, () => '0\n', () => {}));
    a('tx_queue_len', customFile(RW, () => `${dev.txQueueLen}\n`, (t) => { rtnlSetlink(dev, { txqlen: parseUl(t) }); }));
    a('type', ro(() => `${dev.type}\n`));
    a('uevent', customFile(RW, () => `INTERFACE=${dev.name}\nIFINDEX=${dev.ifindex}\n`, () => {}));
    for (const fn of extra) for (const [k, v] of fn(dev)) m.set(k, v);
    return m;
  });
}

/** /sys/class/net as seen from `ns`. */
export function sysClassNetDir(ns: Netns): SysNode {
  return dirNode(() => {
    const m = new Map<string, SysNode>();
    for (const dev of ns.devices()) m.set(dev.name, devDir(dev));
    return m;
  });
}
