# tcpdump -i eth0 in the background sees the ARP exchange and the pings between two namespaces, stops after -c packets and reports its counts; -e adds the link-level header.
# (/bin/sleep waits in wall time, so that the captures started in the background are listening on netsim too.)
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
ip netns exec a tcpdump -i eth0 -n -t -c 6 > $t/a 2>&1 &
ip netns exec b tcpdump -i eth0 -nn -t -e -c 6 > $t/b 2>&1 &
ip netns exec b tcpdump -i eth0 -t -c 2 arp > $t/c 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
wait
cat $t/a
cat $t/b
cat $t/c
rm -r $t
