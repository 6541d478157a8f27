#!/bin/bash
# Runs one conformance scenario. The same wrapper is used on the real kernel
# (record.sh) and on netsim (conformance.test.ts), so that the exit status of a
# failing command is part of the output: it is printed as "[exit N]".
# Only failures of commands of the scenario itself are reported (not the
# non-zero status that `source` returns when the scenario's last command fails).
trap '__rc=$?; [ ${#BASH_SOURCE[@]} -gt 1 ] && echo "[exit $__rc]"' ERR
cd "$(dirname "$1")" || exit
source "./${1##*/}"
