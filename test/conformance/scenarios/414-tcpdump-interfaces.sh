# tcpdump -D lists the namespace's interfaces with libpcap's pseudo-devices, best candidates first (up and running, then "any", loopback, down and disconnected ones); without -i tcpdump captures on the first; -i N picks the Nth.
t=$(mktemp -d)
ip netns add a
ip netns add b
ip netns exec a tcpdump -D
ip netns exec a tcpdump -i 99 -c 1
ip link add veth0 netns a type veth peer name veth1 netns a
ip netns exec a tcpdump -D
ip -n a link set veth0 up
ip -n a link set lo up
ip netns exec a tcpdump -D
ip -n a link set veth1 up
ip netns exec a tcpdump -D
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b tcpdump -D
ip netns exec b tcpdump -n -t -c 4 > $t/1 2>&1 &
ip netns exec b tcpdump -i 2 -n -t -c 4 > $t/2 2>&1 &
ip netns exec b tcpdump -i 1 -n -t -c 4 > $t/3 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
wait
cat $t/1 $t/2 $t/3
rm -r $t
