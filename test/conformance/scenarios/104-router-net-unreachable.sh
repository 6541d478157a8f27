# ICMP errors from a router: no route (Network Unreachable), unreachable/prohibit routes,
# blackhole (silent), and a redirect. The pings are 2 s apart so that the ICMP rate limit
# does not apply (see 106).
ip netns add host
ip netns add gw
ip link add eth0 netns host type veth peer name down0 netns gw
ip -n host addr add 10.0.0.2/24 dev eth0
ip -n gw addr add 10.0.0.1/24 dev down0
ip -n host link set eth0 up
ip -n gw link set down0 up
ip -n host link set lo up
ip -n gw link set lo up
ip -n host route add default via 10.0.0.1
ip netns exec gw sysctl -qw net.ipv4.ip_forward=1
ip -n gw route add unreachable 172.16.1.0/24
ip -n gw route add prohibit 172.16.2.0/24
ip -n gw route add blackhole 172.16.3.0/24
sleep 3
ip netns exec host ping -c 1 -W 2 8.8.8.8
sleep 2
ip netns exec host ping -c 1 -W 2 172.16.1.1
sleep 2
ip netns exec host ping -c 1 -W 2 172.16.2.1
sleep 2
ip netns exec host ping -c 1 -W 2 172.16.3.1
sleep 2
ip -n gw route add 172.16.4.0/24 via 10.0.0.99
ip netns exec host ping -c 1 -W 5 172.16.4.1
