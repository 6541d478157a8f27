# A stateful IPv6 firewall (conntrack, state) and IPv6 NAT rules.
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
ip netns exec a ip6tables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a ip6tables -A INPUT -p icmpv6 --icmpv6-type neighbour-advertisement -j ACCEPT
ip netns exec a ip6tables -A INPUT -m state --state INVALID,NEW
ip netns exec a ip6tables -P INPUT DROP
ip netns exec a ping -6 -c 2 -i 0.2 -W 2 2001:db8::2
ip netns exec a ip6tables -L INPUT -v -x -n
ip netns exec a conntrack -L -f ipv6
ip netns exec b ip6tables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
ip netns exec b ip6tables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination [2001:db8::99]:8080
ip netns exec b ip6tables -t nat -S
