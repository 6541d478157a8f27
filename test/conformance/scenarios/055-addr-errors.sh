# Error cases for ip addr.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/16 dev veth0
ip addr add 10.0.0.1/33 dev veth0
ip addr add 10.0.0.256/24 dev veth0
ip addr add 10.0.0/24 dev veth0
ip addr add 10.0.0.1/24
ip addr add 10.0.0.1/24 dev nosuch
ip addr add dev veth0
ip addr add foo dev veth0
ip addr add 10.0.0.1/24 dev veth0 bogus
ip addr add 2001:db8::1/129 dev veth0
ip addr add 10.0.0.1/-1 dev veth0
ip addr add 10.0.0.5/24 dev veth0 brd +10
ip addr show dev veth0 bogus
ip addr frobnicate
ip -4 addr show dev veth0
