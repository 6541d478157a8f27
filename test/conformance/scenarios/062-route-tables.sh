# Routing tables: numbered, named in rt_tables, listed with table all, flushed.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip route add 10.10.0.0/16 via 10.0.0.2 table 100
ip route add default via 10.0.0.3 table 100
ip route add default via 10.0.0.4 table 200
ip route show table 100
ip route show table 200
ip route show table 300
ip route show table all
ip route show table custom
ip route add 10.20.0.0/16 via 10.0.0.2 table 100
ip -d route show table 100
ip route flush table 100
ip route show table 100
ip route show table 200
ip route add 10.30.0.0/16 via 10.0.0.2 table 4294967295
ip route add 10.30.0.0/16 via 10.0.0.2 table 4294967296
ip route show table 4294967295
ip route add 10.31.0.0/16 via 10.0.0.2 table default
ip route show table default
ip route show table 253
ip route add 10.32.0.0/16 via 10.0.0.2 table 0
ip route show table main
ip route show table 254
ip route show table local
ip route show table 255
