# tcpdump's command line: --version and -h, bad options and arguments, a missing or down interface, -L, -y, -D-free device choice, unreadable and unwritable files, -F filter files, each with its message and status.
t=$(mktemp -d)
ip netns add a
ip link add eth0 netns a type veth peer name eth1 netns a
ip -n a link set eth0 up
tcpdump --version
tcpdump -h
tcpdump --help | head -3
tcpdump -Z
tcpdump --nosuch 2>&1 | head -2
tcpdump -c 0
tcpdump -c x
tcpdump -c 1x -r 409-tcpdump-read-file.pcap -n -t
tcpdump -s 300000
tcpdump -s -1
tcpdump -Q sideways
tcpdump -y FOO
tcpdump -B 0
ip netns exec a tcpdump -i nosuch
ip netns exec a tcpdump -i eth1
ip netns exec a tcpdump -L -i eth0
ip netns exec a tcpdump -L -i any
ip netns exec a tcpdump -i eth0 -y LINUX_SLL2
tcpdump -r /nonexistent/file.pcap
echo "not a capture" > $t/text
tcpdump -r $t/text
tcpdump -r 409-tcpdump-read-file.pcap -w /nonexistent/dir/out.pcap
echo "icmp # pings only" > $t/filter
tcpdump -r 409-tcpdump-read-file.pcap -n -t -F $t/filter
tcpdump -r 409-tcpdump-read-file.pcap -n -t -F /nonexistent/filter
tcpdump -n -t -r 409-tcpdump-read-file.pcap -c 2 -- tcp
tcpdump -nt -r 409-tcpdump-read-file.pcap -c2 icmp6
tcpdump -r 409-tcpdump-read-file.pcap -nn -q -t --count
tcpdump -r 409-tcpdump-read-file.pcap -n -t --count udp
rm -r $t
