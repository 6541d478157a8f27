#!/bin/bash
# ip route get of multicast input: only groups the device joined are routed (ip_route_input_mc).
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip route get 224.0.0.1 from 10.0.0.2 iif veth0
ip route get 224.0.0.22 from 10.0.0.2 iif veth0
ip route get 239.1.1.1 from 10.0.0.2 iif veth0
ip route get 224.0.0.1 from 0.0.0.0 iif veth0
ip route get 224.0.0.1 from 10.0.0.1 iif veth0
