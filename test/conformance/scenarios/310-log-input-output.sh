# The LOG target's kernel log lines for pings: INPUT with the default level (warning),
# OUTPUT at other levels, --log-uid on the sender, what dmesg -x and -l show of them.
# The kernel log is the machine's: this run's lines carry a mark, $t, and only they are read.
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -j LOG --log-prefix "in-$t: "
ip netns exec b iptables -A OUTPUT -j LOG --log-prefix "out-$t: " --log-level info --log-uid
ip netns exec a iptables -A OUTPUT -j LOG --log-prefix "a-$t " --log-level debug --log-uid
ip netns exec a iptables -A INPUT -j LOG --log-prefix "a-$t " --log-level 1
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
dmesg | grep -- "-$t" | sed "s/-$t//"
dmesg -x | grep -- "-$t" | sed "s/-$t//"
dmesg -t --level=info,alert | grep -- "-$t" | sed "s/-$t//"
dmesg -k -l warn -t | grep -c -- "-$t"
dmesg -u | grep -c -- "-$t"
ip netns exec b iptables -L -v -x -n | sed "s/$t/T/"
ip netns exec a iptables -S | sed "s/$t/T/"
