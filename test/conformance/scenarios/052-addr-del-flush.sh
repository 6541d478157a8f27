# Deleting and flushing addresses.
ip link add veth0 type veth peer name veth1
ip addr add 10.1.0.1/24 dev veth0
ip addr add 10.1.0.2/24 dev veth0
ip addr add 10.2.0.1/24 dev veth0 label veth0:b
ip addr add 10.3.0.1/24 dev veth1
ip addr del 10.1.0.2/24 dev veth0
ip addr del 10.1.0.2/24 dev veth0
ip addr del 10.1.0.1/32 dev veth0
ip addr del 10.1.0.1 dev veth0
ip -4 addr show dev veth0
ip addr del 10.9.9.9/24 dev veth0
ip addr del dev veth0
ip addr del 10.2.0.1/24 dev veth1
ip addr flush dev veth0
ip -4 addr show
ip addr add 10.1.0.1/24 dev veth0
ip addr add 10.2.0.1/24 dev veth0 label veth0:b
ip addr flush label veth0:b
ip -4 addr show
ip addr flush to 10.3.0.0/16
ip -4 addr show
ip addr flush dev nosuch
ip addr flush
ip -4 addr flush dev veth0
ip -s -s addr flush dev veth0
ip -4 addr
