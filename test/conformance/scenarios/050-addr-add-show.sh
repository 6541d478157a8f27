# ip addr add with prefix, brd +, label, and how ip addr show prints them.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 brd + dev veth0
ip addr add 10.0.2.1/24 broadcast 10.0.2.99 dev veth0
ip addr add 10.0.3.1/24 brd - dev veth0
ip addr add 10.0.4.1 dev veth0
ip addr add 10.0.5.1/24 dev veth0 label veth0:web
ip address add 10.0.6.1/16 dev veth0
ip addr show dev veth0
ip addr show veth0
ip -4 addr show label veth0:web
ip -4 addr show label 'veth0:*'
ip addr show to 10.0.0.0/16
ip addr show scope global
ip -4 a
ip a s dev veth0 up
ip addr show nosuch
