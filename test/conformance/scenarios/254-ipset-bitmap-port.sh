# bitmap:port: a range of ports with counters, comments and skbinfo; out-of-range elements
ipset create ports bitmap:port
ipset create ports bitmap:port range 10
ipset create ports bitmap:port range 1-70000
ipset create ports bitmap:port range 1-1024 counters comment skbinfo
ipset add ports 80
ipset add ports 22 comment "ssh port" packets 5 bytes 100
ipset add ports 100-102
ipset add ports tcp:443
ipset add ports udp:53
ipset add ports udp:http
ipset add ports 2000
ipset add ports 0
ipset add ports http
ipset add ports 150 skbmark 0x10/0xff skbprio 1:2 skbqueue 3
ipset add ports 151 skbmark 0x10 skbprio 1:2
ipset add ports 152 skbmark 16
ipset add ports 80,90
ipset test ports 80
ipset test ports 81
ipset test ports 5000
ipset del ports 100-101
ipset del ports 101
ipset list ports
ipset save ports
ipset list -o xml ports
ipset create small bitmap:port range 90-80
ipset list -t small
