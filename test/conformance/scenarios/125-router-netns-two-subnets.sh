# A router namespace between two subnets, each a bridge with two hosts; ip_forward on.
ip netns add router
for side in left right; do
  ip -n router link add br-$side type bridge
  ip -n router link set br-$side up
done
ip -n router link set br-left address 02:00:00:00:01:00
ip -n router link set br-right address 02:00:00:00:02:00
ip -n router addr add 172.16.1.1/24 dev br-left
ip -n router addr add 172.16.2.1/24 dev br-right
ip -n router link set lo up
i=0
for h in l1 l2 r1 r2; do
  i=$((i+1))
  case $h in l*) side=left net=1 ;; r*) side=right net=2 ;; esac
  ip netns add $h
  ip link add eth0 netns $h type veth peer name v-$h netns router
  ip -n router link set v-$h master br-$side up
  ip -n $h addr add 172.16.$net.1$i/24 dev eth0
  ip -n $h link set eth0 up
  ip -n $h link set lo up
  ip -n $h route add default via 172.16.$net.1
done
ip netns exec router sysctl -w net.ipv4.ip_forward=1
sleep 3
ip -n router -br link
ip -n router route
ip netns exec l1 ping -c 1 -W 1 172.16.1.12
ip netns exec l1 ping -c 1 -W 1 172.16.2.13
ip netns exec r2 ping -c 1 -W 1 -t 1 172.16.1.11
ip netns exec r2 ping -c 1 -W 1 172.16.1.11
ip -n l1 route get 172.16.2.13
ip -n router route get 172.16.2.13 from 172.16.1.11 iif br-left
ip -n router -j route get 172.16.2.13 from 172.16.1.11 iif br-left
bridge -n router link
