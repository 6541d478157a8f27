# Malformed ip commands: messages and exit codes.
ip foo
ip link foo
ip addr foo
ip route foo
ip link add
ip link add veth0
ip link add veth0 type
ip link add name
ip link set
ip link set dev
ip link set veth0
ip link del
ip addr add
ip addr del
ip route add
ip route del
ip neigh add
ip rule add bogus
ip -4 -6 route
ip --bogus link
ip -f
ip -c=sometimes link
ip link show dev lo dev lo
ip link show lo lo
ip addr add 10.0.0.1/24 dev lo dev lo
ip -batch
ip -j -br link
