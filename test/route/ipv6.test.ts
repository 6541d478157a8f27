// The minimal IPv6 FIB (src/kernel/ipv6/route.ts) through `ip -6 route`: kernel routes as
// addrconf installs them, user routes with their errors, dump order, get, del, flush.
// The expected text was recorded from iproute2 6.1 on the kernel; lines of the routes
// addrconf adds by itself on link up (fe80::/64, ff00::/8, local fe80::...) are left out
// of the comparison so that this test does not depend on addrconf's timing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { splitWords } from '../../src/kernel/kernel.js';
import { addrconfPrefixRoute, addrconfAddMroute, addrconfAddLocalRoute } from '../../src/kernel/ipv6/addrconf_routes.js';
import { ip6Fib } from '../../src/kernel/ipv6/addrconf_routes.js';
import { fib6Lookup } from '../../src/kernel/ipv6/route.js';
import { parseIPv6, formatIPv6 } from '../../src/wire/inet.js';

const V6 = (s: string) => parseIPv6(s)!;
const ADDRCONF_LINE = /^(fe80::\/64 |multicast ff00::\/8 |local fe80::)/;

function dropAddrconf(text: string): string {
  return text.split('\n').filter((l) => !ADDRCONF_LINE.test(l)).join('\n');
}

async function run(k: Kernel, script: string): Promise<string> {
  const ns = k.initNet;
  let out = '';
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    out += `+ ${line}\n`;
    if (line.startsWith('sleep ')) continue; // (DAD: only local fe80:: routes follow, left out above)
    let buf = '';
    const status = await k.spawn({ argv: splitWords(line), stdout: (t) => { buf += t; }, stderr: (t) => { buf += t; } });
    if (line.startsWith('ip -6 addr add')) {
      // What addrconf does for "2001:db8::1/64 nodad" (kept here until ip -6 addr exists).
      const dev = ns.devByName('veth0')!;
      addrconfPrefixRoute(dev, V6('2001:db8::'), 64, 256);
      addrconfAddLocalRoute(dev, V6('2001:db8::1'));
      continue;
    }
    out += buf;
    if (status) out += `[exit ${status}]\n`;
    // addrconf's routes once the veth pair has carrier (veth1 got it first), and ::1 on lo.
    if (line === 'ip link set veth1 up') {
      for (const n of ['veth1', 'veth0']) {
        addrconfPrefixRoute(ns.devByName(n)!, V6('fe80::'), 64, 256);
        addrconfAddMroute(ns.devByName(n)!);
      }
    }
    if (line === 'ip link set lo up') addrconfAddLocalRoute(ns.devByName('lo')!, V6('::1'));
  }
  return out;
}

describe('IPv6 routes', () => {
  it('ip -6 route add/del/show/get, matching iproute2 6.1 on the kernel', async () => {
    const script = `
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip link set lo up
ip -6 addr add 2001:db8::1/64 dev veth0 nodad
ip -6 route add 2001:db8:1::/48 via 2001:db8::2
ip -6 route add 2001:db8:2::/48 dev veth0
ip -6 route add 2001:db8:3::/48 via 2001:db8::2 metric 10
ip -6 route add default via 2001:db8::fe
ip -6 route add 2001:db8:1::/48 via 2001:db8::3
ip -6 route add 2001:db8:4::/48 via 2001:db8::1
ip -6 route add 2001:db8:5::/48 via fe80::1 dev veth0
ip -6 route add 2001:db8:6::/48 via fe80::1
ip -6 route add blackhole 2001:db8:7::/48
ip -6 route add 2001:db8:8::/48 via 2001:db8:99::1
ip -6 route
ip -6 route show table local
ip -j -6 route show 2001:db8:1::/48
ip -6 route get 2001:db8:1::5
ip -6 route get 2001:db8::1
ip -6 route del 2001:db8:1::/48
ip -6 route del 2001:db8:9::/48
ip -6 route
ip route show table all
ip -6 route flush dev veth0
ip -6 route
`;
    // Recorded from iproute2 6.1 on the Linux kernel (unshare --net, test/conformance/wrap.sh).
    const expected = `+ ip link add veth0 type veth peer name veth1
+ ip link set veth0 up
+ ip link set veth1 up
+ ip link set lo up
+ ip -6 addr add 2001:db8::1/64 dev veth0 nodad
+ ip -6 route add 2001:db8:1::/48 via 2001:db8::2
+ ip -6 route add 2001:db8:2::/48 dev veth0
+ ip -6 route add 2001:db8:3::/48 via 2001:db8::2 metric 10
+ ip -6 route add default via 2001:db8::fe
+ ip -6 route add 2001:db8:1::/48 via 2001:db8::3
RTNETLINK answers: File exists
[exit 2]
+ ip -6 route add 2001:db8:4::/48 via 2001:db8::1
Error: Gateway can not be a local address.
[exit 2]
+ ip -6 route add 2001:db8:5::/48 via fe80::1 dev veth0
+ ip -6 route add 2001:db8:6::/48 via fe80::1
Error: Egress device not specified.
[exit 2]
+ ip -6 route add blackhole 2001:db8:7::/48
+ ip -6 route add 2001:db8:8::/48 via 2001:db8:99::1
RTNETLINK answers: No route to host
[exit 2]
+ ip -6 route
2001:db8::/64 dev veth0 proto kernel metric 256 pref medium
2001:db8:1::/48 via 2001:db8::2 dev veth0 metric 1024 pref medium
2001:db8:2::/48 dev veth0 metric 1024 pref medium
2001:db8:3::/48 via 2001:db8::2 dev veth0 metric 10 pref medium
2001:db8:5::/48 via fe80::1 dev veth0 metric 1024 pref medium
blackhole 2001:db8:7::/48 dev lo metric 1024 pref medium
fe80::/64 dev veth1 proto kernel metric 256 pref medium
fe80::/64 dev veth0 proto kernel metric 256 pref medium
default via 2001:db8::fe dev veth0 metric 1024 pref medium
+ ip -6 route show table local
local ::1 dev lo proto kernel metric 0 pref medium
local 2001:db8::1 dev veth0 proto kernel metric 0 pref medium
multicast ff00::/8 dev veth1 proto kernel metric 256 pref medium
multicast ff00::/8 dev veth0 proto kernel metric 256 pref medium
+ ip -j -6 route show 2001:db8:1::/48
[{"dst":"2001:db8:1::/48","gateway":"2001:db8::2","dev":"veth0","metric":1024,"flags":[],"pref":"medium"}]
+ ip -6 route get 2001:db8:1::5
2001:db8:1::5 from :: via 2001:db8::2 dev veth0 src 2001:db8::1 metric 1024 pref medium
+ ip -6 route get 2001:db8::1
local 2001:db8::1 from :: dev lo table local proto kernel src 2001:db8::1 metric 0 pref medium
+ ip -6 route del 2001:db8:1::/48
+ ip -6 route del 2001:db8:9::/48
RTNETLINK answers: No such process
[exit 2]
+ ip -6 route
2001:db8::/64 dev veth0 proto kernel metric 256 pref medium
2001:db8:2::/48 dev veth0 metric 1024 pref medium
2001:db8:3::/48 via 2001:db8::2 dev veth0 metric 10 pref medium
2001:db8:5::/48 via fe80::1 dev veth0 metric 1024 pref medium
blackhole 2001:db8:7::/48 dev lo metric 1024 pref medium
fe80::/64 dev veth1 proto kernel metric 256 pref medium
fe80::/64 dev veth0 proto kernel metric 256 pref medium
default via 2001:db8::fe dev veth0 metric 1024 pref medium
+ ip route show table all
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
2001:db8::/64 dev veth0 proto kernel metric 256 pref medium
2001:db8:2::/48 dev veth0 metric 1024 pref medium
2001:db8:3::/48 via 2001:db8::2 dev veth0 metric 10 pref medium
2001:db8:5::/48 via fe80::1 dev veth0 metric 1024 pref medium
blackhole 2001:db8:7::/48 dev lo metric 1024 pref medium
fe80::/64 dev veth1 proto kernel metric 256 pref medium
fe80::/64 dev veth0 proto kernel metric 256 pref medium
default via 2001:db8::fe dev veth0 metric 1024 pref medium
local ::1 dev lo table local proto kernel metric 0 pref medium
local 2001:db8::1 dev veth0 table local proto kernel metric 0 pref medium
multicast ff00::/8 dev veth1 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium
+ ip -6 route flush dev veth0
+ ip -6 route
blackhole 2001:db8:7::/48 dev lo metric 1024 pref medium
fe80::/64 dev veth1 proto kernel metric 256 pref medium
`;
    const k = new Kernel({ seed: 1 });
    assert.equal(dropAddrconf(await run(k, script)), dropAddrconf(expected));
  });

  it('errors, replace/change, ECMP siblings, metrics, prefsrc, local and reject routes, rules', async () => {
    const script = `
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip link set veth0 up
ip link set veth1 up
ip -6 addr add 2001:db8::1/64 dev veth0 nodad
sleep 3
ip -6 route add 2001:db8:9::/48
ip -6 route add 2001:db8:9::/48 dev nosuch
ip -6 route add 2001:db8:9::/48 dev veth2
ip -6 route add 2001:db8:9::/48 via ff02::1 dev veth0
ip -6 route add 2001:db8:9::/48 via fe80::1 dev lo
ip -6 route del 2001:db8:9::/48 table 77
ip -6 route show table 77
ip -6 route add 2001:db8:9::/48 dev veth0 table 77
ip -6 route show table 77
ip -6 route replace 2001:db8:9::/48 via fe80::5 dev veth0 table 77
ip -6 route show table 77
ip -6 route replace 2001:db8:10::/48 via fe80::5 dev veth0 metric 7
ip -6 route change 2001:db8:11::/48 via fe80::5 dev veth0
ip -6 route prepend 2001:db8:10::/48 via fe80::6 dev veth0 metric 7
ip -6 route add prohibit 2001:db8:12::/48
ip -6 route add throw 2001:db8:13::/48
ip -6 route add local 2001:db8:14::1 dev veth0
ip -6 route add 2001:db8:15::/48 via 2001:db8::2 src 2001:db8::1
ip -6 route add 2001:db8:16::/48 via 2001:db8::2 src 2001:db8::99
ip -6 route add 2001:db8:17::/48 via 2001:db8::2 proto static metric 50 pref high
ip -6 route add 2001:db8:18::/48 via 2001:db8::2 mtu 1400
ip -6 route
ip -6 route show table local
ip -6 route get 2001:db8:12::1
ip -6 route get 2001:db8:13::1
ip -6 route get 2001:db8:14::1
ip -6 route get fibmatch 2001:db8:15::1
ip -6 route del 2001:db8:10::/48 via fe80::6
ip -6 route del 2001:db8:10::/48 dev veth2
ip -6 route show 2001:db8:10::/48
ip -6 rule add from 2001:db8::/64 table 77
ip -6 route get 2001:db8:9::1 from 2001:db8::1
ip -6 rule
ip -6 -j rule
`;
    // Recorded from iproute2 6.1 on the Linux kernel (unshare --net, test/conformance/wrap.sh).
    const expected = `+ ip link add veth0 type veth peer name veth1
+ ip link add veth2 type veth peer name veth3
+ ip link set veth0 up
+ ip link set veth1 up
+ ip -6 addr add 2001:db8::1/64 dev veth0 nodad
+ sleep 3
+ ip -6 route add 2001:db8:9::/48
RTNETLINK answers: No such device
[exit 2]
+ ip -6 route add 2001:db8:9::/48 dev nosuch
Cannot find device "nosuch"
[exit 1]
+ ip -6 route add 2001:db8:9::/48 dev veth2
Error: Nexthop device is not up.
[exit 2]
+ ip -6 route add 2001:db8:9::/48 via ff02::1 dev veth0
Error: Invalid gateway address.
[exit 2]
+ ip -6 route add 2001:db8:9::/48 via fe80::1 dev lo
Error: Egress device can not be loopback device for this route.
[exit 2]
+ ip -6 route del 2001:db8:9::/48 table 77
Error: FIB table does not exist.
[exit 2]
+ ip -6 route show table 77
Error: ipv6: FIB table does not exist.
Dump terminated
[exit 2]
+ ip -6 route add 2001:db8:9::/48 dev veth0 table 77
+ ip -6 route show table 77
2001:db8:9::/48 dev veth0 metric 1024 pref medium
+ ip -6 route replace 2001:db8:9::/48 via fe80::5 dev veth0 table 77
+ ip -6 route show table 77
2001:db8:9::/48 via fe80::5 dev veth0 metric 1024 pref medium
+ ip -6 route replace 2001:db8:10::/48 via fe80::5 dev veth0 metric 7
+ ip -6 route change 2001:db8:11::/48 via fe80::5 dev veth0
Error: Can not replace route - no match found.
[exit 2]
+ ip -6 route prepend 2001:db8:10::/48 via fe80::6 dev veth0 metric 7
+ ip -6 route add prohibit 2001:db8:12::/48
+ ip -6 route add throw 2001:db8:13::/48
+ ip -6 route add local 2001:db8:14::1 dev veth0
+ ip -6 route add 2001:db8:15::/48 via 2001:db8::2 src 2001:db8::1
+ ip -6 route add 2001:db8:16::/48 via 2001:db8::2 src 2001:db8::99
Error: Invalid source address.
[exit 2]
+ ip -6 route add 2001:db8:17::/48 via 2001:db8::2 proto static metric 50 pref high
+ ip -6 route add 2001:db8:18::/48 via 2001:db8::2 mtu 1400
+ ip -6 route
2001:db8::/64 dev veth0 proto kernel metric 256 pref medium
2001:db8:10::/48 metric 7 pref medium
	nexthop via fe80::5 dev veth0 weight 1 
	nexthop via fe80::6 dev veth0 weight 1 
prohibit 2001:db8:12::/48 dev lo metric 1024 pref medium
throw 2001:db8:13::/48 dev lo metric 1024 pref medium
2001:db8:15::/48 via 2001:db8::2 dev veth0 src 2001:db8::1 metric 1024 pref medium
2001:db8:17::/48 via 2001:db8::2 dev veth0 proto static metric 50 pref high
2001:db8:18::/48 via 2001:db8::2 dev veth0 metric 1024 mtu 1400 pref medium
fe80::/64 dev veth1 proto kernel metric 256 pref medium
fe80::/64 dev veth0 proto kernel metric 256 pref medium
+ ip -6 route show table local
local 2001:db8::1 dev veth0 proto kernel metric 0 pref medium
local 2001:db8:14::1 dev veth0 metric 1024 pref medium
local fe80::64f5:50ff:feee:d635 dev veth1 proto kernel metric 0 pref medium
local fe80::e46d:54ff:fed3:3fe dev veth0 proto kernel metric 0 pref medium
multicast ff00::/8 dev veth1 proto kernel metric 256 pref medium
multicast ff00::/8 dev veth0 proto kernel metric 256 pref medium
+ ip -6 route get 2001:db8:12::1
RTNETLINK answers: Permission denied
[exit 2]
+ ip -6 route get 2001:db8:13::1
RTNETLINK answers: Network is unreachable
[exit 2]
+ ip -6 route get 2001:db8:14::1
local 2001:db8:14::1 from :: dev lo table local src 2001:db8::1 metric 1024 pref medium
+ ip -6 route get fibmatch 2001:db8:15::1
2001:db8:15::/48 via 2001:db8::2 dev veth0 src 2001:db8::1 metric 1024 pref medium
+ ip -6 route del 2001:db8:10::/48 via fe80::6
+ ip -6 route del 2001:db8:10::/48 dev veth2
RTNETLINK answers: No such process
[exit 2]
+ ip -6 route show 2001:db8:10::/48
2001:db8:10::/48 via fe80::5 dev veth0 metric 7 pref medium
+ ip -6 rule add from 2001:db8::/64 table 77
+ ip -6 route get 2001:db8:9::1 from 2001:db8::1
2001:db8:9::1 from 2001:db8::1 via fe80::5 dev veth0 table 77 src 2001:db8::1 metric 1024 pref medium
+ ip -6 rule
0:	from all lookup local
32765:	from 2001:db8::/64 lookup 77
32766:	from all lookup main
+ ip -6 -j rule
[{"priority":0,"src":"all","table":"local"},{"priority":32765,"src":"2001:db8::","srclen":64,"table":"77"},{"priority":32766,"src":"all","table":"main"}]
`;
    const k = new Kernel({ seed: 1 });
    assert.equal(dropAddrconf(await run(k, script)), dropAddrconf(expected));
  });

  it('lookups: longest prefix, local table first, metric order', async () => {
    const k = new Kernel({ seed: 1 });
    await run(k, `ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip link set lo up
ip -6 addr add 2001:db8::1/64 dev veth0 nodad
ip -6 route add 2001:db8:1::/48 via 2001:db8::2 metric 20
ip -6 route add 2001:db8:1::/48 via 2001:db8::3 metric 10
ip -6 route add default via 2001:db8::fe`);
    const ns = k.initNet;
    const look = (d: string) => {
      const r = fib6Lookup(ns, { dst: V6(d), oif: 0, iif: 1, mark: 0, strict: false });
      return typeof r === 'number' ? `errno ${r}` : `${r.type} ${r.dev?.name} ${r.gw ? formatIPv6(r.gw) : '-'} /${r.plen} m${r.metric}`;
    };
    assert.equal(look('2001:db8:1::9'), '1 veth0 2001:db8::3 /48 m10');
    assert.equal(look('2001:db8::7'), '1 veth0 - /64 m256');
    assert.equal(look('2001:db8::1'), '2 veth0 - /128 m0');
    assert.equal(look('::1'), '2 lo - /128 m0');
    assert.equal(look('2a00::1'), '1 veth0 2001:db8::fe /0 m1024');
    // the backend addrconf and the datapath use
    const r = ip6Fib().lookup(ns, { dst: V6('2a00::1') });
    assert.equal(r && formatIPv6(r.gateway!), '2001:db8::fe');
    await k.exec('ip -6 route del default');
    assert.equal(look('2a00::1'), 'errno 101');
  });

  it('a device going down takes every route through it', async () => {
    const k = new Kernel({ seed: 1 });
    await run(k, `ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip link set lo up
ip -6 addr add 2001:db8::1/64 dev veth0 nodad
ip -6 route add 2001:db8:1::/48 via 2001:db8::2`);
    ip6Fib().syncDown(k.initNet.devByName('veth0')!, 'DOWN');
    const r = await k.exec('ip -6 route show table all');
    assert.equal(dropAddrconf(r.stdout), dropAddrconf(
      'local ::1 dev lo table local proto kernel metric 0 pref medium\n'));
  });
});
