# Reverse path filtering with asymmetric routing: two links between client and server;
# requests go over link A, replies come back over link B. rp_filter 1 (strict) drops
# them, 2 (loose) and 0 accept them.
ip netns add client
ip netns add srv
ip link add a0 netns client type veth peer name a1 netns srv
ip link add b0 netns client type veth peer name b1 netns srv
ip -n client addr add 10.0.1.2/24 dev a0
ip -n client addr add 10.0.2.2/24 dev b0
ip -n client addr add 172.20.0.2/32 dev lo
ip -n srv addr add 10.0.1.1/24 dev a1
ip -n srv addr add 10.0.2.1/24 dev b1
ip -n client link set lo up
ip -n srv link set lo up
for d in a0 b0; do ip -n client link set $d up; done
for d in a1 b1; do ip -n srv link set $d up; done
ip -n client route add 10.9.9.9/32 via 10.0.1.1
ip -n srv addr add 10.9.9.9/32 dev lo
ip -n srv route add 172.20.0.0/16 via 10.0.2.2
sleep 3
ip netns exec srv sysctl net.ipv4.conf.all.rp_filter net.ipv4.conf.a1.rp_filter
ip netns exec client ping -c 1 -W 1 -I 172.20.0.2 10.9.9.9
ip netns exec srv sysctl -w net.ipv4.conf.a1.rp_filter=1
ip netns exec client ping -c 1 -W 1 -I 172.20.0.2 10.9.9.9
ip -n srv route get 10.9.9.9 from 172.20.0.2 iif a1
ip -n srv route get 10.9.9.9 from 172.20.0.2 iif b1
ip netns exec srv sysctl -w net.ipv4.conf.a1.rp_filter=2
ip netns exec client ping -c 1 -W 1 -I 172.20.0.2 10.9.9.9
ip netns exec srv sysctl -w net.ipv4.conf.a1.rp_filter=0 net.ipv4.conf.all.rp_filter=1
ip netns exec client ping -c 1 -W 1 -I 172.20.0.2 10.9.9.9
