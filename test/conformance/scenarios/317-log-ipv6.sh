# ip6tables -j LOG: IPv6 lines (full addresses, TC, HOPLIMIT, FLOWLBL, ICMPv6 type and code),
# on INPUT and OUTPUT of both ends of a ping -6, with --log-uid; an ICMPv6 error from REJECT
# quotes the echo request it refuses.
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type echo-request -j LOG --log-prefix "a-$t: " --log-uid
ip netns exec a ip6tables -A INPUT -p ipv6-icmp ! --icmpv6-type neighbour-advertisement -j LOG --log-prefix "a-$t: " --log-level info
ip netns exec b ip6tables -A INPUT -p ipv6-icmp --icmpv6-type echo-request -j LOG --log-prefix "b-$t: " --log-macdecode
ip netns exec b ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type echo-reply -j LOG --log-prefix "b-$t: "
ip netns exec a ping -6 -c 1 2001:db8::2
ip netns exec a ping -6 -c 1 -Q 0xb8 2001:db8::2
ip netns exec b ip6tables -I INPUT -p ipv6-icmp --icmpv6-type echo-request -j REJECT
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
dmesg | grep -- "-$t" | sed "s/-$t//"
dmesg -x -l info | grep -c -- "-$t"
