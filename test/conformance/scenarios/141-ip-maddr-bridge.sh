#!/bin/bash
# ip maddress on a bridge with a port: the bridge's own groups (224.0.0.106, ff02::6a) and errors.
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:01:00
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip link set veth0 master br0
ip link set br0 up
ip link set veth0 up
ip link set veth1 up
sleep 3
ip maddr show dev br0
ip maddr show veth0
ip -4 maddr show dev br0
ip -j -p maddr show dev veth1
ip maddr show dev br0 dev veth0
ip maddr show br0 veth0
ip maddr show dev
ip maddr help
ip -j maddr show dev nosuch
