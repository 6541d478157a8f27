# net-tools arp: -n, -a, -s (static), -d, -i.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth1
sleep 3
arp -n
arp -s 10.0.0.20 02:00:00:00:00:20
arp -i veth1 -s 10.0.1.30 02:00:00:00:00:30
arp -n -i veth0
arp -a -i veth0
arp -n -i veth1
ip neigh show nud permanent | sort
arp -d 10.0.0.20
arp -d 10.0.0.20
arp -n
arp -s 10.0.0.21 zz:00:00:00:00:20
arp -s 10.0.0.22
arp -n 10.0.0.99
