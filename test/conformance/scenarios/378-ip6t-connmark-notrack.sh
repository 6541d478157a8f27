# Marks on IPv6 connections (CONNMARK, connmark, conntrack -L's mark=) and pings exempted
# from tracking in the raw table (CT --notrack, NOTRACK: the UNTRACKED state).
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
ip netns exec b ip6tables -t mangle -A PREROUTING -p icmpv6 --icmpv6-type echo-request -j CONNMARK --set-mark 0x11
ip netns exec b ip6tables -t mangle -A OUTPUT -m connmark --mark 0x11 -j CONNMARK --restore-mark
ip netns exec b ip6tables -A OUTPUT -m mark --mark 0x11 -p icmpv6 --icmpv6-type echo-reply
ip netns exec b ip6tables -A OUTPUT -m connmark ! --mark 0x11 -p icmpv6
ip netns exec a ping -6 -c 2 -i 0.2 2001:db8::2
ip netns exec b ip6tables -L OUTPUT -v -x -n
ip netns exec b ip6tables -t mangle -L -v -x -n
ip netns exec b conntrack -L -m 0x11
ip netns exec b conntrack -L -f ipv6 -m 0x22
ip netns exec b ip6tables -t raw -A PREROUTING -p icmpv6 --icmpv6-type echo-request -j CT --notrack
ip netns exec b ip6tables -t raw -A OUTPUT -p icmpv6 --icmpv6-type echo-reply -j NOTRACK
ip netns exec b ip6tables -A INPUT -m conntrack --ctstate UNTRACKED -p icmpv6 --icmpv6-type echo-request
ip netns exec b ip6tables -A INPUT -m state --state UNTRACKED -p icmpv6 --icmpv6-type echo-request
ip netns exec b ip6tables -A OUTPUT -m conntrack --ctstate UNTRACKED -p icmpv6 --icmpv6-type echo-reply
ip netns exec b conntrack -F
ip netns exec a ping -6 -c 2 -i 0.2 2001:db8::2
ip netns exec b conntrack -L
ip netns exec b ip6tables -L -v -x -n
ip netns exec b ip6tables -t raw -L -v -x -n
ip netns exec a conntrack -L
