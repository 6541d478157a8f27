# socat without a network: PIPE echoes what it is given, - and STDIO are stdin/stdout, OPEN/CREATE/FILE read and write files, -u and -U pick the direction, OPEN's options (creat, trunc, append).
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
echo through-a-pipe | socat - PIPE
echo stdio | socat STDIO PIPE
echo created | socat -u - CREATE:$t/c
cat $t/c
echo appended | socat -u - OPEN:$t/c,append
cat $t/c
echo truncated | socat -u - OPEN:$t/c,trunc
cat $t/c
socat -u FILE:$t/c STDOUT
socat -U STDOUT OPEN:$t/c
echo new | socat -u - OPEN:$t/n,creat
cat $t/n
rm -r $t
