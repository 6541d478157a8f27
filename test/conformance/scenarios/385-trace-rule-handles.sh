# Rule handles as iptables-nft gets them from nf_tables: one counter per table for chains and rules, built-in chains created when first written, -R keeps a handle, -I takes a new one, iptables-restore starts the table again.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
# (The trace ids are left out: the kernel may give the same one to the pings of different runs, see trace_fill_id().)
t=$(mktemp)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t raw -A PREROUTING -p icmp -j TRACE
ip netns exec b iptables -N web
ip netns exec b iptables -A web -p tcp --dport 80 -j ACCEPT
ip netns exec b iptables -P FORWARD DROP
ip netns exec b iptables -A INPUT -p tcp -j web
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec b iptables -R INPUT 2 -p icmp -j ACCEPT
ip netns exec b iptables -I INPUT -s 10.9.9.9 -j DROP
ip netns exec b iptables -N gone
ip netns exec b iptables -X gone
ip netns exec b iptables -I INPUT 3 -s 10.0.0.1,10.0.0.3 -p icmp -j ACCEPT
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
grep TRACE: $t | cut -d" " -f5-
ip netns exec b iptables-save -t filter > ${t}.rules
ip netns exec b iptables -F
ip netns exec b iptables -X
ip netns exec b iptables -A INPUT -p icmp -j ACCEPT
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
grep TRACE: $t | cut -d" " -f5-
ip netns exec b iptables-restore < ${t}.rules
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
grep TRACE: $t | cut -d" " -f5-
rm -f $t ${t}.rules
