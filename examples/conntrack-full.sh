# A router whose connection tracking table is full. nf_conntrack_max is a global limit that
# only the initial namespace may set; each namespace counts its own connections against it.
# With 4 allowed, the router forwards the first four pings (four connections: each ping has
# its own ICMP id) and drops the first packet of every new connection after them, since early
# drop finds nothing it may evict; packets of the connections it has still pass.
sysctl -qw net.netfilter.nf_conntrack_max=4 2>/dev/null
ip netns add client
ip netns add router
ip netns add server
ip link add eth0 netns client type veth peer name c0 netns router
ip link add eth0 netns server type veth peer name s0 netns router
ip -n client addr add 10.1.0.2/24 dev eth0
ip -n router addr add 10.1.0.1/24 dev c0
ip -n router addr add 10.2.0.1/24 dev s0
ip -n server addr add 10.2.0.2/24 dev eth0
ip -n client link set eth0 up
ip -n server link set eth0 up
ip -n router link set c0 up
ip -n router link set s0 up
ip -n client route add default via 10.1.0.1
ip -n server route add default via 10.2.0.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec router iptables -P FORWARD DROP
ip netns exec router sysctl net.netfilter.nf_conntrack_max
for i in 1 2 3 4 5 6; do
	ip netns exec client ping -c 1 -W 1 10.2.0.2 | grep -E 'transmitted|bytes from'
done
ip netns exec router sysctl net.netfilter.nf_conntrack_count
ip netns exec router conntrack -L 2>&1 | sort
ip netns exec router iptables -L FORWARD -v -n -x
