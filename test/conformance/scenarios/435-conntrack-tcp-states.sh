# conntrack -L on a router while a connection is open (ESTABLISHED [ASSURED]), after it closed (TIME_WAIT), after a refused SYN (none: the RST ends the entry), for a SYN the server drops (SYN_SENT [UNREPLIED]) and for one the router's FORWARD drops (none: never confirmed); conntrack -E reports the state changes of one connection.
t=$(mktemp -d)
ip netns add inside
ip netns add router
ip netns add outside
ip link add eth0 netns inside type veth peer name in0 netns router
ip link add eth0 netns outside type veth peer name out0 netns router
ip -n inside link set eth0 address 02:00:00:00:01:02
ip -n router link set in0 address 02:00:00:00:01:01
ip -n router link set out0 address 02:00:00:00:02:01
ip -n outside link set eth0 address 02:00:00:00:02:02
for n in inside router outside; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n inside addr add 192.168.1.2/24 dev eth0
ip -n router addr add 192.168.1.1/24 dev in0
ip -n router addr add 203.0.113.1/24 dev out0
ip -n outside addr add 203.0.113.2/24 dev eth0
ip -n inside link set eth0 up
ip -n outside link set eth0 up
ip -n router link set in0 up
ip -n router link set out0 up
ip -n inside route add default via 192.168.1.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip -n outside route add default via 203.0.113.1
ip netns exec router iptables -A FORWARD -p tcp --dport 24 -j DROP
ip netns exec outside iptables -A INPUT -p tcp --dport 23 -j DROP
ip netns exec router iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP
timeout 5 ip netns exec outside nc -l 80 > /dev/null < /dev/null &
/bin/sleep 0.3
( echo hi; /bin/sleep 1 ) | ip netns exec inside nc -N 203.0.113.2 80 &
/bin/sleep 0.5
ip netns exec router conntrack -L
wait
ip netns exec router conntrack -L
ip netns exec router conntrack -F 2>&1
ip netns exec inside nc -z -n 203.0.113.2 81
ip netns exec router conntrack -L
ip netns exec router conntrack -F 2>&1
ip netns exec inside nc -w 1 -z -n 203.0.113.2 23
ip netns exec router conntrack -L
ip netns exec router conntrack -F 2>&1
ip netns exec inside nc -w 1 -z -n 203.0.113.2 24
ip netns exec router conntrack -L
ip netns exec router conntrack -F 2>&1
timeout 5 ip netns exec outside nc -l 80 > /dev/null < /dev/null &
timeout 3 ip netns exec router conntrack -E -p tcp > $t/ev 2>&1 &
/bin/sleep 0.5
( echo hi; /bin/sleep 0.3 ) | ip netns exec inside nc -N 203.0.113.2 80
wait
cat $t/ev
rm -r $t
