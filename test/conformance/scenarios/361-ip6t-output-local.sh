# OUTPUT rules on the sending host: DROP is silent, REJECT answers from lo (ping -6 then also reports sendmsg's EPERM).
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
ip netns exec a ip6tables -A OUTPUT -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -6 -c 2 -i 0.2 -W 1 2001:db8::2
ip netns exec a ip6tables -R OUTPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT
ip netns exec a ping -6 -c 2 -i 0.2 -W 1 2001:db8::2
ip -n a link set lo up
ip netns exec a ping -6 -c 2 -i 0.2 -W 1 2001:db8::2
ip netns exec a ip6tables -R OUTPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with icmp6-adm-prohibited
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec a ip6tables -L OUTPUT -v -x -n
ip netns exec a ip6tables -L INPUT -v -x -n
ip netns exec a ip6tables -A INPUT -i lo -p icmpv6 --icmpv6-type destination-unreachable
ip netns exec a ip6tables -I OUTPUT -o lo -p icmpv6
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec a ip6tables -L -v -x -n
ip netns exec a ip6tables -F
ip netns exec a ip6tables -A OUTPUT -d 2001:db8::1 -j DROP
ip netns exec a ping -6 -c 1 -W 1 2001:db8::1
ip netns exec a ip6tables -A INPUT -s 2001:db8::1 -j DROP
ip netns exec a ip6tables -D OUTPUT 1
ip netns exec a ping -6 -c 1 -W 1 2001:db8::1
ip netns exec a ip6tables -L -v -x -n
