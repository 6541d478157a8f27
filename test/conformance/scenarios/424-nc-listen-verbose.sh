# A listener with -v -n says where it listens and who connected ('Listening on', 'Connection received on'); -s binds the listener or a client to one address, -p picks a client's source port; a listener on 127.0.0.1 while lo is down, a port a socket without SO_REUSEPORT holds, and an address not on the host are errors.
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
ip -n a addr add 10.0.0.3/24 dev eth0
timeout 5 ip netns exec b nc -l -v -n 80 > $t/1 2>&1 &
/bin/sleep 0.3
echo hi | ip netns exec a nc -N 10.0.0.2 80
wait
cat $t/1
timeout 5 ip netns exec b nc -l -v -n -s 10.0.0.2 -p 81 > $t/2 2>&1 &
/bin/sleep 0.3
echo hi | ip netns exec a nc -N -s 10.0.0.3 -p 5555 10.0.0.2 81
wait
cat $t/2
timeout 5 ip netns exec b nc -l -v -n 127.0.0.1 82 > $t/3 2>&1 &
/bin/sleep 0.3
ip netns exec a nc -z -v 10.0.0.2 82
kill %1
wait
cat $t/3
timeout 5 ip netns exec b socat TCP-LISTEN:83 - > /dev/null &
/bin/sleep 0.3
ip netns exec b nc -l -n 83
ip netns exec b nc -l -n -s 10.0.0.9 84
ip netns exec a nc -z -s 10.0.0.9 10.0.0.2 83
ip netns exec a nc -z -v -n 10.0.0.2 83
wait
rm -r $t
