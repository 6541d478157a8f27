# tcpdump -v and -vv: the IPv4 header fields on their own line, ARP's hardware and protocol types; -x, -X and -XX dump an ARP exchange in hex.
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
ip netns exec a tcpdump -i eth0 -n -t -v -c 4 > $t/v 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -vv -c 4 > $t/vv 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -x -c 2 arp > $t/x 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -X -c 2 arp > $t/X 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -XX -c 2 arp > $t/XX 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 1 -s 8 -p 41 10.0.0.2 > /dev/null
wait
cat $t/v
cat $t/vv
cat $t/x
cat $t/X
cat $t/XX
rm -r $t
