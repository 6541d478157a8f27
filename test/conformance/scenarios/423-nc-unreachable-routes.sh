# Connecting where the routing table says no: no route (Network is unreachable), blackhole (Invalid argument), unreachable (No route to host), prohibit (Permission denied), throw; for TCP and UDP, with nc -z -v and plain nc.
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
ip -n a route add blackhole 10.1.0.0/24
ip -n a route add unreachable 10.2.0.0/24
ip -n a route add prohibit 10.3.0.0/24
ip -n a route add throw 10.4.0.0/24
ip netns exec a nc -z -v 10.9.0.2 80
ip netns exec a nc -z -v 10.1.0.1 80
ip netns exec a nc -z -v 10.2.0.1 80
ip netns exec a nc -z -v 10.3.0.1 80
ip netns exec a nc -z -v 10.4.0.1 80
ip netns exec a nc -u -z -v 10.9.0.2 53
ip netns exec a nc -u -z -v 10.1.0.1 53
ip netns exec a nc -u -z -v 10.2.0.1 53
ip netns exec a nc -u -z -v 10.3.0.1 53
echo hi | ip netns exec a nc -N 10.2.0.1 80
echo hi | ip netns exec a nc -u -w 1 10.3.0.1 53
ip -n a link set eth0 down
ip netns exec a nc -z -v 10.0.0.2 80
ip netns exec a nc -z -v 127.0.0.1 80
rm -r $t
