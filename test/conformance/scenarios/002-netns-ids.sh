# Netns ids appear once a peer namespace is referenced (veth across namespaces).
ip netns add ns1
ip netns add ns2
ip netns list
ip netns list-id
ip link add v1 type veth peer name v1p netns ns1
ip netns list
ip netns list-id
ip link add v2 type veth peer name v2p netns ns2
ip netns list
ip netns list-id
ip -n ns1 netns list
ip netns set ns2 7
ip netns set ns1 9
ip netns list
ip link show v1
