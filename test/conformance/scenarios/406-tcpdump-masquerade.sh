# Pings through a MASQUERADE router, captured on both sides: the inside sees its own address, the outside the router's.
t=$(mktemp -d)
ip netns add inside
ip netns add router
ip netns add outside
ip link add eth0 netns inside type veth peer name in0 netns router
ip link add eth0 netns outside type veth peer name out0 netns router
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
ip netns exec inside tcpdump -i eth0 -n -t -c 4 icmp > $t/in 2>&1 &
ip netns exec outside tcpdump -i eth0 -n -t -c 6 > $t/out 2>&1 &
ip netns exec router tcpdump -i any -n -t -c 8 icmp > $t/r 2>&1 &
/bin/sleep 0.5
ip netns exec inside ping -c 2 -i 0.2 203.0.113.2 > /dev/null
wait
cat $t/in
cat $t/out
cat $t/r
rm -r $t
