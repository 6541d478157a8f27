// socat 1.7.4.4's table of address options (xioopts.c optionnames[]), as `socat -hhh` lists
// it on Debian 12: each option's canonical name, the option groups it belongs to and the
// type of its value, then the aliases. An option is accepted on an address when one of its
// groups is among the address's groups (parseopts_table()); its type decides how the value
// after '=' is read (parseopts()).

/** `name GROUP,GROUP TYPE`, one option a line. */
export const OPTION_DEFS = `
accept-timeout LISTEN STRUCT-TIMEVAL
append FD,OPEN BOOL
async FD,OPEN BOOL
b0 TERMIOS CONST
b1000000 TERMIOS CONST
b110 TERMIOS CONST
b115200 TERMIOS CONST
b1152000 TERMIOS CONST
b1200 TERMIOS CONST
b134 TERMIOS CONST
b150 TERMIOS CONST
b1500000 TERMIOS CONST
b1800 TERMIOS CONST
b19200 TERMIOS CONST
b200 TERMIOS CONST
b2000000 TERMIOS CONST
b230400 TERMIOS CONST
b2400 TERMIOS CONST
b2500000 TERMIOS CONST
b300 TERMIOS CONST
b3000000 TERMIOS CONST
b3500000 TERMIOS CONST
b38400 TERMIOS CONST
b4000000 TERMIOS CONST
b460800 TERMIOS CONST
b4800 TERMIOS CONST
b50 TERMIOS CONST
b500000 TERMIOS CONST
b57600 TERMIOS CONST
b576000 TERMIOS CONST
b600 TERMIOS CONST
b75 TERMIOS CONST
b921600 TERMIOS CONST
b9600 TERMIOS CONST
backlog LISTEN INT
bind SOCKET STRING
brkint TERMIOS BOOL
bs0 TERMIOS CONST
bs1 TERMIOS CONST
bsdly TERMIOS BOOL
chroot PROCESS STRING
chroot-early PROCESS STRING
clocal TERMIOS BOOL
cloexec FD BOOL
connect-timeout SOCKET STRUCT-TIMEVAL
cool-write FD BOOL
cr APPL CONST
cr0 TERMIOS CONST
cr1 TERMIOS CONST
cr2 TERMIOS CONST
cr3 TERMIOS CONST
crdly TERMIOS UNSIGNED-INT
cread TERMIOS BOOL
crnl APPL CONST
crtscts TERMIOS BOOL
cs5 TERMIOS CONST
cs6 TERMIOS CONST
cs7 TERMIOS CONST
cs8 TERMIOS CONST
csize TERMIOS UNSIGNED-INT
cstopb TERMIOS BOOL
dash EXEC BOOL
echo TERMIOS BOOL
echoctl TERMIOS BOOL
echoe TERMIOS BOOL
echok TERMIOS BOOL
echoke TERMIOS BOOL
echonl TERMIOS BOOL
echoprt TERMIOS BOOL
end-close FD CONST
escape APPL INT
f-setlk-rd FD BOOL
f-setlk-wr FD BOOL
f-setlkw-rd FD BOOL
f-setlkw-wr FD BOOL
fdin FORK UNSIGNED-SHORT
fdout FORK UNSIGNED-SHORT
ff0 TERMIOS CONST
ff1 TERMIOS CONST
ffdly TERMIOS BOOL
fiosetown SOCKET INT
flock-ex FD BOOL
flock-ex-nb FD BOOL
flock-sh FD BOOL
flock-sh-nb FD BOOL
flusho TERMIOS BOOL
forever RETRY BOOL
fork CHILD BOOL
fs-append REG BOOL
fs-compr REG BOOL
fs-dirsync REG BOOL
fs-immutable REG BOOL
fs-journal-data REG BOOL
fs-noatime REG BOOL
fs-nodump REG BOOL
fs-notail REG BOOL
fs-secrm REG BOOL
fs-sync REG BOOL
fs-topdir REG BOOL
fs-unrm REG BOOL
ftruncate32 REG OFF_T
ftruncate64 REG OFF64_T
group FD,NAMED GID_T
group-early NAMED GID_T
group-late FD GID_T
hupcl TERMIOS BOOL
icanon TERMIOS BOOL
icrnl TERMIOS BOOL
iexten TERMIOS BOOL
iff-allmulti INTERFACE BOOL
iff-automedia INTERFACE BOOL
iff-broadcast INTERFACE BOOL
iff-debug INTERFACE BOOL
iff-loopback INTERFACE BOOL
iff-master INTERFACE BOOL
iff-multicast INTERFACE BOOL
iff-no-pi INTERFACE BOOL
iff-noarp INTERFACE BOOL
iff-notrailers INTERFACE BOOL
iff-pointopoint INTERFACE BOOL
iff-portsel INTERFACE BOOL
iff-promisc INTERFACE BOOL
iff-running INTERFACE BOOL
iff-slave INTERFACE BOOL
iff-up INTERFACE BOOL
ignbrk TERMIOS BOOL
igncr TERMIOS BOOL
ignorecr HTTP BOOL
ignoreeof APPL BOOL
ignpar TERMIOS BOOL
imaxbel TERMIOS BOOL
inlcr TERMIOS BOOL
inpck TERMIOS BOOL
interval RETRY STRUCT-TIMESPEC
ioctl-bin FD INT:BIN
ioctl-int FD INT:INT
ioctl-intp FD INT:INTP
ioctl-string FD INT:STRING
ioctl-void FD INT
ip-add-membership IP4,IP6 STRUCT-IP_MREQN
ip-freebind IP4,IP6 INT
ip-hdrincl IP4,IP6 INT
ip-mtu IP4,IP6 INT
ip-mtu-discover IP4,IP6 INT
ip-multicast-if IP4,IP6 IP4NAME
ip-multicast-loop IP4,IP6 BYTE
ip-multicast-ttl IP4,IP6 BYTE
ip-options IP4,IP6 BIN
ip-pktinfo IP4,IP6 INT
ip-pktoptions IP4,IP6 INT
ip-recverr IP4,IP6 INT
ip-recvopts IP4,IP6 INT
ip-recvtos IP4,IP6 INT
ip-recvttl IP4,IP6 INT
ip-retopts IP4,IP6 INT
ip-router-alert IP4,IP6 INT
ip-tos IP4,IP6 INT
ip-transparent IP4,IP6 BOOL
ip-ttl IP4,IP6 INT
ipv6-authhdr IP6 INT
ipv6-dstopts IP6 INT
ipv6-hoplimit IP6 INT
ipv6-hopopts IP6 INT
ipv6-join-group IP6 STRUCT-IP_MREQN
ipv6-pktinfo IP6 INT
ipv6-recvdstopts IP6 INT
ipv6-recverr IP6 INT
ipv6-recvhoplimit IP6 INT
ipv6-recvhopopts IP6 INT
ipv6-recvpathmtu IP6 INT
ipv6-recvpktinfo IP6 INT
ipv6-recvrthdr IP6 INT
ipv6-recvtclass IP6 INT
ipv6-rthdr IP6 INT
ipv6-tclass IP6 INT
ipv6-unicast-hops IP6 INT
ipv6-v6only IP6 INT
isig TERMIOS BOOL
ispeed TERMIOS UNSIGNED-INT
istrip TERMIOS BOOL
iuclc TERMIOS BOOL
ixany TERMIOS BOOL
ixoff TERMIOS BOOL
ixon TERMIOS BOOL
lockfile APPL STRING
lowport UDP,TCP,SCTP BOOL
lseek32-cur BLK,REG OFF_T
lseek32-end BLK,REG OFF_T
lseek32-set BLK,REG OFF_T
lseek64-cur BLK,REG OFF64_T
lseek64-end BLK,REG OFF64_T
lseek64-set BLK,REG OFF64_T
max-children CHILD INT
nl0 TERMIOS CONST
nl1 TERMIOS CONST
nldly TERMIOS BOOL
noflsh TERMIOS BOOL
nofork FORK BOOL
null-eof SOCKET BOOL
o-create OPEN BOOL
o-direct OPEN BOOL
o-directory OPEN BOOL
o-dsync OPEN BOOL
o-excl OPEN BOOL
o-largefile OPEN BOOL
o-noatime FD,OPEN BOOL
o-noctty OPEN BOOL
o-nofollow OPEN BOOL
o-nonblock FD,OPEN BOOL
o-rdonly OPEN BOOL
o-rdwr OPEN BOOL
o-rsync OPEN BOOL
o-sync OPEN BOOL
o-trunc OPEN BOOL
o-wronly OPEN BOOL
ocrnl TERMIOS BOOL
ofdel TERMIOS BOOL
ofill TERMIOS BOOL
olcuc TERMIOS BOOL
onlcr TERMIOS BOOL
onlret TERMIOS BOOL
onocr TERMIOS BOOL
openpty PTY BOOL
openssl-cafile OPENSSL STRING
openssl-capath OPENSSL STRING
openssl-certificate OPENSSL STRING
openssl-cipherlist OPENSSL STRING
openssl-commonname OPENSSL STRING
openssl-compress OPENSSL STRING
openssl-dhparam OPENSSL STRING
openssl-egd OPENSSL STRING
openssl-key OPENSSL STRING
openssl-max-proto-version OPENSSL STRING
openssl-min-proto-version OPENSSL STRING
openssl-no-sni OPENSSL BOOL
openssl-pseudo OPENSSL BOOL
openssl-snihost OPENSSL STRING
openssl-verify OPENSSL BOOL
opost TERMIOS BOOL
ospeed TERMIOS UNSIGNED-INT
parenb TERMIOS BOOL
parmrk TERMIOS BOOL
parodd TERMIOS BOOL
path EXEC STRING
pendin TERMIOS BOOL
perm FD,NAMED MODE_T
perm-early NAMED MODE_T
perm-late FD MODE_T
pipes FORK BOOL
protocol-family SOCKET STRING
proxy-authorization HTTP STRING
proxy-authorization-file HTTP STRING
proxy-resolve HTTP BOOL
proxyport HTTP STRING
ptmx PTY BOOL
pty FORK BOOL
pty-interval PTY STRUCT-TIMESPEC
pty-wait-slave PTY BOOL
range RANGE STRING
raw TERMIOS CONST
readbytes APPL SIZE_T
res-debug IP4,IP6 BOOL
res-defnames IP4,IP6 BOOL
res-dnsrch IP4,IP6 BOOL
res-igntc IP4,IP6 BOOL
res-recurse IP4,IP6 BOOL
res-stayopen IP4,IP6 BOOL
res-usevc IP4,IP6 BOOL
retry RETRY UNSIGNED-INT
sane TERMIOS CONST
setgid PROCESS GID_T
setgid-early PROCESS GID_T
setpgid FORK INT
setsid PROCESS BOOL
setsockopt SOCKET INT:INT:BIN
setsockopt-bin SOCKET INT:INT:BIN
setsockopt-int SOCKET INT:INT:INT
setsockopt-listen SOCKET INT:INT:BIN
setsockopt-string SOCKET INT:INT:STRING
setuid PROCESS UID_T
setuid-early PROCESS UID_T
shut-close FD CONST
shut-down FD CONST
shut-none FD CONST
shut-null FD CONST
sighup PARENT CONST
sigint PARENT CONST
sigquit PARENT CONST
siocspgrp SOCKET INT
so-acceptconn SOCKET INT
so-attach-filter SOCKET INT
so-bindtodevice SOCKET STRING
so-broadcast SOCKET INT
so-bsdcompat SOCKET INT
so-debug SOCKET INT
so-detach-filter SOCKET INT
so-dontroute SOCKET INT
so-error SOCKET INT
so-keepalive SOCKET INT
so-linger SOCKET STRUCT-LINGER
so-no-check SOCKET INT
so-oobinline SOCKET INT
so-passcred SOCKET INT
so-peercred SOCKET INT[3]
so-priority SOCKET INT
so-protocol SOCKET INT
so-rcvbuf SOCKET INT
so-rcvbuf-late SOCKET INT
so-rcvlowat SOCKET INT
so-reuseaddr SOCKET INT
so-reuseport SOCKET INT
so-security-authentication SOCKET INT
so-security-encryption-network SOCKET INT
so-security-encryption-transport SOCKET INT
so-sndbuf SOCKET INT
so-sndbuf-late SOCKET INT
so-sndlowat SOCKET INT
so-timestamp SOCKET INT
so-type SOCKET INT
socksport SOCKS4 STRING
socksuser SOCKS4 STRING
sourceport UDP,TCP,SCTP UNSIGNED-SHORT
stderr FORK BOOL
substuser PROCESS UID_T
substuser-delayed PROCESS UID_T
substuser-early PROCESS UID_T
symbolic-link PTY STRING
tab0 TERMIOS CONST
tab1 TERMIOS CONST
tab2 TERMIOS CONST
tab3 TERMIOS CONST
tabdly TERMIOS UNSIGNED-INT
tcp-cork TCP INT
tcp-defer-accept TCP INT
tcp-info TCP INT
tcp-keepcnt TCP INT
tcp-keepidle TCP INT
tcp-keepintvl TCP INT
tcp-linger2 TCP INT
tcp-maxseg TCP INT
tcp-maxseg-late TCP INT
tcp-md5sig TCP INT
tcp-nodelay TCP INT
tcp-quickack TCP INT
tcp-syncnt TCP INT
tcp-window-clamp TCP INT
tcpwrap-etc RANGE STRING
tcpwrap-hosts-allow-table RANGE STRING
tcpwrap-hosts-deny-table RANGE STRING
tcpwrappers RANGE STRING-NULL
termios-cfmakeraw TERMIOS CONST
termios-rawer TERMIOS CONST
tiocsctty TERMIOS BOOL
tostop TERMIOS BOOL
tun-device INTERFACE STRING
tun-name INTERFACE STRING
tun-type INTERFACE STRING
umask NAMED MODE_T
unix-tightsocklen UNIX BOOL
unlink NAMED BOOL
unlink-close NAMED BOOL
unlink-early NAMED BOOL
unlink-late NAMED BOOL
user FD,NAMED UID_T
user-early NAMED UID_T
user-late FD UID_T
vdiscard TERMIOS BYTE
veof TERMIOS BYTE
veol TERMIOS BYTE
veol2 TERMIOS BYTE
verase TERMIOS BYTE
vintr TERMIOS BYTE
vkill TERMIOS BYTE
vlnext TERMIOS BYTE
vmin TERMIOS BYTE
vquit TERMIOS BYTE
vreprint TERMIOS BYTE
vstart TERMIOS BYTE
vstop TERMIOS BYTE
vsusp TERMIOS BYTE
vswtc TERMIOS BYTE
vt0 TERMIOS CONST
vt1 TERMIOS CONST
vtdly TERMIOS BOOL
vtime TERMIOS BYTE
vwerase TERMIOS BYTE
waitlock APPL STRING
xcase TERMIOS BOOL
xtabs TERMIOS CONST
`;

/** `alias>name` pairs. */
export const OPTION_ALIASES = `
acceptconn>so-acceptconn add-membership>ip-add-membership allmulti>iff-allmulti allow-table>tcpwrap-hosts-allow-table attach-filter>so-attach-filter attachfilter>so-attach-filter
authhdr>ipv6-authhdr automedia>iff-automedia bindtodevice>so-bindtodevice broadcast>so-broadcast bsdcompat>so-bsdcompat bytes>readbytes
cafile>openssl-cafile capath>openssl-capath cert>openssl-certificate certificate>openssl-certificate cfmakeraw>termios-cfmakeraw cipher>openssl-cipherlist
cipherlist>openssl-cipherlist ciphers>openssl-cipherlist close>end-close cn>openssl-commonname commonname>openssl-commonname compr>fs-compr
compress>openssl-compress coolwrite>cool-write cork>tcp-cork creat>o-create create>o-create crlf>crnl
crterase>echoe crtkill>echoke ctlecho>echoctl ctty>tiocsctty debug>so-debug defer-accept>tcp-defer-accept
defnames>res-defnames delete>unlink deny-table>tcpwrap-hosts-deny-table detach-filter>so-detach-filter detachfilter>so-detach-filter dh>openssl-dhparam
dhparam>openssl-dhparam dhparams>openssl-dhparam direct>o-direct directory>o-directory dirsync>fs-dirsync discard>vdiscard
dnsrch>res-dnsrch dontroute>so-dontroute dstopts>ipv6-dstopts dsync>o-dsync egd>openssl-egd eof>veof
eol>veol eol2>veol2 erase>verase error>so-error excl>o-excl ext2-append>fs-append
ext2-compr>fs-compr ext2-dirsync>fs-dirsync ext2-immutable>fs-immutable ext2-journal-data>fs-journal-data ext2-noatime>fs-noatime ext2-nodump>fs-nodump
ext2-notail>fs-notail ext2-secrm>fs-secrm ext2-sync>fs-sync ext2-topdir>fs-topdir ext2-unrm>fs-unrm ext3-append>fs-append
ext3-compr>fs-compr ext3-dirsync>fs-dirsync ext3-immutable>fs-immutable ext3-journal-data>fs-journal-data ext3-noatime>fs-noatime ext3-nodump>fs-nodump
ext3-notail>fs-notail ext3-secrm>fs-secrm ext3-sync>fs-sync ext3-topdir>fs-topdir ext3-unrm>fs-unrm f-setlk>f-setlk-wr
f-setlkw>f-setlkw-wr flock>flock-ex flock-nb>flock-ex-nb freebind>ip-freebind ftruncate>ftruncate64 gid>group
gid-e>group-early gid-l>group-late hdrincl>ip-hdrincl hoplimit>ipv6-hoplimit hopopts>ipv6-hopopts hosts-allow>tcpwrap-hosts-allow-table
hosts-deny>tcpwrap-hosts-deny-table hup>hupcl if>so-bindtodevice ignoreof>ignoreeof igntc>res-igntc immutable>fs-immutable
info>tcp-info interface>so-bindtodevice intervall>interval intr>vintr ioctl>ioctl-void ip-membership>ip-add-membership
ipfreebind>ip-freebind iphdrincl>ip-hdrincl ipmtu>ip-mtu ipmtudiscover>ip-mtu-discover ipmulticastloop>ip-multicast-loop ipmulticastttl>ip-multicast-ttl
ipoptions>ip-options ippktinfo>ip-pktinfo ippktoptions>ip-pktoptions iprecverr>ip-recverr iprecvopts>ip-recvopts iprecvtos>ip-recvtos
iprecvttl>ip-recvttl ipretopts>ip-retopts iprouteralert>ip-router-alert iptos>ip-tos ipttl>ip-ttl ipv6-add-membership>ipv6-join-group
ipv6only>ipv6-v6only join-group>ipv6-join-group journal>fs-journal-data journal-data>fs-journal-data keepalive>so-keepalive keepcnt>tcp-keepcnt
keepidle>tcp-keepidle keepintvl>tcp-keepintvl key>openssl-key kill>vkill largefile>o-largefile libwrap>tcpwrappers
linger>so-linger linger2>tcp-linger2 link>symbolic-link listen-timeout>accept-timeout lnext>vlnext lock>f-setlkw-wr
lockw>f-setlkw-wr login>dash loopback>iff-loopback lseek>lseek64-set lseek32>lseek32-set lseek64>lseek64-set
master>iff-master max-version>openssl-max-proto-version maxchildren>max-children maxseg>tcp-maxseg maxseg-late>tcp-maxseg-late membership>ip-add-membership
min>vmin min-version>openssl-min-proto-version mode>perm mss>tcp-maxseg mss-late>tcp-maxseg-late mtu>ip-mtu
mtudiscover>ip-mtu-discover multicast>iff-multicast multicast-if>ip-multicast-if multicast-loop>ip-multicast-loop multicast-ttl>ip-multicast-ttl multicastloop>ip-multicast-loop
multicastttl>ip-multicast-ttl ndelay>o-nonblock new>unlink-early no-check>so-no-check no-pi>iff-no-pi no-sni>openssl-no-sni
noarp>iff-noarp noatime>o-noatime nocheck>so-no-check noctty>o-noctty nodelay>tcp-nodelay nodump>fs-nodump
nofollow>o-nofollow nonblock>o-nonblock nosni>openssl-no-sni notrailers>iff-notrailers o-append>append o-async>async
o-creat>o-create o-ndelay>o-nonblock o_create>o-create o_direct>o-direct o_directory>o-directory o_dsync>o-dsync
o_excl>o-excl o_largefile>o-largefile o_ndelay>o-nonblock o_noctty>o-noctty o_nofollow>o-nofollow o_rdonly>o-rdonly
o_rdwr>o-rdwr o_rsync>o-rsync o_sync>o-sync o_wronly>o-wronly oobinline>so-oobinline openssl-dhparams>openssl-dhparam
owner>user passcred>so-passcred peercred>so-peercred pf>protocol-family pgid>setpgid pktinfo>ip-pktinfo
pktoptions>ip-pktoptions pktopts>ip-pktoptions pointopoint>iff-pointopoint portsel>iff-portsel priority>so-priority promisc>iff-promisc
protocol>so-protocol prototype>so-protocol proxy-auth>proxy-authorization proxyauth>proxy-authorization proxyauthfile>proxy-authorization-file prterase>echoprt
pseudo>openssl-pseudo pty-intervall>pty-interval quickack>tcp-quickack quit>vquit rawer>termios-rawer rcvbuf>so-rcvbuf
rcvbuf-late>so-rcvbuf-late rcvlowat>so-rcvlowat rdonly>o-rdonly rdwr>o-rdwr recurse>res-recurse recvdstopts>ipv6-recvdstopts
recverr>ip-recverr recvhoplimit>ipv6-recvhoplimit recvhopopts>ipv6-recvhopopts recvopts>ip-recvopts recvpktinfo>ipv6-recvpktinfo recvrthdr>ipv6-recvrthdr
recvtos>ip-recvtos recvttl>ip-recvttl remove>unlink reprint>vreprint resolv>proxy-resolve resolve>proxy-resolve
retopts>ip-retopts reuseaddr>so-reuseaddr reuseport>so-reuseport routeralert>ip-router-alert rprnt>vreprint rsync>o-rsync
rthdr>ipv6-rthdr running>iff-running secrm>fs-secrm security-authentication>so-security-authentication security-encryption-network>so-security-encryption-network security-encryption-transport>so-security-encryption-transport
securityauthentication>so-security-authentication securityencryptionnetwork>so-security-encryption-network securityencryptiontransport>so-security-encryption-transport seek>lseek64-set seek-cur>lseek64-cur seek-end>lseek64-end
seek-set>lseek64-set setlk>f-setlk-wr setlk-rd>f-setlk-rd setlk-wr>f-setlk-wr setlkw>f-setlkw-wr setlkw-rd>f-setlkw-rd
setlkw-wr>f-setlkw-wr sid>setsid slave>iff-slave sndbuf>so-sndbuf sndbuf-late>so-sndbuf-late sndlowat>so-sndlowat
snihost>openssl-snihost so-prototype>so-protocol sockopt>setsockopt sockopt-bin>setsockopt-bin sockopt-int>setsockopt-int sockopt-listen>setsockopt-listen
sockopt-string>setsockopt-string socktype>so-type sp>sourceport start>vstart stayopen>res-stayopen stop>vstop
su>substuser su-d>substuser-delayed su-e>substuser-early susp>vsusp swtc>vswtc swtch>vswtc
sync>o-sync syncnt>tcp-syncnt tandem>ixoff tcpwrap>tcpwrappers tcpwrap-dir>tcpwrap-etc tcpwrapper>tcpwrappers
tightsocklen>unix-tightsocklen time>vtime timestamp>so-timestamp topdir>fs-topdir tos>ip-tos transparent>ip-transparent
trunc>o-trunc truncate>ftruncate64 ttl>ip-ttl tun-no-pi>iff-no-pi type>so-type uid>user
uid-e>user-early uid-l>user-late unicast-hops>ipv6-unicast-hops unrm>fs-unrm up>iff-up usevc>res-usevc
v6only>ipv6-v6only verify>openssl-verify wait-slave>pty-wait-slave waitslave>pty-wait-slave werase>vwerase window-clamp>tcp-window-clamp
wrap>tcpwrappers wronly>o-wronly
`;
