# hash:net,iface: networks with interfaces, physdev:, wildcard and nomatch
ipset create ifs hash:net,iface hashsize 64 initval 0x4
ipset add ifs 10.0.0.0/8,eth0
ipset add ifs 10.0.0.0/8,physdev:eth1
ipset add ifs 192.168.0.0/24,eth+
ipset add ifs 172.16.0.0/12,veth wildcard
ipset add ifs 1.2.3.4,lo
ipset add ifs 0.0.0.0/0,tun0
ipset add ifs 1.2.3.4
ipset add ifs 1.2.3.4,abcdefghijklmnopq
ipset add ifs 10.1.0.0/16,eth0 nomatch
ipset test ifs 10.1.0.1,eth0
ipset test ifs 10.2.0.1,eth0
ipset test ifs 10.2.0.1,eth1
ipset test ifs 10.2.0.1,physdev:eth1
ipset test ifs 192.168.0.5,eth7
ipset test ifs 172.20.0.1,veth123
ipset test ifs 8.8.8.8,tun0
ipset list ifs
ipset del ifs 172.16.0.0/12,veth
ipset save ifs
