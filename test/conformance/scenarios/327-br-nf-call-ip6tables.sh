# Bridged IPv6 crosses ip6tables (FORWARD in/out: the bridge; physdev) only with bridge-nf-call-ip6tables=1
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
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
ip -n a addr add fd00::1/64 dev eth0 nodad
ip -n b addr add fd00::2/64 dev eth0 nodad
ip -n a link set eth0 up
ip -n b link set eth0 up
ip6tables -A FORWARD -i br0 -o br0 -s fd00::1 -p icmpv6 --icmpv6-type echo-request
ip6tables -A FORWARD -m physdev --physdev-in vb --physdev-out va -p icmpv6 --icmpv6-type echo-reply
iptables -A FORWARD -i br0
sysctl -w net.bridge.bridge-nf-call-ip6tables=0
ip netns exec a ping -6 -c 2 -i 0.2 fd00::2
ip6tables -L FORWARD -v -x -n
sysctl -w net.bridge.bridge-nf-call-ip6tables=1
ip netns exec a ping -6 -c 3 -i 0.2 fd00::2
ip6tables -L FORWARD -v -x -n
ip6tables -I FORWARD -m physdev --physdev-in va -p icmpv6 --icmpv6-type echo-request -j DROP
ip netns exec a ping -6 -c 1 -W 1 fd00::2
ip6tables -L FORWARD -v -x -n
ip6tables -S FORWARD
iptables -L FORWARD -v -x -n
