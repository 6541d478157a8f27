# ping6 between two namespaces, link-local and global: neighbour solicitation and advertisement, echo request and reply, as tcpdump prints them with -n, -v (the checksum, hop limit, ND options) and -e.
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.auto_flowlabels=0; done
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 3
nd='icmp6 and (icmp6[icmp6type] == icmp6-echo or icmp6[icmp6type] == icmp6-echoreply or icmp6[icmp6type] == icmp6-neighborsolicit or icmp6[icmp6type] == icmp6-neighboradvert)'
ip netns exec a tcpdump -i eth0 -n -t -c 8 "$nd" > $t/1 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -v -c 8 "$nd" > $t/2 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -e -c 3 "$nd and ip6 dst net 2001:db8::/64 or arp" > $t/3 2>&1 &
/bin/sleep 0.5
ip netns exec a ping6 -c 1 2001:db8::2 > /dev/null
ip netns exec a ping6 -c 1 fe80::ff:fe00:b01%eth0 > /dev/null
wait
cat $t/1
cat $t/2
cat $t/3
rm -r $t
