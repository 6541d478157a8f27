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
	[netcat-openbsd]=nc
	[traceroute]=traceroute
	[curl]=curl
	[python3]=python3
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

# Some keys exist only in the initial namespace, or may be written only there:
# net.netfilter.nf_log_all_netns (a namespace other than the initial one logs
# packets with the LOG target only while it is set, nf_log_allowed()) and
# net.netfilter.nf_conntrack_max (a global limit). A scenario's "host" is not
# the initial namespace, so there its own top-level write of such a key fails
# or is a no-op, while on netsim (whose top level is the initial namespace) it
# takes effect. So while a scenario that writes one runs, the real host gets
# the value the scenario writes; for nf_log_all_netns a scenario that reads the
# kernel log (dmesg) and writes none gets 0, the kernel's default. Such
# scenarios run alone (an exclusive lock; every other scenario holds it shared)
# and the host's values are restored after.
global_keys=(net.netfilter.nf_log_all_netns net.netfilter.nf_conntrack_max)
global_lock=/tmp/netsim-record-global.lock
global_restore=()
trap 'rm -rf "$stage"; for kv in "${global_restore[@]}"; do sysctl -qw "$kv"; done' EXIT

# record_one SCENARIO OUTFILE
record_one() {
	local sets=() k v rc
	for k in "${global_keys[@]}"; do
		v=$(grep -Eo "^[^#]*${k//./\\.}=[0-9]+" "$1" | tail -n 1 | sed 's/.*=//')
		if [ -z "$v" ] && [ "$k" = net.netfilter.nf_log_all_netns ] && grep -q '^[^#]*dmesg' "$1"; then v=0; fi
		[ -n "$v" ] && sets+=("$k=$v")
	done
	exec 9>"$global_lock"
	if [ ${#sets[@]} -eq 0 ]; then
		flock -s 9
		record_isolated "$1" "$2"
		rc=$?
		exec 9>&-
		return $rc
	fi
	flock 9
	for kv in "${sets[@]}"; do
		global_restore+=("${kv%%=*}=$(sysctl -n "${kv%%=*}")")
		sysctl -qw "$kv"
	done
	record_isolated "$1" "$2"
	rc=$?
	for kv in "${global_restore[@]}"; do sysctl -qw "$kv"; done
	global_restore=()
	exec 9>&-
	return $rc
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
