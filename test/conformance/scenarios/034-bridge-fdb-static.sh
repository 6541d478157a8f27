# Static FDB entries: add, append, replace, del.
ip link add br0 type bridge
ip link add p0 type veth peer name p0b
ip link add p1 type veth peer name p1b
ip link set p0 master br0
ip link set p1 master br0
bridge fdb add 02:aa:bb:cc:dd:01 dev p0 master static
bridge fdb add 02:aa:bb:cc:dd:02 dev p0 master
bridge fdb show br br0 | grep 02:aa
bridge fdb add 02:aa:bb:cc:dd:01 dev p0 master static
bridge fdb replace 02:aa:bb:cc:dd:01 dev p1 master static
bridge fdb show br br0 | grep 02:aa
bridge fdb append 02:aa:bb:cc:dd:03 dev p1 master
bridge fdb show br br0 | grep 02:aa
bridge fdb del 02:aa:bb:cc:dd:02 dev p0 master
bridge fdb del 02:aa:bb:cc:dd:02 dev p0 master
bridge fdb show br br0 | grep 02:aa
bridge fdb add 02:aa:bb:cc:dd:04 dev p0 master static vlan 10
bridge fdb show dev p0
bridge fdb add 02:aa:bb:cc:dd:05 dev p0
bridge fdb show dev p0
bridge fdb add zz:aa:bb:cc:dd:05 dev p0 master
bridge fdb add 02:aa:bb:cc:dd:06 dev nosuch master
bridge fdb add 02:aa:bb:cc:dd:06 dev br0 master
bridge fdb del 02:aa:bb:cc:dd:77 dev p1 master
bridge fdb show br nosuch
