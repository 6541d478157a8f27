# iproute2 accepts prefixes of objects and commands.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip l
ip li sh veth0
ip a
ip a s veth0
ip addr sh dev veth0
ip ad show dev veth0
ip r
ip ro
ip ru
ip ru sh
ip n
ip nei sho
ip netn
ip -4 a
ip -br l
ip -b l
ip -o l sh lo
ip -j l sh lo
ip -d l sh lo
ip l s veth0 up
ip -br l sh veth0
ip r a 10.9.0.0/16 dev veth0
ip r sh
ip r d 10.9.0.0/16 dev veth0
ip a d 10.0.0.1/24 dev veth0
ip -br a sh veth0
ip x
ip li x
ip -n
ip -x link
ip link sh -j lo
