# Error cases for ip neigh.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:02
ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:02 dev nosuch
ip neigh add 10.0.0.3 lladdr zz:00:00:00:00:02 dev veth0
ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:02 dev veth0 nud bogus
ip neigh add lladdr 02:00:00:00:00:02 dev veth0
ip neigh add 300.0.0.3 lladdr 02:00:00:00:00:02 dev veth0
ip neigh del 10.0.0.9 dev veth0
ip neigh del 10.0.0.9
ip neigh change 10.0.0.9 lladdr 02:00:00:00:00:09 dev veth0
ip neigh show dev nosuch
ip neigh flush
ip neigh frobnicate
ip neigh add 10.0.0.4 lladdr 02:00:00:00:00:04 dev lo
ip neigh show | sort
