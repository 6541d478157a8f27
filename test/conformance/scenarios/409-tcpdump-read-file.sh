# tcpdump -r of a capture recorded on a real kernel (409-tcpdump-read-file.pcap: ARP, ping, an HTTP exchange over TCP, a reset, UDP to closed ports, ping6 with neighbour discovery, TCP over IPv6, VXLAN, a fragmented ping, router solicitations): the printers with -n, -v, -vv, -e, -q, -x, -A, -S, the timestamp formats and packet numbers.
f=409-tcpdump-read-file.pcap
tcpdump -r $f
tcpdump -r $f -n -tt
tcpdump -r $f -n -v -ttt
tcpdump -r $f -n -vv -e -tttt -c 14
tcpdump -r $f -q -ttttt
tcpdump -r $f -n -S -t -# -c 14
tcpdump -r $f -n -t -x -c 3
tcpdump -r $f -n -t -X -c 2 icmp6
tcpdump -r $f -n -t -A -c 1 'tcp[tcpflags] & tcp-push != 0'
tcpdump -r $f -n -t -s 60 -c 4
tcpdump -r $f -n -t -K -v -c 4 tcp
