# A router's stateful FORWARD filter: policy DROP, ESTABLISHED,RELATED accepted, NEW to port 80 accepted, port 22 refused with a TCP reset; nc to 80 transfers, to 22 is refused, to 23 times out; the rule counters (listed before the timeouts, whose SYN retransmits race with them) and the conntrack entries: only the accepted connection, in TIME_WAIT, since a packet dropped in FORWARD never confirms its entry.
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
ip netns exec router iptables -P FORWARD DROP
ip netns exec router iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec router iptables -A FORWARD -i in0 -o out0 -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec router iptables -A FORWARD -p tcp --dport 22 -j REJECT --reject-with tcp-reset
timeout 5 ip netns exec outside nc -l 80 > $t/srv < /dev/null &
/bin/sleep 0.3
( echo allowed; /bin/sleep 0.3 ) | ip netns exec inside nc -N 203.0.113.2 80
wait
cat $t/srv
ip netns exec inside nc -z -v -n 203.0.113.2 22
ip netns exec router iptables -L FORWARD -v -n -x
ip netns exec inside nc -w 2 -z -v -n 203.0.113.2 23
ip netns exec outside nc -w 2 -z -v -n 192.168.1.2 80
ip netns exec router conntrack -L 2>&1 | sort
rm -r $t
