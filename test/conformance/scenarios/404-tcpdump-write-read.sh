# tcpdump -w writes a pcap file (Ethernet, or LINUX_SLL2 for "any") that tcpdump -r reads back, with or without a filter, -c, -e and -q; the file's global header.
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
cd $t
ip netns exec a tcpdump -i eth0 -c 6 -w eth.pcap > w1 2>&1 &
ip netns exec a tcpdump -i any -c 6 -w any.pcap > w2 2>&1 &
ip netns exec a tcpdump -i eth0 -c 4 -s 60 -w short.pcap icmp > w3 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
wait
cat w1 w2 w3
wc -c < eth.pcap
od -A d -t x1 -N 24 eth.pcap
od -A d -t x1 -N 24 any.pcap
od -A d -t x1 -N 24 short.pcap
tcpdump -r eth.pcap -n -t
tcpdump -r eth.pcap -nn -t -e icmp
tcpdump -r eth.pcap -t -c 2 -q
tcpdump -r any.pcap -n -t
ip netns exec a tcpdump -r any.pcap -n -t -e not arp
tcpdump -r short.pcap -n -t -v
tcpdump -r eth.pcap -n -t -w copy.pcap arp
tcpdump -r copy.pcap -n -t
cd /
rm -r $t
