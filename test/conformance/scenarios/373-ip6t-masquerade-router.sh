# IPv6 MASQUERADE on a router: pings from a private prefix leave with the router's outside
# address; conntrack shows the translation; the entries go with the address.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n r link set ra address 02:00:00:00:01:0a
ip -n r link set rb address 02:00:00:00:01:0b
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add fd00:a::2/64 dev eth0 nodad
ip -n r addr add fd00:a::1/64 dev ra nodad
ip -n r addr add 2001:db8:b::1/64 dev rb nodad
ip -n b addr add 2001:db8:b::2/64 dev eth0 nodad
for ns in a r b; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via fd00:a::1
ip netns exec r sysctl -qw net.ipv6.conf.all.forwarding=1
sleep 3
ip netns exec r ip6tables -t nat -A POSTROUTING -o rb -j MASQUERADE
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -s 2001:db8:b::1
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -s fd00:a::/64
ip netns exec a ping -6 -c 2 -i 0.2 2001:db8:b::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec r ip6tables -t nat -L -v -x -n
ip netns exec r ip6tables -t nat -S
ip netns exec r conntrack -L -f ipv6
ip netns exec r conntrack -L -f ipv6 -o extended
ip netns exec r cat /proc/net/nf_conntrack
ip netns exec r ping -6 -c 1 2001:db8:b::2 > /dev/null
ip netns exec r conntrack -L -f ipv6 2>&1 | sort -k4
ip netns exec r iptables -t nat -S
ip -n r addr del 2001:db8:b::1/64 dev rb
sleep 1
ip netns exec r conntrack -L -f ipv6
