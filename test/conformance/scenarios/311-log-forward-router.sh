# LOG in a router's FORWARD chain: both directions with the input device's MAC header
# (decoded with --log-macdecode), TOS from ping -Q, a mark set in mangle, and the time
# exceeded error the router sends when a ping's TTL runs out, with the packet it quotes.
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a link set va address 02:00:00:00:0a:01
ip -n r link set ra address 02:00:00:00:0a:02
ip -n r link set rb address 02:00:00:00:0b:02
ip -n b link set vb address 02:00:00:00:0b:01
ip -n a addr add 10.1.0.2/24 dev va
ip -n a link set va up
ip -n a route add default via 10.1.0.1
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r link set ra up
ip -n r addr add 10.2.0.1/24 dev rb
ip -n r link set rb up
ip -n b addr add 10.2.0.2/24 dev vb
ip -n b link set vb up
ip -n b route add default via 10.2.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -A FORWARD -i ra -j LOG --log-prefix "fw-$t: "
ip netns exec r iptables -A FORWARD -i rb -j LOG --log-prefix "fw-$t: " --log-macdecode --log-level notice
ip netns exec r iptables -A OUTPUT -j LOG --log-prefix "r-$t: "
ip netns exec a iptables -t mangle -A OUTPUT -j MARK --set-mark 0x2a
ip netns exec a iptables -A OUTPUT -j LOG --log-prefix "a-$t: "
ip netns exec a iptables -A INPUT -j LOG --log-prefix "a-$t: "
ip netns exec a ping -c 1 10.2.0.2
ip netns exec a ping -c 1 -Q 0x28 10.2.0.2
ip netns exec a ping -c 1 -t 1 10.2.0.2
dmesg | grep -- "-$t" | sed "s/-$t//"
ip netns exec r iptables -L FORWARD -v -x -n | sed "s/$t/T/"
