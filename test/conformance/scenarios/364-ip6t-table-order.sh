# The IPv6 raw, mangle, filter and security tables count the same ping in their hook order; a DROP in raw hides it from the rest.
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
for t in raw mangle; do ip netns exec b ip6tables -t $t -A PREROUTING -p icmpv6 --icmpv6-type echo-request; done
for t in mangle filter security; do ip netns exec b ip6tables -t $t -A INPUT -p icmpv6 --icmpv6-type echo-request; done
for t in raw mangle filter security; do ip netns exec b ip6tables -t $t -A OUTPUT -p icmpv6 --icmpv6-type echo-reply; done
ip netns exec b ip6tables -t mangle -A POSTROUTING -p icmpv6 --icmpv6-type echo-reply
ip netns exec a ping -6 -c 2 -i 0.2 -W 2 2001:db8::2
ip netns exec b ip6tables-save -c | grep -v '^#'
ip netns exec b ip6tables -t security -I INPUT -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec b ip6tables -t raw -I PREROUTING -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec b ip6tables-save -c | grep -v '^#'
ip netns exec b iptables-save
