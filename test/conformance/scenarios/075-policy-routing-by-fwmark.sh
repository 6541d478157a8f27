# Policy routing by firewall mark: marked traffic uses another table.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
for d in veth0 veth1 veth2 veth3; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev veth0
ip addr add 10.2.0.1/24 dev veth2
sleep 3
ip route add default via 10.1.0.254
ip route add default via 10.2.0.254 table 200
ip rule add fwmark 0x2 lookup 200 pref 100
ip rule add fwmark 0x100/0xf00 lookup 200 pref 110
ip rule
ip route get 8.8.8.8
ip route get 8.8.8.8 mark 2
ip route get 8.8.8.8 mark 3
ip route get 8.8.8.8 mark 0x100
ip route get 8.8.8.8 mark 0x1ff
ip route get 8.8.8.8 mark 0x200
ip -j route get 8.8.8.8 mark 2
ip rule add not fwmark 0x2 lookup 200 pref 50
ip route get 8.8.8.8
ip route get 8.8.8.8 mark 2
ip rule del pref 50
ip rule add fwmark 0x5 table 201 pref 120
ip route get 8.8.8.8 mark 5
ip rule add fwmark 0x6 unreachable pref 130
ip route get 8.8.8.8 mark 6
