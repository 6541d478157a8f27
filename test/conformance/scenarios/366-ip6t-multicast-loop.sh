# A ping -6 to ff02::1: the sender's own looped copy crosses POSTROUTING a second time and comes back through PREROUTING and INPUT.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
sleep 2
ip netns exec a ip6tables -t mangle -A POSTROUTING -p icmpv6 --icmpv6-type echo-request
ip netns exec a ip6tables -t mangle -A OUTPUT -p icmpv6 --icmpv6-type echo-request
ip netns exec a ip6tables -t mangle -A PREROUTING -p icmpv6 --icmpv6-type echo-request -m pkttype --pkt-type multicast
ip netns exec a ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -i eth0
ip netns exec a ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-reply -d fe80::/64
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -d ff02::1 -m pkttype --pkt-type multicast
ip netns exec a ping -6 -c 1 -W 1 ff02::1%eth0 | grep -c bytes
ip netns exec a ip6tables -t mangle -L -v -n -x
ip netns exec a ip6tables -L INPUT -v -n -x
ip netns exec b ip6tables -L INPUT -v -n -x
ip netns exec a ip6tables -t mangle -I POSTROUTING -p icmpv6 --icmpv6-type echo-request -o eth0 -j DROP
ip netns exec a ping -6 -c 1 -W 1 ff02::1%eth0
ip netns exec a ip6tables -t mangle -L POSTROUTING -v -n -x
ip netns exec b ip6tables -L INPUT -v -n -x
