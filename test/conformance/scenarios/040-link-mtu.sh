# MTU changes and their limits on veth and bridge devices.
ip link add v0 type veth peer name v1
ip link set v0 mtu 9000
ip link show v0
cat /sys/class/net/v0/mtu
ip link set v0 mtu 68
ip link set v0 mtu 67
ip link set v0 mtu 65535
ip link set v0 mtu 65536
ip link set v0 mtu 0
ip link set v0 mtu -1
ip link set v0 mtu abc
ip link set v0 mtu
ip link set dev v0 mtu 1500
ip link add br0 type bridge
ip link set br0 mtu 70000
ip link set br0 mtu 67
ip link add v2 mtu 1400 type veth peer name v3 mtu 1300
ip -o link show v2
ip -o link show v3
ip link add v4 type veth peer name v5
ip link set v4 up
ip link set v5 up
ip link set v4 mtu 2000
ip -br link show v4
ip -j link show v4
