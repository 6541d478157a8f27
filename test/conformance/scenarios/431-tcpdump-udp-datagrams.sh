# UDP datagrams both ways between nc -u peers as tcpdump -nn prints them (ports, UDP, length), and -nn -v adds the IP header and the UDP checksum.
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
echo pong | timeout 5 ip netns exec b nc -u -l -W 2 5000 > $t/data &
ip netns exec a tcpdump -i eth0 -nn -t -c 3 udp > $t/1 2>&1 &
ip netns exec b tcpdump -i eth0 -nn -t -v -c 3 udp > $t/2 2>&1 &
/bin/sleep 0.5
( echo ping; /bin/sleep 0.3; echo ping2; /bin/sleep 0.3 ) | ip netns exec a nc -u -w 1 -p 4000 10.0.0.2 5000
wait
cat $t/data
cat $t/1
cat $t/2
rm -r $t
