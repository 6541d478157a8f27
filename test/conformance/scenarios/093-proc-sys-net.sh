# Reading /proc/sys/net files with cat, per namespace.
ip netns add r
cat /proc/sys/net/ipv4/ip_forward
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r cat /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/conf/all/forwarding
cat /proc/sys/net/ipv4/conf/lo/forwarding
ip netns exec r cat /proc/sys/net/ipv4/conf/lo/forwarding
cat /proc/sys/net/ipv4/neigh/default/base_reachable_time_ms
cat /proc/sys/net/ipv4/neigh/default/gc_thresh1
cat /proc/sys/net/ipv4/neigh/default/gc_thresh3
cat /proc/sys/net/ipv4/ip_local_port_range
cat /proc/sys/net/ipv6/conf/all/disable_ipv6
cat /proc/sys/net/core/somaxconn
cat /proc/sys/net/ipv4/icmp_echo_ignore_all
cat /proc/sys/net/ipv4/icmp_ratelimit
cat /proc/sys/net/ipv4/conf/nosuch/forwarding
ip link add veth0 type veth peer name veth1
cat /proc/sys/net/ipv4/conf/veth0/rp_filter
cat /proc/sys/net/ipv4/neigh/veth0/retrans_time_ms
cat /proc/sys/net/ipv6/conf/veth0/mtu
ip link set veth0 mtu 1400
cat /proc/sys/net/ipv6/conf/veth0/mtu
