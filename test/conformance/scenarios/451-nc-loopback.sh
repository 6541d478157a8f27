# nc over the loopback inside one namespace: nothing works while lo is down, then a listener on 127.0.0.1 takes a connection from 127.0.0.1, ss shows both ends of it, and tcpdump -i lo sees each SYN once (the kernel counts both copies of a looped packet).
t=$(mktemp -d)
ip netns add a
ip netns exec a nc -z -v -n 127.0.0.1 80
ip -n a link set lo up
ip netns exec a nc -z -v -n 127.0.0.1 80
timeout 5 ip netns exec a nc -l -v -n 127.0.0.1 80 > $t/1 2>&1 < /dev/null &
ip netns exec a tcpdump -i lo -nn -t -c 2 'tcp[tcpflags] & tcp-syn != 0' > $t/2 2>&1 &
/bin/sleep 0.5
( echo local; /bin/sleep 0.5 ) | ip netns exec a nc -N -p 40000 127.0.0.1 80 &
/bin/sleep 0.3
ip netns exec a ss -t -n state established sport = :80
ip netns exec a ss -t -n state established dport = :80
ip netns exec a ss -t -l -n
wait
cat $t/1
cat $t/2
rm -r $t
