# tcpdump -i any on a router: the cooked (LINUX_SLL2) lines name the interface and the direction of each packet, In, Out or B(roadcast); -e shows the cooked header; a capture on one port of the router sees its half.
t=$(mktemp -d)
ip netns add left
ip netns add router
ip netns add right
ip link add eth0 netns left type veth peer name l0 netns router
ip link add eth0 netns right type veth peer name r0 netns router
ip -n left link set eth0 address 02:00:00:00:01:02
ip -n router link set l0 address 02:00:00:00:01:01
ip -n router link set r0 address 02:00:00:00:02:01
ip -n right link set eth0 address 02:00:00:00:02:02
for n in left router right; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n left addr add 10.1.0.2/24 dev eth0
ip -n router addr add 10.1.0.1/24 dev l0
ip -n router addr add 10.2.0.1/24 dev r0
ip -n right addr add 10.2.0.2/24 dev eth0
ip -n left link set eth0 up
ip -n right link set eth0 up
ip -n router link set l0 up
ip -n router link set r0 up
ip -n left route add default via 10.1.0.1
ip -n right route add default via 10.2.0.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router tcpdump -i any -n -t -c 8 > $t/any 2>&1 &
ip netns exec router tcpdump -i any -nn -t -e -c 8 > $t/anye 2>&1 &
ip netns exec router tcpdump -i r0 -n -t -c 4 > $t/r0 2>&1 &
ip netns exec router tcpdump -i any -n -t -c 2 icmp and outbound > $t/out 2>&1 &
/bin/sleep 0.5
ip netns exec left ping -c 1 10.2.0.2 > /dev/null
wait
cat $t/any
cat $t/anye
cat $t/r0
cat $t/out
rm -r $t
