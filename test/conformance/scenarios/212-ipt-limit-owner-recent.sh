# limit, owner and recent: listing, -S, parse errors and kernel refusals.
iptables -A INPUT -m limit
iptables -A INPUT -m limit --limit 3/min
iptables -A INPUT -m limit --limit 10/s --limit-burst 20
iptables -A INPUT -m limit --limit 1/hour --limit-burst 1
iptables -A INPUT -m limit --limit 7/day
iptables -A INPUT -m limit --limit 100
iptables -A INPUT -m limit --limit 3/minute
iptables -A INPUT -m limit --limit 20000/sec
iptables -A INPUT -m limit --limit 0/sec
iptables -A INPUT -m limit --limit 3/foo
iptables -A INPUT -m limit ! --limit 3
iptables -A INPUT -m limit --limit-burst 0
iptables -A INPUT -m limit --limit 7/hour --limit-burst 5
iptables -A OUTPUT -m owner --uid-owner 0
iptables -A OUTPUT -m owner --uid-owner root
iptables -A OUTPUT -m owner --socket-exists
iptables -A OUTPUT -m owner --uid-owner nosuchuser
iptables -A OUTPUT -m owner --gid-owner 65534
iptables -A OUTPUT -m owner --uid-owner 65534
iptables -A INPUT -m owner --uid-owner 0
iptables -A OUTPUT -m owner
iptables -A INPUT -m recent --set
iptables -A INPUT -m recent --name ssh --rcheck --seconds 60 --hitcount 3 --rdest
iptables -A INPUT -m recent --name ssh ! --update --seconds 60 --reap
iptables -A INPUT -m recent --remove --name x --mask 255.255.255.0
iptables -A INPUT -m recent --set --rcheck
iptables -A INPUT -m recent --rcheck --hitcount 300
iptables -A INPUT -m recent --set --seconds 5
iptables -A INPUT -m recent --rcheck --reap
iptables -A INPUT -m recent
iptables -L -n
iptables -L
iptables -S
iptables-save
