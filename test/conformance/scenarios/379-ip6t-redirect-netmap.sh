# REDIRECT, NETMAP and a local DNAT for IPv6: a router answering pings meant for beyond it, a
# prefix mapped to another one, and an OUTPUT DNAT rerouting a host's own ping.

ip -n b route add 2001:db8:a::/64 via 2001:db8:b::1
sleep 3
ip netns exec r ip6tables -t nat -A PREROUTING -i ra -d 2001:db8:b::2 -p icmpv6 -j REDIRECT
ip netns exec a ping -6 -c 1 2001:db8:b::2
ip netns exec r conntrack -L -f ipv6
ip netns exec r ip6tables -t nat -F
ip netns exec r conntrack -F
ip netns exec r ip6tables -t nat -A POSTROUTING -o rb -s fd00:a::/64 -j NETMAP --to 2001:db8:a::/64
ip netns exec r ip6tables -t nat -A PREROUTING -i rb -d 2001:db8:a::/64 -j NETMAP --to fd00:a::/64
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -s 2001:db8:a::2
ip netns exec a ping -6 -c 2 -i 0.2 2001:db8:b::2
ip netns exec b ping -6 -c 1 2001:db8:a::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec r conntrack -L 2>&1 | sort -k4
ip netns exec r ip6tables -t nat -L -v -x -n
ip netns exec a ip6tables -t nat -A OUTPUT -d 2001:db8:ffff::1 -j DNAT --to-destination 2001:db8:b::2
ip netns exec a ping -6 -c 1 2001:db8:ffff::1
ip netns exec a conntrack -L -f ipv6 -d 2001:db8:ffff::1
ip netns exec a ip6tables -t nat -S
