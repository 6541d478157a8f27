# The same addresses with -br, -o, -j, -j -p, -4, -6, and -c.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip link set lo up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip link set veth0 up
ip link set veth1 up
sleep 2
ip -br addr
ip -br -4 addr
ip -br -6 addr
ip -o addr
ip -o -4 addr show dev veth0
ip -j addr show dev veth0
ip -j -p addr show dev veth0
ip -c addr show dev veth0
ip -c -br addr
ip -color=never addr show dev lo
ip -c=always -br link
ip -c=auto -br link
ip -6 addr show dev veth0
ip -4 -6 addr show dev veth0
ip -0 addr show dev veth0
ip -f inet addr show dev veth0
ip -family inet6 addr show dev veth0
ip -f link addr show dev veth0
ip -f bogus addr
