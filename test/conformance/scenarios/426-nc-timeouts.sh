# nc -w: a connect to a port whose SYNs are silently dropped times out ('timed out: Operation now in progress'); an idle connection ends after -w seconds; a listener ignores -w. A SYN to an address nobody answers ARP for: the connect times out while lo is down, and fails with 'No route to host' once lo is up (the locally generated host unreachable is delivered).
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec a nc -w 2 -z -v 10.0.0.2 80
ip netns exec a nc -w 1 10.0.0.2 80
timeout 5 ip netns exec b nc -l 81 > /dev/null &
/bin/sleep 0.3
ip netns exec a nc -v -w 1 10.0.0.2 81 < /dev/null
echo "exit $?"
wait
timeout 2 ip netns exec b nc -l -w 1 82
ip netns exec a nc -v -w 5 10.0.0.99 80
ip -n a link set lo up
ip netns exec a nc -v -w 5 10.0.0.98 80
rm -r $t
