# rename, swap, flush and destroy, with their errors
ipset create old hash:ip hashsize 64 initval 0x1
ipset create other hash:ip hashsize 64 initval 0x2
ipset create nets hash:net hashsize 64 initval 0x3
ipset add old 1.1.1.1
ipset add other 2.2.2.2
ipset rename old new
ipset rename new new
ipset rename nope x
ipset rename new other
ipset list -n
ipset swap new other
ipset list new
ipset list other
ipset swap new nope
ipset swap nope new
ipset swap new nets
ipset list -n
ipset flush new
ipset list new
ipset flush nope
ipset flush
ipset save
ipset destroy nope
ipset destroy other
ipset list -n
ipset create again hash:ip hashsize 64 initval 0x4
ipset list -n
ipset destroy
ipset list
