# REJECT in INPUT with each --reject-with, as ping -6 reports the ICMPv6 error (errors 1.1 s apart: the rate limit).
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
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with icmp6-no-route
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with adm-prohibited
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with icmp6-addr-unreachable
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with icmp6-policy-fail
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with reject-route
ip netns exec a ping -6 -c 1 -W 1 2001:db8::2
sleep 1.1
ip netns exec b ip6tables -R INPUT 1 -p icmpv6 --icmpv6-type echo-request -s 2001:db8::1 -j REJECT --reject-with icmp6-port-unreachable
ip netns exec a ping -6 -c 3 -i 0.3 -W 1 2001:db8::2
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec b ip6tables -S
