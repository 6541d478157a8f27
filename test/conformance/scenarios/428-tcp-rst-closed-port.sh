# A SYN to a port nobody listens on is answered by RST,ACK (seq 0, ack ISN+1, win 0); a SYN to a listener gets SYN-ACK (a filter on the SYN and RST flags keeps the capture to those); seen with tcpdump -nn on the server side.
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
ip netns exec b tcpdump -i eth0 -nn -t -c 2 tcp > $t/1 2>&1 &
/bin/sleep 0.5
ip netns exec a nc -z -v 10.0.0.2 81
wait
cat $t/1
timeout 5 ip netns exec b nc -l -k 80 > /dev/null &
ip netns exec b tcpdump -i eth0 -nn -t -c 2 'tcp[tcpflags] & (tcp-syn|tcp-rst) != 0' > $t/2 2>&1 &
/bin/sleep 0.5
ip netns exec a nc -z -v -n 10.0.0.2 80
/bin/sleep 0.3
kill %1
wait
cat $t/2
rm -r $t
