# hash:net: prefixes of several lengths, longest match on test, nomatch exceptions, ranges
ipset create nets hash:net hashsize 64 initval 0x00000007
ipset add nets 10.0.0.0/8
ipset add nets 10.1.0.0/16
ipset add nets 10.1.2.0/24 nomatch
ipset add nets 10.1.2.3
ipset add nets 172.16.0.0-172.16.0.9
ipset add nets 0.0.0.0/0
ipset add nets 10.2.0.0/33
ipset test nets 10.1.2.3
ipset test nets 10.1.2.4
ipset test nets 10.1.3.4
ipset test nets 10.9.9.9
ipset test nets 10.1.2.0/24
ipset test nets 10.1.2.0/24 nomatch
ipset test nets 10.1.0.0/17
ipset test nets 11.0.0.1
ipset test nets 172.16.0.9
ipset list nets
ipset del nets 10.1.0.0/16
ipset test nets 10.1.3.4
ipset del nets 10.0.0.0/8
ipset test nets 10.1.3.4
ipset -s list nets
ipset create nets6 hash:net family inet6 hashsize 64 initval 0x2
ipset add nets6 2001:db8::/32
ipset add nets6 2001:db8:1::1
ipset add nets6 2001:db8::-2001:db8::5
ipset test nets6 2001:db8:ffff::1
ipset list nets6
