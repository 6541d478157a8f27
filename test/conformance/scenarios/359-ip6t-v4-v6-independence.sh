# iptables rules do not touch IPv6 packets and ip6tables rules do not touch IPv4 ones; each family has its own tables.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 2
ip netns exec b iptables -P INPUT DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -6 -c 1 -W 2 2001:db8::2
ip netns exec b iptables -P INPUT ACCEPT
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -c 1 -W 2 10.0.0.2
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec b iptables -A INPUT -j ACCEPT
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec b iptables -t mangle -A PREROUTING -p icmp
ip netns exec b ip6tables -t raw -A PREROUTING -p icmpv6 --icmpv6-type echo-request
ip netns exec a ping -c 1 -W 2 10.0.0.2
ip netns exec b iptables-save -c | grep -v '^#'
ip netns exec b ip6tables-save -c | grep -v '^#'
ip netns exec b ip6tables -F
ip netns exec b iptables -S INPUT
ip netns exec b ip6tables -S INPUT
ip netns exec b iptables -t raw -L
