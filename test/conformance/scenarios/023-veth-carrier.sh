# Carrier and operstate of a veth pair.
ip link add v0 type veth peer name v1
cat /sys/class/net/v0/operstate
cat /sys/class/net/v0/carrier
ip link set v0 up
ip link show v0
cat /sys/class/net/v0/operstate
cat /sys/class/net/v0/carrier
ip link set v1 up
sleep 3
ip link show v0
ip link show v1
cat /sys/class/net/v0/operstate
cat /sys/class/net/v0/carrier
ip link set v1 down
ip link show v0
ip link show v1
cat /sys/class/net/v0/operstate
ip -br link
ip link set v0 down
ip -br link
