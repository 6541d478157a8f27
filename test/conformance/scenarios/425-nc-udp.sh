# nc -u: the listener binds to the first sender and prints its datagrams, -W 1 stops after one; a client sends each line it reads as one datagram; -u -z -v reports success when no port unreachable comes back, and fails silently (exit 1) when one does.
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
timeout 5 ip netns exec b nc -u -l -W 1 5000 > $t/1 &
/bin/sleep 0.3
echo datagram | ip netns exec a nc -u -w 1 10.0.0.2 5000
echo "client exit $?"
wait
cat $t/1
timeout 5 ip netns exec b nc -u -l -v -n -W 2 5001 > $t/2 2>&1 &
/bin/sleep 0.3
( echo one; /bin/sleep 0.2; echo two ) | ip netns exec a nc -u -w 1 -p 6000 10.0.0.2 5001
wait
cat $t/2
echo answer | timeout 5 ip netns exec b nc -u -l -W 1 5002 > $t/3 &
/bin/sleep 0.3
( echo question; /bin/sleep 0.5 ) | ip netns exec a nc -u -w 1 10.0.0.2 5002
wait
cat $t/3
ip netns exec a nc -u -z -v 10.0.0.2 5003
timeout 5 ip netns exec b nc -u -l 5003 > /dev/null &
/bin/sleep 0.3
ip netns exec a nc -u -z -v 10.0.0.2 5003
ip netns exec a nc -u -z -v -n 10.0.0.2 5003
wait
rm -r $t
