# physdev match: options, -L/-v/-S/iptables-save forms, inversion, and the errors of iptables and the kernel
iptables -A FORWARD -m physdev --physdev-in veth0 -j ACCEPT
iptables -A FORWARD -m physdev ! --physdev-in veth0 --physdev-out veth1 -j DROP
iptables -A FORWARD -m physdev --physdev-is-bridged --physdev-out b --physdev-is-out --physdev-in a --physdev-is-in
iptables -A FORWARD -m physdev ! --physdev-is-bridged ! --physdev-out b ! --physdev-is-out ! --physdev-in a ! --physdev-is-in
iptables -A FORWARD -m physdev --physdev-in veth+ --physdev-is-bridged -j RETURN
iptables -A INPUT -m physdev --physdev-in 123456789012345
iptables -A INPUT -m physdev --physdev-in 1234567890123456
iptables -A INPUT -m physdev --physdev-is-br
iptables -A OUTPUT -m physdev --physdev-out x --physdev-is-bridged
iptables -A OUTPUT -m physdev --physdev-in a
iptables -A OUTPUT -m physdev --physdev-out veth0
iptables -A OUTPUT -m physdev --physdev-is-out
iptables -A OUTPUT -m physdev --physdev-out x ! --physdev-is-bridged
iptables -t mangle -A OUTPUT -m physdev --physdev-is-out
iptables -t mangle -A POSTROUTING -m physdev --physdev-out veth0 --physdev-is-bridged
iptables -t nat -A POSTROUTING -m physdev --physdev-out veth0 -j MASQUERADE
iptables -N user
iptables -A user -m physdev --physdev-out x
iptables -A OUTPUT -j user
iptables -A INPUT -m physdev
iptables -A INPUT -m physdev --physdev-in a --physdev-in b
iptables -A INPUT -m physdev --physdev-in
iptables -A INPUT -m physdev --physdev-is-in --physdev-is-in
iptables -A INPUT -m physdev --physdev-bridged
iptables -L
iptables -L -n -v
iptables -S
iptables -t mangle -S POSTROUTING
iptables -t nat -S POSTROUTING
iptables -C FORWARD -m physdev ! --physdev-is-bridged ! --physdev-out b ! --physdev-is-out ! --physdev-in a ! --physdev-is-in
iptables -D FORWARD -m physdev --physdev-is-bridged --physdev-out b --physdev-is-out --physdev-in a --physdev-is-in
iptables -C FORWARD -m physdev --physdev-is-bridged --physdev-out b --physdev-is-out --physdev-in a --physdev-is-in
iptables-save -t filter
iptables-save -t filter | iptables-restore
iptables -S FORWARD
