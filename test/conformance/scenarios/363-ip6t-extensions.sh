# Extensions ip6tables shares with iptables on IPv6 packets: comment, mark, multiport, limit, length, pkttype, mac, statistic, LOG.
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
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m comment --comment "ping from a"
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m length --length 104
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m length ! --length 0:200
ip netns exec b ip6tables -A INPUT -p icmpv6 -m pkttype --pkt-type multicast
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m pkttype --pkt-type unicast
ip netns exec b ip6tables -A INPUT -m mac --mac-source 02:00:00:00:00:0a -p icmpv6 --icmpv6-type echo-request
ip netns exec b ip6tables -A INPUT -m mac ! --mac-source 02:00:00:00:00:0a -p icmpv6 --icmpv6-type echo-request
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m limit --limit 1/hour --limit-burst 2
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m statistic --mode nth --every 2
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j LOG --log-prefix "v6 ping: " --log-level 6
ip netns exec b ip6tables -t mangle -A PREROUTING -p icmpv6 --icmpv6-type echo-request -j MARK --set-mark 0x42
ip netns exec b ip6tables -A INPUT -m mark --mark 0x42 -p tcp -m multiport --dports 22,80:90
ip netns exec b ip6tables -A INPUT -m mark --mark 0x42/0xf0
ip netns exec a ping -6 -c 3 -i 0.2 -W 2 2001:db8::2
ip netns exec a ping -6 -c 1 -s 300 -W 2 2001:db8::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec b ip6tables -L INPUT
ip netns exec b ip6tables -S INPUT
