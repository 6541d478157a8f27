# ICMP errors from a router are rate limited per source (ip_error + icmp_ratelimit):
# a quick burst of pings to an unroutable destination gets only the first errors.
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
sleep 3
for i in 1 2 3 4; do ip netns exec host ping -c 1 -W 1 198.18.0.$i; done
sleep 3
ip netns exec host ping -c 1 -W 1 198.18.1.1
ip netns exec gw sysctl net.ipv4.icmp_ratelimit net.ipv4.icmp_ratemask
