# hash:ip: create, add (single, CIDR, range, inet_aton forms), del, test, list and save
ipset create web hash:ip hashsize 64 initval 0x1234abcd
ipset add web 10.0.0.1
ipset add web 10.0.0.1
ipset -exist add web 10.0.0.1
ipset add web 192.168.1.0/30
ipset add web 172.16.0.10-172.16.0.12
ipset add web 1.2.3
ipset add web 0.0.0.0
ipset list web
ipset test web 192.168.1.2
ipset test web 192.168.1.9
ipset -q test web 192.168.1.9
ipset del web 172.16.0.11
ipset del web 172.16.0.11
ipset -exist del web 172.16.0.11
ipset test web 172.16.0.11
ipset save web
ipset -s list web
ipset create web6 hash:ip family inet6 hashsize 64 initval 0x1
ipset add web6 2001:db8::1
ipset add web6 2001:db8::/64
ipset add web6 10.0.0.1
ipset add web 2001:db8::1
ipset list web6
ipset list -n
