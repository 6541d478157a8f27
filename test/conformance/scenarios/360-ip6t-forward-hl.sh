# An IPv6 router: FORWARD rules by interface, the hl match on forwarded packets, HL in mangle, REJECT seen from the far side.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n r link set ra address 02:00:00:00:01:0a
ip -n r link set rb address 02:00:00:00:01:0b
ip -n a addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n b addr add 2001:db8:2::10/64 dev eth0 nodad
ip -n r addr add 2001:db8:1::1/64 dev ra nodad
ip -n r addr add 2001:db8:2::1/64 dev rb nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 2001:db8:1::1
ip -n b route add default via 2001:db8:2::1
ip netns exec r sysctl -qw net.ipv6.conf.all.forwarding=1
sleep 2
ip netns exec r ip6tables -A FORWARD -i ra -o rb -p icmpv6 --icmpv6-type echo-request -m hl --hl-eq 63
ip netns exec r ip6tables -A FORWARD -i ra -o rb -p icmpv6 --icmpv6-type echo-request -m hl --hl-lt 10
ip netns exec r ip6tables -A FORWARD -i rb -o ra -p icmpv6 --icmpv6-type echo-reply -m hl ! --hl-eq 63
ip netns exec r ip6tables -A FORWARD -i rb -p icmpv6 --icmpv6-type echo-reply -m hl --hl-gt 60
ip netns exec r ip6tables -t mangle -A POSTROUTING -o rb -p icmpv6 --icmpv6-type echo-request
ip netns exec a ping -6 -c 1 -W 2 2001:db8:2::10
ip netns exec a ping -6 -c 1 -W 2 -t 5 2001:db8:2::10
ip netns exec r ip6tables -L FORWARD -v -x -n
ip netns exec r ip6tables -t mangle -L POSTROUTING -v -x -n
ip netns exec r ip6tables -t mangle -A PREROUTING -i ra -p icmpv6 --icmpv6-type echo-request -j HL --hl-set 1
ip netns exec a ping -6 -c 1 -W 2 2001:db8:2::10
ip netns exec r ip6tables -t mangle -R PREROUTING 1 -i ra -p icmpv6 --icmpv6-type echo-request -j HL --hl-inc 10
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -m hl --hl-eq 73
ip netns exec a ping -6 -c 1 -W 2 2001:db8:2::10
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec r ip6tables -t mangle -F
sleep 1.1
ip netns exec r ip6tables -A FORWARD -i ra -o rb -p icmpv6 --icmpv6-type echo-request -j REJECT --reject-with adm-prohibited
ip netns exec a ping -6 -c 1 -W 2 2001:db8:2::10
ip netns exec r ip6tables -I FORWARD -o rb -j DROP
ip netns exec a ping -6 -c 1 -W 1 2001:db8:2::10
ip netns exec r ip6tables -L FORWARD -v -x -n --line-numbers
ip netns exec r ip6tables -P FORWARD DROP
ip netns exec r ip6tables -F FORWARD
ip netns exec b ping -6 -c 1 -W 1 2001:db8:1::10
ip netns exec r ip6tables -L FORWARD -v -x -n
