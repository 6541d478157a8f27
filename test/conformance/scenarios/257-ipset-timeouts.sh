# element timeouts run on the kernel clock: remaining time, -exist refresh, expiry
ipset create t hash:ip timeout 10 hashsize 64 initval 0x9
ipset add t 1.1.1.1
ipset add t 2.2.2.2 timeout 3
ipset add t 3.3.3.3 timeout 0
ipset add t 4.4.4.4 timeout 2147484
ipset list t
sleep 2
ipset list t
ipset add t 2.2.2.2 timeout 30
ipset -exist add t 2.2.2.2 timeout 30
ipset test t 2.2.2.2
sleep 2
ipset list t
ipset create p bitmap:port range 1-100 timeout 5
ipset add p 10
ipset add p 20 timeout 1
sleep 3
ipset test p 20
ipset test p 10
ipset add p 20
ipset save p
ipset create np hash:ip
ipset add np 1.1.1.1 timeout 5
sleep 9
ipset save t
