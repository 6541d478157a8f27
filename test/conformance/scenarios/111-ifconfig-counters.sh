# ifconfig RX/TX counters after a known number of pings (IPv6 off so nothing else is sent).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns add peer
ip netns exec peer sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip netns exec peer sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1 netns peer
ip link set veth0 address 02:00:00:00:00:01
ip -n peer link set veth1 address 02:00:00:00:00:02
ip addr add 10.9.0.1/24 dev veth0
ip -n peer addr add 10.9.0.2/24 dev veth1
ip link set veth0 up
ip -n peer link set veth1 up
sleep 2
ping -c 5 -i 0.2 -q 10.9.0.2
ping -c 1 -s 1400 -q 10.9.0.2
ifconfig veth0
ip netns exec peer ifconfig veth1
ip link set lo up
ping -c 2 -i 0.2 -q 127.0.0.1
ifconfig lo
