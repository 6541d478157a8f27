# Primary and secondary addresses; deleting the primary removes or promotes the secondaries.
ip link add veth0 type veth peer name veth1
ip addr add 192.168.1.10/24 dev veth0
ip addr add 192.168.1.11/24 dev veth0
ip addr add 192.168.1.12/24 dev veth0
ip addr add 192.168.2.10/24 dev veth0
ip -4 addr show dev veth0
ip -4 addr show dev veth0 secondary
ip -4 addr show dev veth0 primary
ip addr del 192.168.1.10/24 dev veth0
ip -4 addr show dev veth0
sysctl net.ipv4.conf.veth0.promote_secondaries
sysctl -w net.ipv4.conf.veth0.promote_secondaries=1
ip addr add 192.168.1.10/24 dev veth0
ip addr add 192.168.1.11/24 dev veth0
ip addr add 192.168.1.12/24 dev veth0
ip -4 addr show dev veth0
ip addr del 192.168.1.10/24 dev veth0
ip -4 addr show dev veth0
ip route show table local
ip addr del 192.168.1.11/24 dev veth0
ip -4 addr show dev veth0
