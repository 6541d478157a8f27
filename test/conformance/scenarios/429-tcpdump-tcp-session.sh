# tcpdump -nn of a whole nc session: the three-way handshake with its options (mss, sackOK, TS, wscale), the data segment and its ACK, the client's FIN after -N and the server's FIN, and the last ACK; -q shortens the lines; the capture on the other side sees the same packets.
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
timeout 5 ip netns exec b nc -l 80 > $t/data < /dev/null &
ip netns exec a tcpdump -i eth0 -nn -t -c 8 tcp > $t/1 2>&1 &
ip netns exec b tcpdump -i eth0 -nn -t -q -c 8 tcp > $t/2 2>&1 &
/bin/sleep 0.5
( echo hello; /bin/sleep 0.3 ) | ip netns exec a nc -N 10.0.0.2 80
wait
cat $t/data
cat $t/1
cat $t/2
rm -r $t
