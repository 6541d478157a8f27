# hash:ip,port: protocols and ports, ICMP type/code, port and address ranges, parse errors
ipset create svc hash:ip,port hashsize 64 initval 0x3
ipset add svc 10.0.0.1,80
ipset add svc 10.0.0.1,udp:53
ipset add svc 10.0.0.1,icmp:ping
ipset add svc 10.0.0.1,icmp:8/0
ipset add svc 10.0.0.1,icmp:3/77
ipset add svc 10.0.0.2,sctp:9
ipset add svc 10.0.0.2,udplite:9
ipset add svc 10.0.0.3,gre:0
ipset add svc 10.0.0.3,gre:5
ipset add svc 10.0.0.3,foo:5
ipset add svc 10.0.0.3
ipset add svc 10.0.0.3,80,90
ipset add svc 10.0.0.4,tcp:ssh
ipset add svc 10.0.0.5-10.0.0.6,tcp:1-3
ipset add svc 10.0.0.7,tcp:99999
ipset add svc 10.0.0.8,http
ipset add svc 10.0.0.8,udp:foo
ipset add svc 10.0.0.8,icmp:bogus
ipset test svc 10.0.0.1,tcp:80
ipset test svc 10.0.0.1,80
ipset test svc 10.0.0.1,udp:80
ipset test svc 10.0.0.6,tcp:2
ipset del svc 10.0.0.6,tcp:2
ipset test svc 10.0.0.6,tcp:2
ipset list svc
ipset -s save svc
