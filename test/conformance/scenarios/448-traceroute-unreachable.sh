# traceroute to a network the first router has no route for (!N after its address), to a host a router rejects (!X, !H), with -m 1, and its argument errors. Each router answers the probes it rejects with ICMP errors, rate limited per destination (a burst of 6, then one a second): the sleeps refill that bucket.
set -o pipefail
ip netns add a
ip netns add r1
ip netns add r2
ip netns add b
ip link add eth0 netns a type veth peer name e1 netns r1
ip link add e2 netns r1 type veth peer name e1 netns r2
ip link add e2 netns r2 type veth peer name eth0 netns b
for n in a r1 r2 b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.1.0.2/24 dev eth0
ip -n r1 addr add 10.1.0.1/24 dev e1
ip -n r1 addr add 10.2.0.1/24 dev e2
ip -n r2 addr add 10.2.0.2/24 dev e1
ip -n r2 addr add 10.3.0.1/24 dev e2
ip -n b addr add 10.3.0.2/24 dev eth0
for l in a:eth0 r1:e1 r1:e2 r2:e1 r2:e2 b:eth0; do ip -n ${l%:*} link set ${l#*:} up; done
ip -n a route add default via 10.1.0.1
ip -n r1 route add 10.3.0.0/24 via 10.2.0.2
ip -n r2 route add default via 10.2.0.1
ip -n b route add default via 10.3.0.1
ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1
ip netns exec a traceroute -n -q 1 -w 1 10.9.0.2 2>&1 | sed -E 's/  [0-9.]+ ms//g'
ip netns exec r2 iptables -A FORWARD -d 10.3.0.2 -p udp -j REJECT --reject-with icmp-admin-prohibited
sleep 6
ip netns exec a traceroute -n -q 1 -w 1 10.3.0.2 2>&1 | sed -E 's/  [0-9.]+ ms//g'
ip netns exec r2 iptables -R FORWARD 1 -d 10.3.0.2 -p udp -j REJECT --reject-with icmp-host-unreachable
sleep 6
ip netns exec a traceroute -n -q 1 -w 1 10.3.0.2 2>&1 | sed -E 's/  [0-9.]+ ms//g'
sleep 1
ip netns exec a traceroute -n -q 1 -w 1 -m 1 10.3.0.2 2>&1 | sed -E 's/  [0-9.]+ ms//g'
traceroute
traceroute -q 0 10.3.0.2
traceroute -m 0 10.3.0.2
traceroute -n 10.3.0.2 70000
traceroute --nosuch 10.3.0.2
