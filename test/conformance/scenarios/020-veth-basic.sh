# A veth pair in one namespace.
ip link add veth0 type veth peer name veth1
ip link show
ip link show veth0
ip link show type veth
ip -br link show type veth
ip link set veth0 up
ip link show veth0
ip link show veth1
ip link set veth1 up
ip -br link
ip link del veth1
ip link show
