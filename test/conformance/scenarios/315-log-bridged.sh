# LOG for bridged IPv4 (br_netfilter, bridge-nf-call-iptables=1): IN and OUT are the bridge,
# PHYSIN and PHYSOUT the ports; in INPUT only PHYSIN; the MAC header is the frame's.
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:10
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip link set va master br0
ip link set vb master br0
ip link set va up
ip link set vb up
ip link set br0 up
ip addr add 10.0.0.254/24 dev br0
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
sysctl -w net.bridge.bridge-nf-call-iptables=1
iptables -A FORWARD -p icmp -j LOG --log-prefix "fw-$t: "
iptables -A INPUT -p icmp -j LOG --log-prefix "in-$t: " --log-macdecode
iptables -A OUTPUT -p icmp -j LOG --log-prefix "out-$t: "
ip netns exec a ping -c 1 10.0.0.2
ip netns exec a ping -c 1 10.0.0.254
dmesg | grep -- "-$t" | sed "s/-$t//"
iptables -L -v -x -n | sed "s/$t/T/"
sysctl -w net.bridge.bridge-nf-call-iptables=0
