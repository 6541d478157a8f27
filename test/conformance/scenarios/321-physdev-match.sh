# physdev: the bridge ports of bridged IPv4 in FORWARD, INPUT and POSTROUTING; DROP of bridged traffic
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
ip link set br0 up
ip addr add 10.0.0.254/24 dev br0
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n c addr add 10.0.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
iptables -A FORWARD -m physdev --physdev-in va --physdev-out vb
iptables -A FORWARD -m physdev --physdev-in vb --physdev-out va
iptables -A FORWARD -m physdev --physdev-is-bridged --physdev-out v+
iptables -A FORWARD -m physdev ! --physdev-is-bridged
iptables -A FORWARD -m physdev --physdev-in vc -j DROP
iptables -A INPUT -m physdev --physdev-in va --physdev-is-in
iptables -A INPUT -m physdev --physdev-is-bridged
iptables -A INPUT -m physdev ! --physdev-is-in -s 10.0.0.0/24
iptables -t mangle -A FORWARD -m physdev --physdev-is-out --physdev-out vb -j MARK --set-mark 7
iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged -d 10.0.0.2
iptables -t mangle -A PREROUTING -i br0 -m physdev --physdev-in vc
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
ip netns exec a ping -c 1 10.0.0.254
ip netns exec c ping -c 1 -W 1 10.0.0.1
ip netns exec c ping -c 1 10.0.0.254
iptables -L -v -x -n
iptables -t mangle -L -v -x -n
iptables -S FORWARD
iptables -t mangle -S
