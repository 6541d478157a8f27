# A bridge's MTU follows its ports unless set by hand.
ip link add br0 type bridge
ip link show br0
ip link add v0 type veth peer name v0p
ip link add v1 type veth peer name v1p
ip link set v0 address 02:00:00:00:00:10
ip link set v1 address 02:00:00:00:00:20
ip link set v0 mtu 9000
ip link set v0 master br0
ip link show br0
ip link set v1 mtu 1400
ip link set v1 master br0
ip link show br0
ip link set v1 nomaster
ip link show br0
ip link set br0 mtu 1280
ip link show br0
ip link set v1 master br0
ip -br link
ip -o link | awk '{print $2, $4, $5}'
