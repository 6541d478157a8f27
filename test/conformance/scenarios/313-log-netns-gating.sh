# A LOG rule in a namespace other than the initial one writes nothing to the kernel log
# unless net.netfilter.nf_log_all_netns is set, a setting only the initial namespace has;
# the rule still matches and counts. NFLOG never writes to the kernel log.
t=$RANDOM$RANDOM
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -j LOG --log-prefix "in-$t: "
ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-prefix "nflog-$t: "
ip netns exec b iptables -A OUTPUT -p icmp -j LOG --log-prefix "out-$t: " --log-level emerg
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
dmesg | grep -c -- "-$t"
ip netns exec b sysctl net.netfilter.nf_log_all_netns
ip netns exec b sysctl -e net.netfilter.nf_log_all_netns
ip netns exec b ls /proc/sys/net/netfilter/nf_log
ip netns exec b cat /proc/sys/net/netfilter/nf_log/2
ip netns exec b iptables -L -v -x -n | sed "s/$t/T/"
