# Usage texts: ip help, ip route help, ip link help, and their exit codes.
ip help
echo "exit $?"
ip route help
echo "exit $?"
ip addr help
ip rule help
ip neigh help
ip netns help
ip
ip -V
