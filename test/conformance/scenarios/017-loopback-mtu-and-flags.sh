# Loopback details.
ip -d link show lo
ip -s link show lo
cat /sys/class/net/lo/mtu
cat /sys/class/net/lo/address
cat /sys/class/net/lo/operstate
cat /sys/class/net/lo/type
cat /sys/class/net/lo/flags
ip link set lo up
cat /sys/class/net/lo/operstate
cat /sys/class/net/lo/flags
cat /sys/class/net/lo/carrier
ip link set lo mtu 1500
ip link show lo
ip link del lo
ip link set lo name lo2
ip -j link show lo
