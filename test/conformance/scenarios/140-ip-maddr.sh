#!/bin/bash
# ip maddress: the multicast groups (link, inet, inet6) of a veth pair and of lo.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip link set lo up
ip link set veth0 up
ip link set veth1 up
sleep 3
ip maddr
ip maddr show dev veth0
ip -4 maddr
ip -6 maddr
ip -0 maddr show dev veth1
ip maddr show dev nosuch
ip maddr list dev lo
ip -j maddr show dev veth0
ip maddr foo
