# A capture without -c runs until signalled: SIGINT and SIGTERM both end it with its counts (an empty line first on stdout, unless it was writing a file), exit status 0; --count prints only the number.
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
ip netns exec a tcpdump -i eth0 -n -t > $t/1 2>&1 &
p1=$!
ip netns exec b tcpdump -i eth0 -n -t icmp > $t/2 2>&1 &
p2=$!
ip netns exec b tcpdump -i eth0 -w $t/x.pcap > $t/3 2>&1 &
p3=$!
ip netns exec b tcpdump -i eth0 -n --count > $t/4 2>&1 &
p4=$!
ip netns exec b tcpdump -i eth0 -n -t udp > $t/5 2>&1 &
p5=$!
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 2
kill -INT $p1
kill $p2
kill -INT $p3
kill $p4
kill -INT $p5
wait $p1
echo "exit $?"
wait $p2
echo "exit $?"
wait $p3
echo "exit $?"
wait $p4
echo "exit $?"
wait $p5
echo "exit $?"
for i in 1 2 3 4 5; do echo "== $i"; cat $t/$i; done
rm -r $t
