# nc -l -k keeps listening after a client leaves and serves the next one; without -k the listener exits after its first connection and a second client is refused.
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
timeout 5 ip netns exec b nc -l -k 80 > $t/1 &
/bin/sleep 0.3
echo first | ip netns exec a nc -N 10.0.0.2 80
echo second | ip netns exec a nc -N 10.0.0.2 80
echo third | ip netns exec a nc -N 10.0.0.2 80
/bin/sleep 0.3
ip netns exec b ss -t -l -n
kill %1
wait
cat $t/1
timeout 5 ip netns exec b nc -l 81 > $t/2 &
/bin/sleep 0.3
echo first | ip netns exec a nc -N 10.0.0.2 81
wait
echo second | ip netns exec a nc -N -v 10.0.0.2 81
cat $t/2
rm -r $t
