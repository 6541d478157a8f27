# A bridge with veth ports: master / nomaster, ip link show master, bridge link.
ip link add br0 type bridge
ip link show br0
ip link add p1 type veth peer name p1b
ip link add p2 type veth peer name p2b
ip link set p1 address 02:00:00:00:01:01
ip link set p2 address 02:00:00:00:01:02
ip link set p1 master br0
ip link set dev p2 master br0
ip link show master br0
bridge link
bridge link show
ip link set br0 up
ip link set p1 up
ip link set p1b up
sleep 3
bridge link
ip -br link
ip link show br0
ip link set p2 nomaster
bridge link show
ip link show master br0
ip -br link show type bridge
ip -br link show type bridge_slave
