# Administrative state, flags, alias, txqueuelen, and link arguments.
ip link add v0 type veth peer name v1
ip link set v0 up
ip link set v1 up
sleep 3
ip link show v0
ip link set v0 down
ip link show v0
ip link set dev v0 up
ip link set v0 promisc on
ip link show v0
ip link set v0 promisc off
ip link set v0 multicast off
ip link set v0 arp off
ip link show v0
ip link set v0 arp on multicast on
ip link set v0 alias "uplink to the core"
ip link show v0
cat /sys/class/net/v0/ifalias
ip link set v0 txqueuelen 500
ip link show v0
cat /sys/class/net/v0/tx_queue_len
ip link set v0 txqlen 2000
ip link set v0 promisc maybe
ip -br link show up
ip link show down
