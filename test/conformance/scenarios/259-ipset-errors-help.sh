# command line errors, version and help texts
ipset
ipset -v
ipset version
ipset foo
ipset create
ipset create x
ipset create x hash:foo
ipset create x hash:ip family inet7
ipset create x hash:ip bogus
ipset create x hash:ip timeout
ipset create x hash:ip timeout abc
ipset create x hash:ip maxelem abc
ipset create x hash:ip hashsize -1
ipset create abcdefghijabcdefghijabcdefghij12 hash:ip
ipset create x bitmap:port range 1-100 family inet
ipset create x hash:ip range 1-2
ipset create x hash:ip hashsize 0 initval 0x10
ipset create x hash:ip
ipset -exist create x hash:ip hashsize 128
ipset -exist create x hash:net
ipset list -t x
ipset add x
ipset add x 1.1.1.1 timeout 5
ipset add x 1.1.1.1 comment foo
ipset add x 1.1.1.1 packets 5
ipset add x 1.1.1.1 skbmark 5
ipset add x 1.1.1.1 bogus
ipset add x 1.1.1.1 nomatch
ipset add x 1.1.1.1,80
ipset add x foo.example
ipset add x 1.1.1.1/abc
ipset add x 1.1.1.0/33
ipset add x 1.1.1.5/0
ipset add nope 1.1.1.1
ipset test x 1.1.1.1 timeout 5
ipset -o foo list
ipset des
ipset -n
ipset help hash:ip
ipset help bitmap:port
ipset help hash:nope
ipset help
