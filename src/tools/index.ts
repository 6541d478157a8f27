// The programs netsim's userspace provides, by the name they are invoked as.
import { installTools } from '../kernel/kernel.js';
import type { Tool } from './process.js';
import { ip } from './ip/main.js';
import { sleep } from './sleep.js';
import { bridge } from './bridge/main.js';
import { sudo } from './sudo.js';
import { ping } from './ping.js';
import { iptables, ip6tables } from './iptables/main.js';
import { iptablesSave, ip6tablesSave } from './iptables/save.js';
import { iptablesRestore, ip6tablesRestore } from './iptables/restore.js';
import { xtablesMonitor } from './iptables/xtables_monitor.js';
import { conntrack } from './conntrack/main.js';
import { sysctl } from './sysctl.js';
import { cat } from './cat.js';
import { ifconfig } from './net_tools/ifconfig.js';
import { route } from './net_tools/route.js';
import { arp } from './net_tools/arp.js';
import { ipset } from './ipset/main.js';
import { dmesg } from './dmesg.js';
import { modprobe } from './modprobe.js';
import { netsim } from './netsim.js';
import { tcpdump } from './tcpdump/main.js';
import { curl } from './curl/main.js';
import { python3 } from './python3/main.js';
import { socat } from './socat/main.js';
import { traceroute } from './traceroute/main.js';
import { ss } from './ss/main.js';
import { nc } from './nc/main.js';

export const tools: Record<string, Tool> = {
  ip,
  bridge,
  sleep,
  sudo,
  ping,
  ping4: ping,
  ping6: ping,
  iptables,
  'iptables-nft': iptables,
  'iptables-save': iptablesSave,
  'iptables-nft-save': iptablesSave,
  'iptables-restore': iptablesRestore,
  conntrack,
  'iptables-nft-restore': iptablesRestore,
  ip6tables,
  'ip6tables-nft': ip6tables,
  'ip6tables-save': ip6tablesSave,
  'ip6tables-nft-save': ip6tablesSave,
  'ip6tables-restore': ip6tablesRestore,
  'ip6tables-nft-restore': ip6tablesRestore,
  'xtables-monitor': xtablesMonitor,
  sysctl,
  cat,
  ifconfig,
  route,
  arp,
  ipset,
  dmesg,
  modprobe,
  netsim,
  tcpdump,
  curl,
  python3,
  'python3.11': python3,
  socat,
  traceroute,
  'traceroute.db': traceroute,
  ss,
  nc,
  'nc.openbsd': nc,
  netcat: nc,
};

installTools(tools);
