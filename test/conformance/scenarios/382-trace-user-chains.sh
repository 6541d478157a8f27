# Traced jumps: JUMP into a user chain that matches nothing (no event at its end), an explicit RETURN (printed as the raw verdict code), and a GOTO whose chain accepts.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
t=$(mktemp)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t raw -A PREROUTING -s 10.0.0.1 -j TRACE
ip netns exec b iptables -N quiet
ip netns exec b iptables -A quiet -p tcp -j DROP
ip netns exec b iptables -N back
ip netns exec b iptables -A back -p icmp -j LOG --log-prefix "back: "
ip netns exec b iptables -A back -j RETURN
ip netns exec b iptables -A back -j DROP
ip netns exec b iptables -N allow
ip netns exec b iptables -A allow -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec b iptables -A INPUT -j quiet
ip netns exec b iptables -A INPUT -j back
ip netns exec b iptables -A INPUT -p icmp -g allow
ip netns exec b iptables -A INPUT -j DROP
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
ip netns exec b iptables -L INPUT -v -n -x
