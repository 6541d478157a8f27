// net/ipv6/af_inet6.c inet6_init(): loads the IPv6 stack — per-namespace state, addrconf's
// device notifier, nd_tbl, and the ETH_P_IPV6 packet handler. src/kernel/modules.ts imports
// this file once.
import { devAddPack } from '../core/dev.js';
import { ETH_P_IPV6 } from '../core/eth.js';
import './devconf.js';
import './addrconf.js';
import './ndisc.js';
import { ipv6Rcv } from './ip6_input.js';
import { rt6Hooks } from './route.js';
import { ipv6DevGetSaddr, ipv6ChkAddr, ipv6DevconfApply, in6DevGet, inet6Addrs, IFA_F_TENTATIVE } from './addrconf.js';
import { setIpv6DevconfProvider, ipv6StableSecret } from '../fs/sysctl_ipv6.js';
import { onSysctlChange } from '../fs/sysctl_core.js';
import { registerInet6AddrDump } from '../fs/proc_net.js';

devAddPack(ETH_P_IPV6, ipv6Rcv);

// The FIB asks addrconf for source addresses (ip -6 route get) and local addresses
// (gateway checks): ipv6_dev_get_saddr() and ipv6_chk_addr().
rt6Hooks.saddr = (ns, dev, dst) => ipv6DevGetSaddr(ns, dev, dst);
rt6Hooks.isLocal = (ns, addr, dev) => ipv6ChkAddr(ns, addr, dev, IFA_F_TENTATIVE);

export { ipv6Rcv };

// The sysctl tree reads and writes net.ipv6.conf.DEV.* in the inet6_dev itself, and tells
// us when a value with side effects changed.
setIpv6DevconfProvider((dev) => in6DevGet(dev)?.cnf);
onSysctlChange((c) => {
  if (!c.netns || !c.dev || !c.path.startsWith('net/ipv6/conf/')) return;
  const key = c.path.slice(c.path.lastIndexOf('/') + 1);
  if (key === 'disable_ipv6' || key === 'forwarding') ipv6DevconfApply(c.dev);
  else if (key === 'stable_secret') {
    const idev = in6DevGet(c.dev);
    const s = idev && ipv6StableSecret(idev.cnf);
    if (idev && s) idev.stableSecret = [...s].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
});

// /proc/net/if_inet6 (and ifconfig's inet6 lines) list every address of the namespace.
registerInet6AddrDump((ns) => ns.devices().flatMap((dev) =>
  inet6Addrs(dev).map((a) => ({ addr: a.address, dev, prefixlen: a.prefixlen, flags: a.flags }))));
