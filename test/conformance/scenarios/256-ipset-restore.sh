# ipset restore: sets and elements from stdin, aggregation per set, errors with line numbers
ipset restore <<'IN'
create a hash:ip hashsize 64 initval 0x5
add a 1.1.1.1
add a 2.2.2.2
# a comment line

create b hash:net hashsize 64 initval 0x6
add b 10.0.0.0/8
IN
ipset save
ipset restore <<'IN'
add a 3.3.3.3
add a 1.1.1.1
add a 4.4.4.4
IN
ipset save a
ipset -exist restore <<'IN'
create a hash:ip hashsize 64 initval 0x5
add a 1.1.1.1
add a 5.5.5.5
IN
ipset restore <<'IN'
add a 6.6.6.6
bogus line
add a 7.7.7.7
IN
ipset restore <<'IN'
add a 8.8.8.8
add nope 1.1.1.1
IN
ipset restore <<'IN'
create c hash:ip
create c hash:ip
IN
ipset restore <<'IN'
add a 10.10.10.10
add a 300.1.1.1
IN
ipset restore <<'IN'
add a "11.11.11.11
IN
ipset restore <<'IN'
version
IN
ipset restore <<'IN'
add a 12.12.12.12
COMMIT
add a 12.12.12.12
IN
ipset restore <<'IN'
add a 13.13.13.13
del a 2.2.2.2
add b 192.168.0.0/16
flush c
add c 9.9.9.9
IN
ipset restore extra
ipset list -n
ipset save a
ipset save c
