# The IPv6 extension-header matches rt, frag and ipv6header: their options, errors, -S and -L forms.
ip6tables -A INPUT -m rt --rt-type 0 -j DROP
ip6tables -A INPUT -m rt ! --rt-type 2 --rt-segsleft 0:3 --rt-len 16 -j DROP
ip6tables -A INPUT -m rt --rt-type 0 --rt-segsleft 1 --rt-0-res --rt-0-addrs ::1,::2 --rt-0-not-strict
ip6tables -A INPUT -m rt
ip6tables -A INPUT -m rt --rt-type x
ip6tables -A INPUT -m rt --rt-segsleft 5:2
ip6tables -A INPUT -m rt --rt-0-addrs ::1
ip6tables -A INPUT -m frag --fragid 100:200 --fraglen 8 --fragres --fragfirst --fragmore
ip6tables -A INPUT -m frag ! --fragid 5 --fraglast
ip6tables -A INPUT -m frag --fragfirst --fraglast
ip6tables -A INPUT -m ipv6header --header frag,hop-by-hop --soft
ip6tables -A INPUT -m ipv6header ! --header ipv6-route
ip6tables -A INPUT -m ipv6header --header 44
ip6tables -A INPUT -m ipv6header --header foo
ip6tables -A INPUT -m ipv6header
ip6tables -A INPUT -m ipv6header --header none,prot,auth,esp,dst
ip6tables -A INPUT -m rt --rt-segsleft x
ip6tables -A INPUT -m rt --rt-segsleft 1:x
ip6tables -A INPUT -m rt --rt-segsleft 1x
ip6tables -A INPUT -m rt --rt-segsleft 1:2:3
ip6tables -A INPUT -m rt --rt-segsleft :5
ip6tables -A INPUT -m rt --rt-segsleft 5:
ip6tables -A INPUT -m frag --fragid 4294967296
ip6tables -A INPUT -m frag --fragmore --fraglast
ip6tables -A INPUT -m frag ! --fragres
ip6tables -A INPUT -m rt --rt-type 0 --rt-0-addrs ::1,foo
ip6tables -A INPUT -m rt --rt-type 0 --rt-0-not-strict
ip6tables -A INPUT -m rt --rt-0-res
ip6tables -A INPUT -m rt ! --rt-type 0 --rt-0-res
ip6tables -A INPUT -m rt --rt-type 0 --rt-0-addrs ::1,::2,::3,::4,::5,::6,::7,::8,::9,::10,::11,::12,::13,::14,::15,::16,::17
ip6tables -A INPUT -m ipv6header --header frag --header hop
ip6tables -A INPUT -m ipv6header --header frag --soft --soft
ip6tables -A INPUT -m ipv6header --header ip,ipv6,esp
ip6tables -A INPUT -m ipv6header --header ''
ip6tables -A INPUT -m ipv6header --header hop,,dst
ip6tables -A INPUT -m ipv6header --header 255
ip6tables -A INPUT -m ipv6header ! --header none --soft
ip6tables -A INPUT -m frag
ip6tables -A INPUT -m frag --fragid 5:3
ip6tables -S
ip6tables -L INPUT
ip6tables -L INPUT -n
ip6tables-save | grep -v '^#' | ip6tables-restore --test
