# list and save of several sets: plain, save, xml, -terse, -name, -sorted, extensions
ipset create a hash:ip hashsize 64 initval 0x11 counters comment
ipset create b hash:net family inet6 hashsize 128 initval 0x22 maxelem 1000 skbinfo
ipset create c bitmap:port range 1000-2000
ipset add a 10.0.0.3 packets 7 bytes 700 comment "third"
ipset add a 10.0.0.1 comment "first host"
ipset add a 10.0.0.2
ipset add b 2001:db8::/48 skbmark 0x1 skbqueue 2
ipset add c 1500
ipset list
ipset list -t
ipset list -n
ipset -n list b
ipset list -s a
ipset save
ipset list -o save c
ipset list -o xml
ipset -t list -o xml a
ipset list -o json
ipset list -o
ipset list nope
ipset save nope
ipset l a -t
ipset -L c
ipset --list c
