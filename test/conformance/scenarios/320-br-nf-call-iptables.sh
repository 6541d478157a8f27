# Bridged IPv4 crosses iptables FORWARD (in and out: the bridge) only with bridge-nf-call-iptables=1
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
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
iptables -A FORWARD -s 10.0.0.1 -d 10.0.0.2
iptables -A FORWARD -i br0 -o br0 -d 10.0.0.1
iptables -A FORWARD -i va
iptables -A INPUT -s 10.0.0.0/24
sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
iptables -L -v -x -n
sysctl -w net.bridge.bridge-nf-call-iptables=1
sysctl net.bridge.bridge-nf-call-iptables
ip netns exec a ping -c 3 -i 0.2 10.0.0.2
iptables -L -v -x -n
ip netns exec b sysctl net.bridge.bridge-nf-call-iptables
sysctl -w net.bridge.bridge-nf-call-iptables=0
iptables -Z
ip netns exec a ping -c 1 10.0.0.2
iptables -L FORWARD -v -x -n
