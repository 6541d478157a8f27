# DNAT of bridged traffic: to the bridge's own address (routed up the stack) and to another port's host
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns add a
ip netns add b
ip netns add c
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:10
for n in a b c; do
  ip link add v$n type veth peer name eth0 netns $n
  ip link set v$n master br0
  ip link set v$n up
done
ip -n b link set eth0 address 02:00:00:00:00:02
ip link set br0 up
ip addr add 10.0.0.254/24 dev br0
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n c addr add 10.0.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip netns exec b ping -c 1 10.0.0.1
ip -n a neigh replace 10.0.0.98 lladdr 02:00:00:00:00:02 dev eth0
ip -n a neigh replace 10.0.0.99 lladdr 02:00:00:00:00:02 dev eth0
iptables -t nat -A PREROUTING -d 10.0.0.98 -j DNAT --to-destination 10.0.0.254
iptables -t nat -A PREROUTING -d 10.0.0.99 -j DNAT --to-destination 10.0.0.3
iptables -A INPUT -d 10.0.0.254 -m physdev --physdev-in va
iptables -A FORWARD -m physdev --physdev-in va --physdev-out vc
ip netns exec a ping -c 2 -i 0.2 10.0.0.98
ip netns exec a ping -c 1 -W 1 10.0.0.99
sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 2 -i 0.2 10.0.0.99
conntrack -L -p icmp 2>&1 | sort
iptables -L -v -x -n
iptables -t nat -L PREROUTING -v -x -n
