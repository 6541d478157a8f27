# Port states seen with bridge link and ip link as ports go up and down.
ip link add br0 type bridge
ip link add pa type veth peer name pa-peer
ip link add pb type veth peer name pb-peer
ip link set pa address 02:00:00:00:00:0a
ip link set pb address 02:00:00:00:00:0b
ip link set pa master br0
ip link set pb master br0
bridge link
ip link set br0 up
ip -br link show br0
bridge link
ip link set pa up
bridge link
ip -br link show br0
ip link set pa-peer up
sleep 3
bridge link
ip -br link show br0
ip link show br0
ip link set pb up
ip link set pb-peer up
sleep 3
bridge link
ip link set pa-peer down
bridge link
ip -br link show br0
ip link set br0 down
bridge link
ip -br link
