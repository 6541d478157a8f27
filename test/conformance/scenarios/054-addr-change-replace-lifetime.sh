# ip addr change / replace and address lifetimes.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip addr change 10.0.0.1/24 dev veth0 label veth0:x
ip addr change 10.0.0.2/24 dev veth0
ip addr replace 10.0.0.2/24 dev veth0
ip addr replace 10.0.0.1/24 dev veth0 brd 10.0.0.255
ip -4 addr show dev veth0
ip addr replace 10.0.0.1/24 dev veth0 valid_lft 1000 preferred_lft 500
ip -4 addr show dev veth0 | sed -E 's/(valid_lft|preferred_lft) [0-9]+sec/\1 Nsec/g'
ip addr change 10.0.0.1/24 dev veth0 valid_lft forever preferred_lft forever
ip -4 addr show dev veth0
ip addr add 10.0.9.1/24 dev veth0 preferred_lft 0
ip -4 addr show dev veth0
ip addr add 10.0.8.1/24 dev veth0 valid_lft 10 preferred_lft 20
ip addr add 10.0.8.1/24 dev veth0 noprefixroute
ip route
