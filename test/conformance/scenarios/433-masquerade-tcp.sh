# A TCP transfer from a private network through a MASQUERADE router: the server sees the router's address (nc -v -n), tcpdump on each side shows the handshake before and after the translation, and conntrack -L on the router shows the finished connection in TIME_WAIT with its reply tuple to the router.
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
ip netns exec router iptables -t nat -A POSTROUTING -o out0 -j MASQUERADE
timeout 5 ip netns exec outside nc -l -v -n 80 > $t/srv 2>&1 < /dev/null &
ip netns exec inside tcpdump -i eth0 -nn -t -q -c 8 tcp > $t/in 2>&1 &
ip netns exec outside tcpdump -i eth0 -nn -t -q -c 8 tcp > $t/out 2>&1 &
/bin/sleep 0.5
( echo through-nat; /bin/sleep 0.3 ) | ip netns exec inside nc -N 203.0.113.2 80
wait
cat $t/srv
cat $t/in
cat $t/out
ip netns exec router conntrack -L -p tcp
ip netns exec router iptables -t nat -L POSTROUTING -v -n -x
rm -r $t
