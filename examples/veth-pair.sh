#!/bin/bash
# Two network namespaces joined by a veth pair, and a ping across it.
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip link set veth-blue netns blue
ip -n red addr add 10.0.0.1/24 dev veth-red
ip -n blue addr add 10.0.0.2/24 dev veth-blue
ip -n red link set veth-red up
ip -n blue link set veth-blue up
ip -n red link set lo up
ip netns
ip -n red addr show veth-red
ip netns exec red ping -c 2 10.0.0.2
ip -n red neigh
