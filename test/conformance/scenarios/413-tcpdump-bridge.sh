# Captures around a bridge: on a port (each frame once), with -i any (a broadcast seen on the ingress port, the egress port and the bridge itself), and on the bridge with -p (only what the bridge passes up to the host).
t=$(mktemp -d)
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link add pa address 02:00:00:00:00:0a type veth peer name eth0 netns a
ip link add pb address 02:00:00:00:00:0b type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
ip link set pa master br0
ip link set pb master br0
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip addr add 10.0.0.254/24 dev br0
ip link set br0 up
ip link set pa up
ip link set pb up
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 3
tcpdump -i pa -n -t -e -c 6 > $t/pa 2>&1 &
tcpdump -i any -n -t -c 13 > $t/any 2>&1 &
tcpdump -i br0 -p -n -t -c 1 > $t/br0 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
wait
cat $t/pa
cat $t/any
cat $t/br0
rm -r $t
