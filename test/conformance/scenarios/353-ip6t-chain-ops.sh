# ip6tables chain operations: -N -E -X -F -Z -P, jumps and references, -I/-R/-D by number and their errors.
ip6tables -N web
ip6tables -N ssh
ip6tables -N web
ip6tables -N INPUT
ip6tables -N REJECT
ip6tables -N -bad
ip6tables -A INPUT -p tcp --dport 80 -j web
ip6tables -A INPUT -p tcp --dport 22 -g ssh
ip6tables -A web -s 2001:db8::/48 -j ACCEPT
ip6tables -A web -j RETURN
ip6tables -A ssh -j web
ip6tables -A web -j ssh
ip6tables -L -n
ip6tables -X web
ip6tables -E web http
ip6tables -E http ssh
ip6tables -E nosuch x
ip6tables -S
ip6tables -I INPUT 2 -p tcp --dport 443 -j http
ip6tables -I INPUT 5 -j ACCEPT
ip6tables -R INPUT 1 -p tcp --dport 8080 -j http
ip6tables -R INPUT 9 -j DROP
ip6tables -D INPUT 9
ip6tables -D INPUT 2
ip6tables -L INPUT -n --line-numbers
ip6tables -P INPUT DROP
ip6tables -P OUTPUT REJECT
ip6tables -P http ACCEPT
ip6tables -P FORWARD DROP
ip6tables -F http
ip6tables -X http
ip6tables -F
ip6tables -X http
ip6tables -X
ip6tables -Z
ip6tables -L -v
ip6tables -t raw -N x
ip6tables -t raw -L -n
ip6tables -t security -S
ip6tables -t mangle -L -n
ip6tables -t nat -L -n
ip6tables-save
