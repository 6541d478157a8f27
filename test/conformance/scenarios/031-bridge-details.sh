# ip -d link show of a bridge and of a bridge port (bridge down, so no timer runs).
ip link add br0 type bridge
ip link add veth0 type veth peer name veth1
ip link set veth0 master br0
ip -d link show br0
ip -d link show veth0
ip link add br1 type bridge stp_state 1 forward_delay 400 hello_time 300 max_age 1000 priority 100
ip -d link show br1
ip -d -j -p link show br0
ip link set br0 type bridge ageing_time 600 vlan_filtering 1
ip -d link show br0 | grep -o 'ageing_time [0-9]*\|vlan_filtering [0-9]*'
ip -d -br link show br1
