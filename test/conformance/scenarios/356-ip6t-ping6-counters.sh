# ping -6 through INPUT and OUTPUT rules of two namespaces: which rules count the echo requests and replies, bytes included.
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
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -s 2001:db8::1 -j ACCEPT
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -s 2001:db8::99
ip netns exec b ip6tables -A OUTPUT -p icmpv6 --icmpv6-type echo-reply -d 2001:db8::/64
ip netns exec b ip6tables -A OUTPUT -p icmpv6 --icmpv6-type echo-reply ! -o eth0
ip netns exec a ip6tables -A OUTPUT -o eth0 -p icmpv6 --icmpv6-type echo-request
ip netns exec a ip6tables -A INPUT -i eth0 -p icmpv6 --icmpv6-type echo-reply
ip netns exec a ping -6 -c 3 -i 0.2 -W 2 2001:db8::2
ip netns exec a ping -6 -c 1 -s 200 -W 2 2001:db8::2
ip netns exec b ip6tables -L -v -x -n
ip netns exec a ip6tables -L -v -x -n
ip netns exec b ip6tables -I INPUT -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -6 -c 2 -i 0.2 -W 1 2001:db8::2
ip netns exec b ip6tables -L INPUT -v -x -n --line-numbers
ip netns exec b ip6tables -Z INPUT
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -m hl --hl-lt 10 -j DROP
ip netns exec a ping -6 -c 1 -W 2 2001:db8::2
ip netns exec a ping -6 -c 1 -W 1 -t 5 2001:db8::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec b ip6tables-save -c | grep -v '^#'
