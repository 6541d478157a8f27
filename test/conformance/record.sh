#!/bin/bash
# Records the conformance corpus on the real kernel (see DESIGN.md, "The oracle
# is the real kernel"). Run as root:
#
#   npm run conformance:record                 # every scenario
#   bash test/conformance/record.sh 012-foo    # only the named ones
#   bash test/conformance/record.sh scenarios/012-foo.sh
#   bash test/conformance/record.sh --check [names...]
#       records each scenario twice and fails if the two outputs differ after
#       normalization (needs node; builds dist/ with tsc if needed): use it
#       for every new scenario, a scenario must be deterministic.
#   bash test/conformance/record.sh -j 8 [--check] [names...]
#       records 8 scenarios at a time (each has its own namespaces).
#
# Each scenario runs through wrap.sh in a fresh network namespace with a
# private mount namespace (its own /run/netns, /sys and /etc/iproute2), with
# stdout and stderr in ONE file, scenarios/NNN-name.out, so that their
# interleaving is kept. The .out files are never edited by hand.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scen_dir="$here/scenarios"
wrap="$here/wrap.sh"

if [ "$(id -u)" != 0 ]; then
	echo "record.sh: must run as root (it creates network namespaces on the real kernel)" >&2
	exit 1
fi

# --- the Debian tools the scenarios use ------------------------------------
# package -> a command it provides
declare -A tools=(
	[iproute2]=ip
	[iputils-ping]=ping
	[iptables]=iptables
	[conntrack]=conntrack
	[tcpdump]=tcpdump
	[socat]=socat
	[net-tools]=ifconfig
	[procps]=sysctl
	[util-linux]=unshare
	[ipset]=ipset
	[kmod]=modprobe
)
missing=()
for pkg in "${!tools[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' &&
		! command -v "${tools[$pkg]}" >/dev/null 2>&1; then
		missing+=("$pkg")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "record.sh: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q && apt-get install -y -q "${missing[@]}" || {
		echo "record.sh: could not install ${missing[*]}" >&2
		exit 1
	}
fi

check=0
jobs=1
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1 ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	*) break ;;
	esac
	shift
done

# --- which scenarios --------------------------------------------------------
scenarios=()
if [ $# -eq 0 ]; then
	for f in "$scen_dir"/*.sh; do scenarios+=("$f"); done
else
	for a in "$@"; do
		n=${a##*/}
		n=${n%.sh}
		n=${n%.out}
		f="$scen_dir/$n.sh"
		if [ ! -f "$f" ]; then
			# allow a bare number or a unique prefix: "012" or "012-foo"
			m=("$scen_dir/$n"*.sh)
			if [ ${#m[@]} -eq 1 ] && [ -f "${m[0]}" ]; then f=${m[0]}; else
				echo "record.sh: no such scenario: $a" >&2
				exit 1
			fi
		fi
		scenarios+=("$f")
	done
fi

# --- the isolated "host" each scenario gets ---------------------------------
# A copy of /etc/iproute2 so that a scenario that edits rt_tables changes only
# its own private mount namespace.
stage=$(mktemp -d /tmp/netsim-record.XXXXXX)
trap 'rm -rf "$stage"' EXIT
cp -a /etc/iproute2 "$stage/iproute2" 2>/dev/null || mkdir -p "$stage/iproute2"

# Runs inside: unshare --net --mount --propagation private
inner='
mkdir -p /run/netns
mount -t tmpfs tmpfs /run/netns
# sysfs shows the devices of the namespace that mounted it
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /etc/iproute2
cp -a "$NETSIM_STAGE"/iproute2/. /etc/iproute2/
unset NETSIM_STAGE
cd /
exec bash "$1" "$2"
'

if [ $check = 1 ]; then
	repo=$(cd "$here/../.." && pwd)
	normjs="$repo/dist/test/conformance/normalize.js"
	if [ ! -f "$normjs" ] || [ "$here/normalize.ts" -nt "$normjs" ]; then
		(cd "$repo" && npx tsc -p .) >&2 || true
	fi
	[ -f "$normjs" ] || { echo "record.sh: $normjs missing (tsc failed?)" >&2; exit 1; }
fi

# The kernel log is the machine's, and a namespace other than the initial one
# logs packets (LOG target) only while the initial namespace's
# net.netfilter.nf_log_all_netns is set (nf_log_allowed()). A scenario's "host"
# is not the initial namespace: there the key does not exist and the
# scenario's own `sysctl -e -w net.netfilter.nf_log_all_netns=1` is a no-op.
# So while a scenario that reads the kernel log (dmesg) runs, the real host
# gets the value the scenario writes (0, the kernel's default, when it writes
# none), as netsim's initial namespace does; such scenarios run one at a time
# (a lock shared by every record.sh) and the host's value is restored after.
klog_lock=/tmp/netsim-record-kmsg.lock
klog_restore=
trap 'rm -rf "$stage"; [ -z "$klog_restore" ] || sysctl -qw net.netfilter.nf_log_all_netns="$klog_restore"' EXIT

# record_one SCENARIO OUTFILE
record_one() {
	if grep -q '^[^#]*dmesg' "$1"; then
		local v=0 rc
		grep -Eq '^[^#]*nf_log_all_netns=1' "$1" && v=1
		exec 9>"$klog_lock"
		flock 9
		klog_restore=$(sysctl -n net.netfilter.nf_log_all_netns)
		sysctl -qw net.netfilter.nf_log_all_netns=$v
		record_isolated "$1" "$2"
		rc=$?
		sysctl -qw net.netfilter.nf_log_all_netns="$klog_restore"
		klog_restore=
		exec 9>&-
		return $rc
	fi
	record_isolated "$1" "$2"
}

# record_isolated SCENARIO OUTFILE
record_isolated() {
	env -i \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
		LC_ALL=C LANG=C TERM=dumb COLUMNS=80 LINES=24 TZ=UTC \
		NETSIM_STAGE="$stage" \
		timeout 120 \
		unshare --net --mount --propagation private \
		bash -c "$inner" record "$wrap" "$1" \
		</dev/null >"$2" 2>&1
}

# do_one SCENARIO: records it (twice with --check) and prints one status line.
do_one() {
	local f=$1 name out status second rc=0
	name=$(basename "$f" .sh)
	out="$scen_dir/$name.out"
	record_one "$f" "$out"
	status=$?
	if [ $status -eq 124 ]; then
		echo "TIMEOUT $name" >&2
		return 1
	fi
	if [ $check = 1 ]; then
		second="$stage/$name.second"
		record_one "$f" "$second"
		if ! diff -u --label "$name.out (1st run)" --label "$name.out (2nd run)" \
			<(node "$normjs" --script "$f" "$out") <(node "$normjs" --script "$f" "$second") >&2; then
			echo "NONDETERMINISTIC $name" >&2
			rc=1
		fi
	fi
	printf '%-40s %4d lines\n' "$name" "$(wc -l <"$out")"
	return $rc
}

rc=0
running=0
for f in "${scenarios[@]}"; do
	if [ "$jobs" -le 1 ]; then
		do_one "$f" || rc=1
		continue
	fi
	if [ $running -ge "$jobs" ]; then
		wait -n || rc=1
		running=$((running - 1))
	fi
	do_one "$f" &
	running=$((running + 1))
done
while [ $running -gt 0 ]; do
	wait -n || rc=1
	running=$((running - 1))
done
exit $rc
