# net.bridge.bridge-nf-*: per-namespace values, any non-zero write reads back 1, bad values; the bridge's own nf_call_iptables
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
sysctl -w net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-arptables=1 net.bridge.bridge-nf-call-ip6tables=1
sysctl -w net.bridge.bridge-nf-filter-vlan-tagged=0 net.bridge.bridge-nf-filter-pppoe-tagged=0 net.bridge.bridge-nf-pass-vlan-input-dev=0
sysctl net.bridge
ip netns add a
ip netns exec a sysctl net.bridge
sysctl -w net.bridge.bridge-nf-call-iptables=5
sysctl net.bridge.bridge-nf-call-iptables
sysctl -w net.bridge.bridge-nf-call-iptables=-1
sysctl -n net.bridge.bridge-nf-call-iptables
sysctl -w net.bridge.bridge-nf-call-iptables=0x10
sysctl -n net.bridge.bridge-nf-call-iptables
sysctl -w net.bridge.bridge-nf-call-iptables=0
sysctl -w net.bridge.bridge-nf-call-iptables=abc
sysctl -w net.bridge.bridge-nf-call-iptables=
sysctl -w "net.bridge.bridge-nf-filter-vlan-tagged=7 8"
sysctl net.bridge
ip netns exec a sysctl -n net.bridge.bridge-nf-call-iptables
ip netns exec a sysctl -w net.bridge.bridge-nf-call-iptables=0
sysctl -n net.bridge.bridge-nf-call-iptables
ip netns add b
ip netns exec b sysctl -n net.bridge.bridge-nf-call-iptables
sysctl net.bridge.bridge-nf-call-iptabl
cat /proc/sys/net/bridge/bridge-nf-call-iptables
ls /proc/sys/net/bridge
ip netns add c
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:10
ip link add vb type veth peer name eth0 netns b
ip link add vc type veth peer name eth0 netns c
ip link set vb master br0
ip link set vc master br0
ip link set vb up
ip link set vc up
ip link set br0 up
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n c addr add 10.0.0.3/24 dev eth0
ip -n b link set eth0 up
ip -n c link set eth0 up
iptables -A FORWARD -s 10.0.0.2
ip netns exec b ping -c 1 10.0.0.3
iptables -L FORWARD -v -x -n
ip link set br0 type bridge nf_call_iptables 1
ip -d link show br0 | grep -o 'nf_call_iptables [01]'
ip netns exec b ping -c 1 10.0.0.3
iptables -L FORWARD -v -x -n
