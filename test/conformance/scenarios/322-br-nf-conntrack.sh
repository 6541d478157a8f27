# Connection tracking of bridged flows: conntrack -L in the bridge's namespace, ctstate in FORWARD
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:10
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link set va master br0
ip link set vb master br0
ip link set va up
ip link set vb up
ip link set br0 up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
iptables -A FORWARD -m conntrack --ctstate NEW -m physdev --physdev-in va
iptables -A FORWARD -m conntrack --ctstate ESTABLISHED
iptables -A FORWARD -m conntrack --ctstate NEW -s 10.0.0.2 -p icmp -j DROP
ip netns exec a ping -c 3 -i 0.2 10.0.0.2
ip netns exec b ping -c 1 -W 1 10.0.0.1
conntrack -L -p icmp 2>&1 | sort
conntrack -L -p icmp -s 10.0.0.1
ip netns exec a conntrack -L
iptables -L FORWARD -v -x -n
sysctl -w net.bridge.bridge-nf-call-iptables=0
conntrack -F
ip netns exec b ping -c 1 10.0.0.1
conntrack -L -p icmp
iptables -L FORWARD -v -x -n
