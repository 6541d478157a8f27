# nc -z -v probes ports without sending data: 'Connection to ... succeeded!' (with the service name from /etc/services unless -n) and 'Connection refused' on stderr, exit 1 when nothing answered; a range scans each port, exit 0 when one succeeded.
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
ip netns exec a nc -z -v 10.0.0.2 80
ip netns exec a nc -z 10.0.0.2 80
echo "exit $?"
timeout 5 ip netns exec b nc -k -l 80 > /dev/null &
timeout 5 ip netns exec b nc -k -l 8080 > /dev/null &
/bin/sleep 0.3
ip netns exec a nc -z -v 10.0.0.2 80
ip netns exec a nc -z -v -n 10.0.0.2 80
ip netns exec a nc -z -v 10.0.0.2 8080
ip netns exec a nc -z -v 10.0.0.2 http
ip netns exec a nc -z 10.0.0.2 80
echo "exit $?"
ip netns exec a nc -z -v -n 10.0.0.2 78-81
echo "exit $?"
ip netns exec a nc -z -v -n 10.0.0.2 8079-8081 2>&1 | sort
ip netns exec a nc -z -n 10.0.0.2 1-10
kill %1 %2
wait
rm -r $t
