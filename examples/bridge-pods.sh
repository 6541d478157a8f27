#!/bin/bash
# Three "pods" (namespaces) on one bridge, as a container runtime wires them.
ip link add cni0 type bridge
ip addr add 10.244.0.1/24 dev cni0
ip link set cni0 up
for i in 1 2 3; do
  ip netns add pod$i
  ip link add veth$i type veth peer name eth0 netns pod$i
  ip link set veth$i master cni0
  ip link set veth$i up
  ip -n pod$i addr add 10.244.0.$((i + 1))/24 dev eth0
  ip -n pod$i link set eth0 up
  ip -n pod$i link set lo up
  ip -n pod$i route add default via 10.244.0.1
done
bridge link
ip netns exec pod1 ping -c 1 10.244.0.3
ip netns exec pod3 ping -c 1 10.244.0.2
bridge fdb show br cni0 | grep -v permanent | wc -l
