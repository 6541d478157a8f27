# Reading /sys/class/net attributes.
ip netns add n
ip link add veth0 type veth peer name veth1 netns n
ip link set veth0 address 02:00:00:00:00:01
ip link set veth0 mtu 1450
for f in mtu address broadcast operstate ifindex iflink type flags tx_queue_len addr_len dormant carrier; do
  echo "$f: $(cat /sys/class/net/veth0/$f 2>&1)"
done
ip link set veth0 up
ip -n n link set veth1 up
sleep 3
for f in operstate carrier flags carrier_changes; do
  echo "$f: $(cat /sys/class/net/veth0/$f 2>&1)"
done
cat /sys/class/net/nosuch/mtu
ip link add br0 type bridge
cat /sys/class/net/br0/bridge/stp_state
cat /sys/class/net/br0/bridge/forward_delay
cat /sys/class/net/br0/bridge/ageing_time
ip link set veth0 master br0
cat /sys/class/net/veth0/brport/state
