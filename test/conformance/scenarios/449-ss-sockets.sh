# ss -t/-u with -l, -a and -n for a TCP listener, a UDP socket, an established connection on both ends and the TIME-WAIT it leaves; state filters and port filters; -H drops the header.
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
timeout 5 ip netns exec b nc -l 80 > /dev/null < /dev/null &
timeout 5 ip netns exec b nc -u -l 53 > /dev/null &
p=$!
/bin/sleep 0.3
ip netns exec b ss -t -l -n
ip netns exec b ss -u -l -n
ip netns exec b ss -t -u -l -n
ip netns exec b ss -t -a -n
ip netns exec b ss -l -n -t sport = :80
ip netns exec a ss -t -a -n
( echo hi; /bin/sleep 1 ) | ip netns exec a nc -N 10.0.0.2 80 &
c=$!
/bin/sleep 0.5
ip netns exec a ss -t -n
ip netns exec b ss -t -n
ip netns exec b ss -t -a -n
ip netns exec a ss -t -n state established
ip netns exec a ss -t -n -H dport = :80
ip netns exec a ss -t -a -n state listening
wait $c
ip netns exec a ss -t -a -n
ip netns exec a ss -t -n state time-wait
ip netns exec b ss -t -a -n
kill $p
wait
ip netns exec b ss -u -a -n
rm -r $t
