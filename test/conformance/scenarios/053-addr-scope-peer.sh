# Address scope, point-to-point peer addresses, and the routes they make.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
sleep 2
ip addr add 10.0.0.1/24 dev veth0 scope link
ip addr add 10.0.1.1/24 dev veth0 scope host
ip addr add 10.0.2.1/24 dev veth0 scope global
ip addr add 10.0.3.1/24 dev veth0 scope 200
ip addr add 10.0.4.1/24 dev veth0 scope nowhere
ip addr add 10.0.4.1/24 dev veth0 scope bogus
ip addr add 172.16.0.1 peer 172.16.0.2 dev veth0
ip addr add 172.16.1.1/32 peer 172.16.1.0/30 dev veth0
ip -4 addr show dev veth0
ip route show
ip route show table local
ip addr show scope link dev veth0
ip addr show scope host
ip -j -4 addr show dev veth0
