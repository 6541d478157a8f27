# Captures on lo see each looped packet once (libpcap drops the outgoing copy, the kernel counts both); -Q in / -Q out keep one direction; "ip broadcast" is 0.0.0.0 or 255.255.255.255 (tcpdump looks no netmask up without -f).
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a tcpdump -i lo -n -t -c 4 > $t/1 2>&1 &
ip netns exec a tcpdump -i any -n -t -c 4 icmp and host 127.0.0.1 > $t/2 2>&1 &
ip netns exec a tcpdump -i eth0 -n -t -Q in -c 2 > $t/3 2>&1 &
ip netns exec a tcpdump -i eth0 -n -t -Q out -c 2 > $t/4 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 1 ip broadcast or arp > $t/5 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 2 -i 0.2 127.0.0.1 > /dev/null
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
wait
for i in 1 2 3 4 5; do cat $t/$i; done
rm -r $t
