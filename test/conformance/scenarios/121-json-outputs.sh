# JSON output of link, addr, route, rule, neigh, and pretty printing.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
sysctl -qw net.ipv6.conf.veth0.disable_ipv6=1
sysctl -qw net.ipv6.conf.veth1.disable_ipv6=1
ip link set veth0 up
ip link set veth1 up
ip addr add 192.0.2.1/24 dev veth0
sleep 3
ip route add 198.51.100.0/24 via 192.0.2.254 metric 7 proto static
ip route add blackhole 203.0.113.0/24
ip rule add from 192.0.2.0/24 table 10 pref 100
ip neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev veth0
ip -j link show veth0
ip -j -p link show veth0
ip -j addr show veth0
ip -j route
ip -j -p route show table local
ip -j rule show pref 100
ip -j neigh show dev veth0
ip -j -d link show veth0
ip -j -s link show veth1
ip -j -br addr
ip -j -o link show lo
ip -j route show table 99
ip -j link show nosuch
ip -json -pretty rule list table main
bridge -j link
ip -c -j link show lo
