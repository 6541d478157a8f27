# A UDP datagram to a closed port draws an ICMP port unreachable quoting it (tcpdump -nn); nc -u then learns ECONNREFUSED on its connected socket and exits 1 at its next read or write.
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
ip netns exec a tcpdump -i eth0 -nn -t -c 2 udp or icmp > $t/1 2>&1 &
/bin/sleep 0.5
echo hi | ip netns exec a nc -u -w 1 10.0.0.2 53
wait
cat $t/1
( echo one; /bin/sleep 0.5; echo two ) | ip netns exec a nc -u -v -w 1 10.0.0.2 53
ip netns exec b tcpdump -i eth0 -nn -t -v -c 2 udp or icmp > $t/2 2>&1 &
/bin/sleep 0.5
echo hi | ip netns exec a nc -u -w 1 -p 4000 10.0.0.2 54
wait
cat $t/2
rm -r $t
