# modprobe (kmod 30): unknown modules, removal of unknown ones, missing parameters, bad options
modprobe nosuchmodule
modprobe -q nosuchmodule
modprobe -a nosuch1 nosuch2
modprobe -r nosuchmodule
modprobe -r -a nosuch1 nosuch2
modprobe -r -q nosuchmodule
modprobe -n nosuchmodule
modprobe
modprobe -q
modprobe -r
modprobe -x foo
modprobe --nosuchoption foo
modprobe --version
modprobe -V
modprobe --ver
modprobe -w abc -r foo
modprobe -h | head -3
modprobe --help | tail -2
