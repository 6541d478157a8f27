# A default-DROP INPUT chain: ping -6 works only while neighbour solicitations and advertisements are let in by type.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 2
ip netns exec b ip6tables -P INPUT DROP
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j ACCEPT
ip netns exec a ping -6 -c 1 -W 4 2001:db8::2
ip netns exec a ip -6 neigh show dev eth0
ip netns exec b ip -6 neigh show dev eth0
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type neighbour-solicitation -j ACCEPT
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type neighbour-advertisement -j ACCEPT
ip netns exec a ip -6 neigh flush dev eth0
ip netns exec b ip -6 neigh flush dev eth0
ip netns exec a ping -6 -c 2 -i 0.2 -W 2 2001:db8::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec a ip -6 neigh show dev eth0
ip netns exec b ip6tables -D INPUT -p icmpv6 --icmpv6-type neighbour-advertisement -j ACCEPT
ip netns exec a ip -6 neigh flush dev eth0
ip netns exec b ip -6 neigh flush dev eth0
ip netns exec b ip6tables -Z INPUT
ip netns exec b ping -6 -c 1 -W 4 2001:db8::1
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec b ip -6 neigh show dev eth0
