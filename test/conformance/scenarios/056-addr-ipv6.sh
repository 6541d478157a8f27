# IPv6 addresses: link-local on up, manual global addresses, nodad, tentative.
ip netns add peer
ip link add veth0 type veth peer name veth1 netns peer
ip link set veth0 address 02:00:00:00:00:01
ip -n peer link set veth1 address 02:00:00:00:00:02
ip -6 addr show dev veth0
ip link set veth0 up
ip -6 addr show dev veth0
ip -n peer link set veth1 up
ip addr add 2001:db8::1/64 dev veth0 nodad
ip -n peer addr add 2001:db8::2/64 dev veth1
ip -n peer -6 -o addr show dev veth1 scope global
sleep 3
ip -6 addr show dev veth0
ip -n peer -6 addr show dev veth1
ip -6 route show
ip -6 route show table local
ping -6 -c 1 -W 2 2001:db8::2
ip addr add 2001:db8::1/64 dev veth0
ip addr del 2001:db8::1/64 dev veth0
ip -6 addr show dev veth0
ip -6 addr flush dev veth0 scope global
ip -6 addr show dev veth0
