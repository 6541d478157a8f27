# iproute2 reads "a" after "ip link add" / "ip link set" as "address".
ip link add a type veth peer name b
ip link add a 02:00:00:00:00:aa type veth peer name b
ip link add name a type veth peer name c
ip -br link
ip link set a up
ip link set dev a up
ip link set b up
ip link set dev b up
ip -br link
ip link show a
ip link show dev a
ip link del a
ip link del dev a
ip -br link
