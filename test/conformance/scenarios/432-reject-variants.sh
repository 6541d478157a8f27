# What a client sees for each iptables answer to its SYN or datagram: DROP (timed out), REJECT with tcp-reset and icmp-port-unreachable (Connection refused), icmp-host-unreachable, icmp-host-prohibited, icmp-admin-prohibited (No route to host), icmp-net-unreachable and icmp-net-prohibited (Network is unreachable); the rule counters are listed before the DROP case (the SYN is retransmitted every second, so a count after a 2 s timeout races with the third SYN).
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j REJECT
ip netns exec b iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with icmp-host-unreachable
ip netns exec b iptables -A INPUT -p tcp --dport 84 -j REJECT --reject-with icmp-host-prohibited
ip netns exec b iptables -A INPUT -p tcp --dport 85 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec b iptables -A INPUT -p tcp --dport 86 -j REJECT --reject-with icmp-net-unreachable
ip netns exec b iptables -A INPUT -p tcp --dport 87 -j REJECT --reject-with icmp-net-prohibited
ip netns exec b iptables -A INPUT -p udp --dport 53 -j REJECT --reject-with icmp-host-prohibited
for p in 81 82 83 84 85 86 87; do ip netns exec a nc -z -v -n 10.0.0.2 $p; /bin/sleep 1; done
echo hi | ip netns exec a nc -u -w 1 10.0.0.2 53
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec a nc -w 2 -z -v -n 10.0.0.2 80
rm -r $t
