# ICMPv6 errors are RELATED to the connection of the packet they quote: a hop limit exceeded
# and a no-route error from the router, a port unreachable through MASQUERADE (translated
# back to the inside host), and an address unreachable about a DNAT'ed ping.
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
ip netns exec a ip6tables -A INPUT -m conntrack --ctstate RELATED -p icmpv6
ip netns exec a ip6tables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a ip6tables -A INPUT -p icmpv6 -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec a ip6tables -P INPUT DROP
ip netns exec a ping -6 -c 1 -t 1 2001:db8:b::2
sleep 3
ip netns exec a ping -6 -c 1 -W 1 2001:db8:c::2
ip netns exec a ip6tables -L INPUT -v -x -n
ip netns exec r ip6tables -t nat -A POSTROUTING -o rb -j MASQUERADE
ip netns exec r ip6tables -A FORWARD -m conntrack --ctstate RELATED -p icmpv6
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j REJECT
sleep 3
ip netns exec a ping -6 -c 1 -W 1 2001:db8:b::2
ip netns exec r ip6tables -L FORWARD -v -x -n
ip netns exec r conntrack -L -f ipv6 -s fd00:a::2 -d 2001:db8:b::2
ip netns exec r ip6tables -t nat -A PREROUTING -i rb -d 2001:db8:b::1 -p icmpv6 -j DNAT --to-destination fd00:a::9
ip netns exec b ping -6 -c 1 -W 5 2001:db8:b::1
ip netns exec r ip6tables -L FORWARD -v -x -n
ip netns exec r conntrack -L -d 2001:db8:b::1
