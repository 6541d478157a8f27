// sysctl(8) against a transcript recorded from procps-ng 4.0.2 on the real kernel, in a
// fresh network namespace: every command of the script, in order, with what it printed
// (stdout and stderr interleaved, trailing newlines trimmed as $(...) trims them) and its
// exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, run } from '../net_tools/helpers.js';
import { sysctl } from '../../src/tools/sysctl.js';
import { splitWords } from '../../src/kernel/kernel.js';

/** [command line, recorded output, recorded status] */
const TRANSCRIPT: [string, string, number][] = [
  ["sysctl net.ipv4.ip_forward", "net.ipv4.ip_forward = 0", 0],
  ["sysctl -w net.ipv4.ip_forward=2", "net.ipv4.ip_forward = 2", 0],
  ["sysctl net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.lo.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.all.accept_redirects", "net.ipv4.ip_forward = 2\nnet.ipv4.conf.all.forwarding = 2\nnet.ipv4.conf.lo.forwarding = 2\nnet.ipv4.conf.default.forwarding = 2\nnet.ipv4.conf.all.accept_redirects = 0", 0],
  ["sysctl -w net.ipv4.ip_forward=abc", "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument", 1],
  ["sysctl -w net.ipv4.ip_forward=0x1", "net.ipv4.ip_forward = 0x1", 0],
  ["sysctl -w net.ipv4.ip_forward=-1", "net.ipv4.ip_forward = -1", 0],
  ["sysctl -w net.ipv4.ip_forward=", "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument", 1],
  ["sysctl -w net.ipv4.ip_forward", "sysctl: command line(0): invalid syntax, continuing...", 1],
  ["sysctl -w net.ipv4.foo=1", "sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory", 1],
  ["sysctl net.ipv4.foo", "sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory", 1],
  ["sysctl -q net.ipv4.foo", "sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory", 1],
  ["sysctl -e net.ipv4.foo", "", 0],
  ["sysctl -w net.ipv4.conf.all.rp_filter=3", "net.ipv4.conf.all.rp_filter = 3", 0],
  ["sysctl -w net.ipv4.ip_local_port_range=\"1000 2000\"", "sysctl: setting key \"net.ipv4.ip_local_port_range\": Invalid argument", 1],
  ["sysctl -w net.ipv4.ip_local_port_range=\"2000 10000\"", "net.ipv4.ip_local_port_range = 2000 10000", 0],
  ["sysctl -w net.ipv4.ip_local_port_range=\"10000 20000\"", "net.ipv4.ip_local_port_range = 10000 20000", 0],
  ["sysctl net.ipv4.ip_local_port_range", "net.ipv4.ip_local_port_range = 10000\t20000", 0],
  ["sysctl -w net.ipv4.ip_default_ttl=0", "sysctl: setting key \"net.ipv4.ip_default_ttl\": Invalid argument", 1],
  ["sysctl -w net.ipv4.ip_default_ttl=256", "sysctl: setting key \"net.ipv4.ip_default_ttl\": Invalid argument", 1],
  ["sysctl -w net.ipv4.ip_default_ttl=255", "net.ipv4.ip_default_ttl = 255", 0],
  ["sysctl -w net.ipv4.route.flush=1", "net.ipv4.route.flush = 1", 0],
  ["sysctl net.ipv4.route.flush", "", 0],
  ["sysctl net.ipv4.route", "net.ipv4.route.min_adv_mss = 256\nnet.ipv4.route.min_pmtu = 552\nnet.ipv4.route.mtu_expires = 600", 0],
  ["sysctl -w net.ipv4.conf.all.mc_forwarding=1", "sysctl: setting key \"net.ipv4.conf.all.mc_forwarding\": Invalid argument", 0],
  ["sysctl net.ipv4.conf.lo", "net.ipv4.conf.lo.accept_local = 0\nnet.ipv4.conf.lo.accept_redirects = 1\nnet.ipv4.conf.lo.accept_source_route = 1\nnet.ipv4.conf.lo.arp_accept = 0\nnet.ipv4.conf.lo.arp_announce = 0\nnet.ipv4.conf.lo.arp_evict_nocarrier = 1\nnet.ipv4.conf.lo.arp_filter = 0\nnet.ipv4.conf.lo.arp_ignore = 0\nnet.ipv4.conf.lo.arp_notify = 0\nnet.ipv4.conf.lo.bc_forwarding = 0\nnet.ipv4.conf.lo.bootp_relay = 0\nnet.ipv4.conf.lo.disable_policy = 1\nnet.ipv4.conf.lo.disable_xfrm = 1\nnet.ipv4.conf.lo.drop_gratuitous_arp = 0\nnet.ipv4.conf.lo.drop_unicast_in_l2_multicast = 0\nnet.ipv4.conf.lo.force_igmp_version = 0\nnet.ipv4.conf.lo.forwarding = -1\nnet.ipv4.conf.lo.igmpv2_unsolicited_report_interval = 10000\nnet.ipv4.conf.lo.igmpv3_unsolicited_report_interval = 1000\nnet.ipv4.conf.lo.ignore_routes_with_linkdown = 0\nnet.ipv4.conf.lo.log_martians = 0\nnet.ipv4.conf.lo.mc_forwarding = 0\nnet.ipv4.conf.lo.medium_id = 0\nnet.ipv4.conf.lo.promote_secondaries = 0\nnet.ipv4.conf.lo.proxy_arp = 0\nnet.ipv4.conf.lo.proxy_arp_pvlan = 0\nnet.ipv4.conf.lo.route_localnet = 0\nnet.ipv4.conf.lo.rp_filter = 0\nnet.ipv4.conf.lo.secure_redirects = 1\nnet.ipv4.conf.lo.send_redirects = 1\nnet.ipv4.conf.lo.shared_media = 1\nnet.ipv4.conf.lo.src_valid_mark = 0\nnet.ipv4.conf.lo.tag = 0", 0],
  ["sysctl net/ipv4/ip_forward", "net.ipv4.ip_forward = -1", 0],
  ["sysctl -n net.ipv4.ip_forward", "-1", 0],
  ["sysctl -N net.ipv4.ip_forward", "net.ipv4.ip_forward", 0],
  ["sysctl -w net.ipv4.ip_forward=1 net.ipv4.ip_default_ttl=300 net.ipv4.tcp_syn_retries=7", "net.ipv4.ip_forward = 1\nsysctl: setting key \"net.ipv4.ip_default_ttl\": Invalid argument\nnet.ipv4.tcp_syn_retries = 7", 1],
  ["sysctl net.ipv4.tcp_syn_retries=3", "net.ipv4.tcp_syn_retries = 3", 0],
  ["sysctl kernel.random.boot_id -N", "kernel.random.boot_id", 0],
  ["sysctl -w kernel.random.boot_id=x", "sysctl: setting key \"kernel.random.boot_id\": Invalid argument", 0],
  ["sysctl net.ipv6.conf.all.stable_secret", "", 1],
  ["sysctl -w net.ipv6.conf.all.stable_secret=zz", "sysctl: setting key \"net.ipv6.conf.all.stable_secret\": Input/output error", 1],
  ["sysctl -w net.ipv6.conf.default.stable_secret=fe80::1", "net.ipv6.conf.default.stable_secret = fe80::1", 0],
  ["sysctl net.ipv6.conf.default.stable_secret", "net.ipv6.conf.default.stable_secret = fe80:0000:0000:0000:0000:0000:0000:0001", 0],
  ["sysctl net.ipv4.neigh.lo", "net.ipv4.neigh.lo.anycast_delay = 100\nnet.ipv4.neigh.lo.app_solicit = 0\nnet.ipv4.neigh.lo.base_reachable_time_ms = 30000\nnet.ipv4.neigh.lo.delay_first_probe_time = 5\nnet.ipv4.neigh.lo.gc_stale_time = 60\nnet.ipv4.neigh.lo.interval_probe_time_ms = 5000\nnet.ipv4.neigh.lo.locktime = 100\nnet.ipv4.neigh.lo.mcast_resolicit = 0\nnet.ipv4.neigh.lo.mcast_solicit = 3\nnet.ipv4.neigh.lo.proxy_delay = 80\nnet.ipv4.neigh.lo.proxy_qlen = 64\nnet.ipv4.neigh.lo.retrans_time_ms = 1000\nnet.ipv4.neigh.lo.ucast_solicit = 3\nnet.ipv4.neigh.lo.unres_qlen = 101\nnet.ipv4.neigh.lo.unres_qlen_bytes = 212992", 0],
  ["sysctl -w net.ipv4.neigh.lo.retrans_time_ms=10", "net.ipv4.neigh.lo.retrans_time_ms = 10", 0],
  ["sysctl net.ipv4.neigh.lo.retrans_time net.ipv4.neigh.lo.retrans_time_ms", "net.ipv4.neigh.lo.retrans_time = 1\nnet.ipv4.neigh.lo.retrans_time_ms = 12", 0],
  ["sysctl -w net.ipv4.neigh.lo.retrans_time=7", "net.ipv4.neigh.lo.retrans_time = 7", 0],
  ["sysctl net.ipv4.neigh.lo.retrans_time_ms", "net.ipv4.neigh.lo.retrans_time_ms = 68", 0],
  ["sysctl -w net.ipv4.neigh.lo.base_reachable_time=7", "net.ipv4.neigh.lo.base_reachable_time = 7", 0],
  ["sysctl net.ipv4.neigh.lo.base_reachable_time_ms", "net.ipv4.neigh.lo.base_reachable_time_ms = 7000", 0],
  ["sysctl -w net.ipv4.neigh.lo.locktime=-1", "net.ipv4.neigh.lo.locktime = -1", 0],
  ["sysctl net.ipv4.neigh.lo.locktime", "net.ipv4.neigh.lo.locktime = -0", 0],
  ["sysctl -w net.ipv6.conf.all.disable_ipv6=5", "net.ipv6.conf.all.disable_ipv6 = 5", 0],
  ["sysctl net.ipv6.conf.lo.disable_ipv6 net.ipv6.conf.default.disable_ipv6", "net.ipv6.conf.lo.disable_ipv6 = 5\nnet.ipv6.conf.default.disable_ipv6 = 5", 0],
  ["sysctl -w net.core.somaxconn=-1", "sysctl: setting key \"net.core.somaxconn\": Invalid argument", 1],
  ["sysctl -w net.core.somaxconn=99999999999", "sysctl: setting key \"net.core.somaxconn\": Invalid argument", 1],
  ["sysctl -w net.ipv4.tcp_rmem=\"1 2\"", "net.ipv4.tcp_rmem = 1 2", 0],
  ["sysctl net.ipv4.tcp_rmem", "net.ipv4.tcp_rmem = 1\t2\t33554432", 0],
  ["sysctl -w net.ipv4.tcp_rmem=\"5 0 3\"", "sysctl: setting key \"net.ipv4.tcp_rmem\": Invalid argument", 1],
  ["sysctl net.ipv4.tcp_rmem", "net.ipv4.tcp_rmem = 5\t2\t33554432", 0],
  ["sysctl -w net.ipv4.tcp_congestion_control=foo", "sysctl: setting key \"net.ipv4.tcp_congestion_control\": No such file or directory", 1],
  ["sysctl -w net.ipv4.tcp_congestion_control=cubic", "sysctl: setting key \"net.ipv4.tcp_congestion_control\": Operation not permitted", 1],
  ["sysctl -w net.ipv4.tcp_congestion_control=reno", "net.ipv4.tcp_congestion_control = reno", 0],
  ["sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"", "net.ipv4.ping_group_range = 0 2147483647", 0],
  ["sysctl net.ipv4.ping_group_range", "net.ipv4.ping_group_range = 0\t2147483647", 0],
  ["sysctl -w net.ipv4.ping_group_range=\"5 2\"", "net.ipv4.ping_group_range = 5 2", 0],
  ["sysctl net.ipv4.ping_group_range", "net.ipv4.ping_group_range = 1\t0", 0],
  ["sysctl -w net.ipv4.ip_local_reserved_ports=\"8000-8010,9000\"", "net.ipv4.ip_local_reserved_ports = 8000-8010,9000", 0],
  ["sysctl net.ipv4.ip_local_reserved_ports", "net.ipv4.ip_local_reserved_ports = 8000-8010,9000", 0],
  ["sysctl -w net.ipv4.icmp_ratelimit=1001", "net.ipv4.icmp_ratelimit = 1001", 0],
  ["sysctl net.ipv4.icmp_ratelimit net.ipv6.icmp.ratelimit net.ipv6.icmp.ratemask", "net.ipv4.icmp_ratelimit = 1004\nnet.ipv6.icmp.ratelimit = 100\nnet.ipv6.icmp.ratemask = 0-1,3-127", 0],
  ["sysctl -w net.ipv4.tcp_fin_timeout=8589935", "sysctl: setting key \"net.ipv4.tcp_fin_timeout\": Invalid argument", 1],
  ["sysctl -w net.ipv4.tcp_fin_timeout=-8589934", "net.ipv4.tcp_fin_timeout = -8589934", 0],
  ["sysctl net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_fin_timeout = -8589934", 0],
  ["sysctl -w net.ipv6.conf.lo.mtu=1000", "sysctl: setting key \"net.ipv6.conf.lo.mtu\": Invalid argument", 1],
  ["sysctl -w net.ipv6.conf.lo.mtu=70000", "sysctl: setting key \"net.ipv6.conf.lo.mtu\": Invalid argument", 1],
  ["sysctl -w net.ipv6.conf.lo.mtu=9000", "net.ipv6.conf.lo.mtu = 9000", 0],
  ["sysctl net.ipv6.conf.lo.mtu net.ipv6.conf.lo.accept_dad net.ipv6.conf.lo.use_tempaddr", "net.ipv6.conf.lo.mtu = 9000\nnet.ipv6.conf.lo.accept_dad = -1\nnet.ipv6.conf.lo.use_tempaddr = -1", 0],
  ["sysctl -w net.ipv6.conf.lo.addr_gen_mode=2", "net.ipv6.conf.lo.addr_gen_mode = 2", 0],
  ["sysctl -w net.ipv6.conf.lo.addr_gen_mode=3", "net.ipv6.conf.lo.addr_gen_mode = 3", 0],
  ["sysctl -a -N -r 'neigh.lo.(retrans|base)'", "net.ipv4.neigh.lo.base_reachable_time_ms\nnet.ipv4.neigh.lo.retrans_time_ms\nnet.ipv6.neigh.lo.base_reachable_time_ms\nnet.ipv6.neigh.lo.retrans_time_ms", 0],
  ["sysctl --deprecated -a -N -r 'neigh.lo.(retrans|base)'", "net.ipv4.neigh.lo.base_reachable_time\nnet.ipv4.neigh.lo.base_reachable_time_ms\nnet.ipv4.neigh.lo.retrans_time\nnet.ipv4.neigh.lo.retrans_time_ms\nnet.ipv6.neigh.lo.base_reachable_time\nnet.ipv6.neigh.lo.base_reachable_time_ms\nnet.ipv6.neigh.lo.retrans_time\nnet.ipv6.neigh.lo.retrans_time_ms", 0],
  ["sysctl -zz", "sysctl: invalid option -- 'z'\n\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n      --dry-run        Print the key and values but do not write\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).", 0],
  ["sysctl --foo", "sysctl: unrecognized option '--foo'\n\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n      --dry-run        Print the key and values but do not write\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).", 0],
  ["sysctl -V", "sysctl from procps-ng 4.0.2", 0],
  ["sysctl", "\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n      --dry-run        Print the key and values but do not write\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).", 1],
  ["sysctl -x", "sysctl: no variables specified\nTry `sysctl --help' for more information.", 1],
  ["sysctl -p /nonexist", "sysctl: cannot open \"/nonexist\": No such file or directory", 1],
  ["sysctl \"\" ", "sysctl: \"\" is an unknown key", 255],
  ["sysctl a b", "sysctl: cannot stat /proc/sys/a: No such file or directory\nsysctl: cannot stat /proc/sys/b: No such file or directory", 2],
  ["sysctl --val net.ipv4.ip_forward", "1", 0],
  ["sysctl net.ipv4.ip_forward -n", "1", 0],
  ["sysctl -b net.ipv4.ip_forward", "1", 0],
  ["sysctl -N -q x", "sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.", 1],
  ["sysctl --dry-run -w net.ipv4.ip_forward=0", "net.ipv4.ip_forward = 0", 0],
  ["sysctl net.ipv4.ip_forward", "net.ipv4.ip_forward = 1", 0],
  ["sysctl -w 'net.ipv4.conf.*.rp_filter=1'", "sysctl: cannot stat /proc/sys/net/ipv4/conf/*/rp_filter: No such file or directory", 1],
  ["printf 'net.ipv4.ip_forward = 0\\n# c\\n;c\\n  \\nbogus\\nnet.ipv4.conf.*.rp_filter = 2\\n-net.ipv4.conf.lo.rp_filter\\n-net.ipv4.nosuch = 3\\nnet.ipv4.nosuch2 = 3\\nnet.ipv4.tcp_syn_retries=   9   \\nkernel.random.boot_id = x\\nx\\n' | sysctl -p -", "sysctl: -(5): invalid syntax, continuing...\nsysctl: -(12): invalid syntax, continuing...\nnet.ipv4.ip_forward = 0\nnet.ipv4.conf.all.rp_filter = 2\nnet.ipv4.conf.default.rp_filter = 2\nsysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory\nsysctl: cannot stat /proc/sys/net/ipv4/nosuch2: No such file or directory\nnet.ipv4.tcp_syn_retries = 9\nsysctl: setting key \"kernel.random.boot_id\": Invalid argument", 1],
  ["sysctl -w net.ipv4.conf.default.arp_ignore=2", "net.ipv4.conf.default.arp_ignore = 2", 0],
  ["sysctl net.ipv4.conf.lo.arp_ignore", "net.ipv4.conf.lo.arp_ignore = 2", 0],
  ["sysctl -w net.unix.max_dgram_qlen=5", "net.unix.max_dgram_qlen = 5", 0],
  ["sysctl net.unix", "net.unix.max_dgram_qlen = 5", 0],
  ["sysctl net.mptcp.enabled net.core.rmem_max", "net.mptcp.enabled = 1\nnet.core.rmem_max = 4194304", 0],
  ["sysctl -w net.core.rmem_max=5", "sysctl: setting key \"net.core.rmem_max\": Invalid argument", 0],
  ["sysctl -w kernel.domainname=example.org", "kernel.domainname = example.org", 0],
  ["sysctl kernel.domainname", "kernel.domainname = example.org", 0],
];

test('sysctl: the recorded transcript, command by command', async () => {
  const k = new Kernel({ seed: 11 });
  for (const [line, expected, status] of TRANSCRIPT) {
    let cmd = line;
    let stdin = '';
    const pm = /^printf '([^']*)' \| (.*)$/.exec(line);
    if (pm) {
      stdin = pm[1]!.replace(/\\n/g, '\n');
      cmd = pm[2]!;
    }
    const r = await run(k, sysctl, splitWords(cmd), { stdin });
    const got = r.all.replace(/\n+$/, '');
    assert.deepEqual([got, r.status], [expected, status], line);
  }
});
