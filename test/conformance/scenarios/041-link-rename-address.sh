# Renaming a link and changing its MAC address.
ip link add v0 type veth peer name v1
ip link set v0 name eth0
ip link show eth0
ip link show v1
ip link set eth0 up
ip link set eth0 name eth1
ip link set eth0 down
ip link set eth0 name eth1
ip link set eth1 address 02:11:22:33:44:55
ip link show eth1
cat /sys/class/net/eth1/address
ip link set eth1 address 01:11:22:33:44:55
ip link set eth1 address 00:00:00:00:00:00
ip link set eth1 address 02:11:22:33:44
ip link set eth1 address zz
ip link set eth1 address 02:11:22:33:44:55:66
ip link set eth1 addr 02:aa:bb:cc:dd:ee
ip link set eth1 name v1
ip link set eth1 name lo
ip -br link
ip link set v1 name "a b"
ip link set v1 name 0123456789abcdef
ip link set v1 name 0123456789abcde
ip -br link
