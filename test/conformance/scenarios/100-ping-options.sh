# ping over a veth pair: -c -i -s -q -t -W -w -I, and its exit codes.
ip netns add peer
ip link add veth0 type veth peer name veth1 netns peer
ip addr add 10.9.0.1/24 dev veth0
ip -n peer addr add 10.9.0.2/24 dev veth1
ip link set veth0 up
ip -n peer link set veth1 up
ip -n peer link set lo up
sleep 3
ping -c 3 -i 0.2 10.9.0.2
echo "exit $?"
ping -c 2 -i 0.2 -q 10.9.0.2
ping -c 1 -s 1000 10.9.0.2
ping -c 1 -s 0 10.9.0.2
ping -c 1 -s 8 10.9.0.2
ping -c 1 -t 5 10.9.0.2
ping -c 1 -W 1 -I veth0 10.9.0.2
ping -c 1 -I 10.9.0.1 10.9.0.2
ping -c 2 -w 5 -i 0.2 10.9.0.2
ping -4 -c 1 10.9.0.2
ping -c 1 -W 1 10.9.0.3
echo "exit $?"
