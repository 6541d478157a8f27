# Error cases around bridges and their ports.
ip link add br0 type bridge
ip link add br1 type bridge
ip link add v0 type veth peer name v1
ip link set v0 master nosuch
ip link set nosuch master br0
ip link set lo master br0
ip link set br1 master br0
ip link set br0 master br0
ip link set v0 master v1
ip link set v0 master br0
ip link set v0 master br0
ip link set v0 master br1
bridge link show
ip link add br0 type bridge
ip link set br0 type bridge forward_delay 1
ip link set br0 type bridge stp_state 1 forward_delay 1
ip link set br0 type bridge nosuchopt 1
ip link set v1 type bridge_slave cost 50
ip link set v0 type bridge_slave cost 50 priority 7
bridge link show dev v0
ip -d link show v0 | grep -o 'priority [0-9]* cost [0-9]*'
ip link del br0
ip link show v0
bridge link show
