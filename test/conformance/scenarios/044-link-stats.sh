# Per-device counters after a known number of pings (IPv6 off so nothing else is sent).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns add peer
ip netns exec peer sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip netns exec peer sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1 netns peer
ip addr add 10.9.0.1/24 dev veth0
ip -n peer addr add 10.9.0.2/24 dev veth1
ip link set veth0 up
ip -n peer link set veth1 up
sleep 2
ip -s link show veth0
ping -c 3 -i 0.2 -q 10.9.0.2
ip -s link show veth0
ip -n peer -s link show veth1
ip -s -s link show veth0
ip -s -br link show veth0
ip -j -s link show veth0
cat /sys/class/net/veth0/statistics/tx_packets
cat /sys/class/net/veth0/statistics/rx_bytes
