#!/bin/bash
# A router namespace between two subnets; forwarding off, then on.
ip netns add left
ip netns add router
ip netns add right
ip link add l0 netns left type veth peer name r-left netns router
ip link add r0 netns right type veth peer name r-right netns router
ip -n left addr add 192.168.1.2/24 dev l0
ip -n right addr add 192.168.2.2/24 dev r0
ip -n router addr add 192.168.1.1/24 dev r-left
ip -n router addr add 192.168.2.1/24 dev r-right
for ns in left router right; do ip -n $ns link set lo up; done
ip -n left link set l0 up
ip -n right link set r0 up
ip -n router link set r-left up
ip -n router link set r-right up
ip -n left route add default via 192.168.1.1
ip -n right route add default via 192.168.2.1
ip netns exec router sysctl net.ipv4.ip_forward
ip netns exec left ping -c 1 -W 1 192.168.2.2
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip netns exec left ping -c 1 -t 1 192.168.2.2
ip netns exec left ping -c 2 192.168.2.2
ip -n left route get 192.168.2.2
