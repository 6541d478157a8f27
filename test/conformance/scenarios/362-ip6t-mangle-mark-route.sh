# MARK in the IPv6 mangle table steers packets through ip -6 rule fwmark: OUTPUT marks are routed again, PREROUTING marks pick the forward route.
ip netns add a
ip netns add r
ip netns add b
ip netns add c
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip link add eth0 netns c type veth peer name rc netns r
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n c link set eth0 address 02:00:00:00:00:0c
ip -n r link set ra address 02:00:00:00:01:0a
ip -n r link set rb address 02:00:00:00:01:0b
ip -n r link set rc address 02:00:00:00:01:0c
ip -n a addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n b addr add 2001:db8:2::10/64 dev eth0 nodad
ip -n c addr add 2001:db8:3::10/64 dev eth0 nodad
ip -n b addr add 2001:db8:9::1/128 dev eth0
ip -n c addr add 2001:db8:9::1/128 dev eth0
ip -n r addr add 2001:db8:1::1/64 dev ra nodad
ip -n r addr add 2001:db8:2::1/64 dev rb nodad
ip -n r addr add 2001:db8:3::1/64 dev rc nodad
for ns in a b c; do ip -n $ns link set eth0 up; done
for d in ra rb rc; do ip -n r link set $d up; done
ip -n a route add default via 2001:db8:1::1
ip -n b route add default via 2001:db8:2::1
ip -n c route add default via 2001:db8:3::1
ip netns exec r sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n r route add 2001:db8:9::/64 via 2001:db8:2::10
ip -n r route add 2001:db8:9::/64 via 2001:db8:3::10 table 100
ip -n r -6 rule add fwmark 0x7 table 100
sleep 2
ip netns exec a ping -6 -c 1 -W 2 2001:db8:9::1
ip netns exec r ip6tables -t mangle -A PREROUTING -i ra -p icmpv6 --icmpv6-type echo-request -j MARK --set-mark 7
ip netns exec c ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request
ip netns exec b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request
ip netns exec a ping -6 -c 2 -i 0.2 -W 2 2001:db8:9::1
ip netns exec c ip6tables -L INPUT -v -x -n
ip netns exec b ip6tables -L INPUT -v -x -n
ip netns exec r ip6tables -t mangle -F
ip netns exec r ip6tables -t mangle -A OUTPUT -d 2001:db8:9::1 -j MARK --set-mark 7
ip netns exec r ip6tables -A OUTPUT -m mark --mark 7 -o rc
ip netns exec r ip6tables -A OUTPUT -m mark --mark 7 -o rb
ip netns exec r ping -6 -c 1 -W 2 2001:db8:9::1
ip netns exec r ip6tables -L OUTPUT -v -x -n
ip netns exec c ip6tables -L INPUT -v -x -n
ip netns exec r ip6tables -t mangle -L -v -x -n
