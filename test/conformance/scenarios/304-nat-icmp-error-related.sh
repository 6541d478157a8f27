# An ICMP error about a DNAT'ed connection is RELATED to it and translated back: a ping to
# the router's outside address, forwarded to a host that does not exist.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n c addr add 192.168.0.2/24 dev eth0
ip -n r addr add 192.168.0.1/24 dev rc
ip -n r addr add 10.0.0.1/24 dev rs
ip -n s addr add 10.0.0.2/24 dev eth0
for ns in c r s; do ip -n $ns link set lo up; done
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n s route add default via 10.0.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A PREROUTING -d 192.168.0.1 -p icmp -j DNAT --to-destination 10.9.9.9
ip netns exec r iptables -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW -j ACCEPT
ip netns exec c ping -c 1 -W 1 192.168.0.1
ip netns exec r iptables -L FORWARD -v -n -x
ip netns exec r conntrack -L
ip netns exec r iptables -t nat -D PREROUTING 1
ip netns exec r iptables -t nat -A PREROUTING -d 192.168.0.1 -p icmp -j DNAT --to-destination 10.0.0.2
ip netns exec c ping -c 1 -W 1 192.168.0.1
ip netns exec r conntrack -L -d 192.168.0.1
