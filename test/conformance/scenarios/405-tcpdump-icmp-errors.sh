# ICMP errors as tcpdump prints them, with -v the packet they quote: time exceeded (ping -t 1), net unreachable from a router without a route, host prohibited and admin prohibited from REJECT. Errors are 2 s apart (rate limit, see 106).
t=$(mktemp -d)
ip netns add left
ip netns add router
ip netns add right
ip link add eth0 netns left type veth peer name l0 netns router
ip link add eth0 netns right type veth peer name r0 netns router
for n in left router right; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n left addr add 10.1.0.2/24 dev eth0
ip -n router addr add 10.1.0.1/24 dev l0
ip -n router addr add 10.2.0.1/24 dev r0
ip -n right addr add 10.2.0.2/24 dev eth0
ip -n left link set eth0 up
ip -n right link set eth0 up
ip -n router link set l0 up
ip -n router link set r0 up
ip -n left route add default via 10.1.0.1
ip -n right route add default via 10.2.0.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router iptables -A FORWARD -d 10.2.0.2 -p icmp --icmp-type echo-request -m ttl --ttl-eq 63 -j REJECT --reject-with icmp-host-prohibited
ip netns exec right iptables -A INPUT -p icmp --icmp-type echo-request -m ttl --ttl-eq 62 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec left tcpdump -i eth0 -n -t -c 4 icmp > $t/1 2>&1 &
ip netns exec left tcpdump -i eth0 -n -t -v -c 4 'icmp[icmptype] != icmp-echo' > $t/2 2>&1 &
/bin/sleep 0.5
ip netns exec left ping -c 1 -W 1 -t 1 10.2.0.2 > /dev/null
sleep 2
ip netns exec left ping -c 1 -W 1 10.9.9.9 > /dev/null
sleep 2
ip netns exec left ping -c 1 -W 1 -t 64 10.2.0.2 > /dev/null
sleep 2
ip netns exec left ping -c 1 -W 1 -t 63 10.2.0.2 > /dev/null
wait
cat $t/1
cat $t/2
rm -r $t
