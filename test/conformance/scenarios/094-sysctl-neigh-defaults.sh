# Neighbour and routing defaults a script may read. The recorded "host" is a
# fresh (non-initial) network namespace: it has no net.ipv4.neigh.default.
ip link add veth0 type veth peer name veth1
sysctl net.ipv4.neigh.veth0.base_reachable_time_ms net.ipv4.neigh.veth0.delay_first_probe_time net.ipv4.neigh.veth0.gc_stale_time
sysctl net.ipv4.neigh.veth0.mcast_solicit net.ipv4.neigh.veth0.ucast_solicit net.ipv4.neigh.veth0.retrans_time_ms
sysctl net.ipv4.neigh.lo.base_reachable_time net.ipv4.neigh.lo.locktime net.ipv4.neigh.lo.proxy_delay
sysctl net.ipv4.neigh.default.gc_thresh1
sysctl net.ipv4.route.mtu_expires net.ipv4.route.min_pmtu net.ipv4.route.gc_timeout
sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.all.send_redirects net.ipv4.conf.all.secure_redirects
sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce net.ipv4.conf.all.proxy_arp
sysctl net.ipv4.conf.default.accept_source_route net.ipv4.conf.all.accept_source_route
sysctl net.ipv4.icmp_echo_ignore_broadcasts net.ipv4.icmp_ratelimit net.ipv4.icmp_ratemask
sysctl net.ipv4.tcp_syncookies net.core.somaxconn
sysctl -a 2>/dev/null | grep '^net\.ipv4\.neigh\.veth0\.'
sysctl -a 2>/dev/null | grep '^net\.ipv4\.conf\.all\.'
sysctl -a 2>/dev/null | grep '^net\.ipv6\.conf\.veth0\.' | head -20
