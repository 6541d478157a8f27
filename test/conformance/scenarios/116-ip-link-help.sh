# ip link help and the help of a link type.
ip link help
ip link help veth
ip link help bridge
ip link add help
bridge help
bridge fdb help
bridge link help
