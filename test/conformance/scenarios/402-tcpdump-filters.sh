# Capture filters on live captures: protocols, hosts with direction qualifiers, ethernet addresses, lengths, byte offsets and named ICMP types; each capture stops at the number of packets its filter lets through.
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
ip netns exec b tcpdump -i eth0 -n -t -c 4 icmp > $t/1 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 2 arp > $t/2 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 4 not arp > $t/3 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 2 'icmp[icmptype] == icmp-echo' > $t/4 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 3 ether src 02:00:00:00:0a:01 > $t/5 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 3 dst host 10.0.0.1 > $t/6 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 2 less 60 > $t/7 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 2 'src 10.0.0.2 and ip[8] = 64 and icmp' > $t/8 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 1 'arp[7] = 2 || icmp[icmptype] = icmp-unreach' > $t/9 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 6 host 10.0.0.1 or 10.0.0.9 > $t/10 2>&1 &
ip netns exec b tcpdump -i eth0 -n -t -c 2 net 10.0.0.0/24 and ether broadcast or icmp and ip[2:2] = 84 and ip[6] \& 0x40 != 0 > $t/11 2>&1 &
/bin/sleep 0.5
ip netns exec a ping -c 2 -i 0.2 10.0.0.2 > /dev/null
wait
for i in 1 2 3 4 5 6 7 8 9 10 11; do cat $t/$i; done
rm -r $t
