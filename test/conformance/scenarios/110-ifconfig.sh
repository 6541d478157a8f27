# net-tools ifconfig: listing, one interface, -a, -s, and setting things with it.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ifconfig
ifconfig -a
ifconfig veth0
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
ip link set lo up
ip addr add 10.0.0.2/24 dev veth0 label veth0:1
sleep 3
ifconfig
ifconfig veth0
ifconfig veth0:1
ifconfig -s
ifconfig veth1 10.0.5.1 netmask 255.255.255.0 up
ip -4 addr show dev veth1
ifconfig veth1 mtu 1400
ip link show veth1
ifconfig veth1 down
ip link show veth1
ifconfig nosuch
