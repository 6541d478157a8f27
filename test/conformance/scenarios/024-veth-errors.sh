# Error cases creating and deleting veth pairs and links.
ip link add v0 type veth peer name v1
ip link add v0 type veth peer name v2
ip link add v3 type veth peer name v0
ip link add v4 type veth peer name v4
ip link del nosuch
ip link delete dev nosuch
ip link add averyveryverylongname type veth peer name p
ip link add "bad name" type veth peer name p
ip link add veth type
ip link add type veth
ip link add v5 type veth peer name v6 netns nosuch
ip link add v7 type veth peer
ip link add v8 type veth peer name
ip link add v9 type nosuchtype
ip link set nosuch up
ip link show nosuch
ip link set v0 foo
ip -br link
