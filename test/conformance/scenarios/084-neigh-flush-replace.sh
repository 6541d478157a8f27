# Flushing neighbours by device, state and prefix; replace creates or overrides.
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth2
ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
ip neigh replace 10.0.0.3 lladdr 02:00:00:00:00:03 dev veth0 nud stale
ip neigh replace 10.0.1.2 lladdr 02:00:00:00:01:02 dev veth2 nud permanent
ip neigh replace 10.0.1.3 lladdr 02:00:00:00:01:03 dev veth2 nud reachable
ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:22 dev veth0 nud noarp
ip -4 neigh show nud all | sort
ip neigh flush dev veth2
ip -4 neigh show nud all | sort
ip neigh flush nud permanent
ip -4 neigh show nud all | sort
ip neigh flush to 10.0.0.0/24 nud all
ip -4 neigh show nud all | sort
ip -s neigh flush all
ip neigh replace 10.0.1.9 lladdr 02:00:00:00:01:09 dev veth2 nud permanent
ip -s -s neigh flush all
ip -4 neigh show nud all | sort
