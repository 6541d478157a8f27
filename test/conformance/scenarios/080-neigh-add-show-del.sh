# Static neighbour entries: add, show, change, replace, del.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip neigh show
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev veth0 nud permanent
ip neigh add 10.0.0.4 lladdr 02:00:00:00:00:04 dev veth0 nud stale
ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0 nud reachable
ip neigh add 10.0.0.6 dev veth0 nud noarp
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0 nud noarp
ip neigh show | sort
ip neigh show dev veth0 | sort
ip neigh show 10.0.0.2
ip neigh show nud permanent | sort
ip -4 neigh show nud noarp
ip -4 neigh show nud all | sort
ip -4 neigh | sort
ip neigh change 10.0.0.2 lladdr 02:00:00:00:00:22 dev veth0
ip neigh replace 10.0.0.3 lladdr 02:00:00:00:00:33 dev veth0
ip neigh replace 10.0.0.8 lladdr 02:00:00:00:00:08 dev veth0
ip neigh show nud permanent | sort
ip neigh del 10.0.0.2 dev veth0
ip neigh delete 10.0.0.7 dev veth0
ip neigh show | sort
ip -j neigh show 10.0.0.8
ip -j neigh show to 10.0.0.4
ip -6 neigh add 2001:db8::2 lladdr 02:00:00:00:00:62 dev veth0
ip -6 neigh show
ip neigh show proxy
ip neigh add proxy 10.0.0.50 dev veth0
ip neigh show proxy
