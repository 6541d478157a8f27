#!/bin/bash
# Runs one conformance scenario: `bash wrap.sh path/to/NNN-name.sh`.
# The same wrapper is used on the real kernel (record.sh) and on netsim
# (conformance.test.ts), so that what it adds is part of both outputs:
#  - each top-level command of the scenario is echoed to stderr before it runs,
#    as "+ <its text>" (unexpanded, as the script spells it), so that a
#    difference is easy to attribute to the command that caused it. This is a
#    DEBUG trap rather than `set -x`, whose lines for the elements of a
#    pipeline are written by the children in a racy order;
#  - a command that fails has its exit status printed as "[exit N]" (ERR trap).
# The DEBUG trap also fires for the ERR trap's own command, with a stale
# $BASH_COMMAND (the failed command, possibly one run inside a function): a
# command that is the last one seen, after a failure, and with no ERR trap run
# since, is that case and is not echoed. (So `false || false` on one line
# echoes only one `+ false`.)
set -T
trap '__wrap_s=$?
if [ "$BASH_SUBSHELL" = 0 ] && [ ${#BASH_SOURCE[@]} = 2 ] && [ ${#FUNCNAME[@]} = 0 ]; then
  if [ -n "$__wrap_err" ] || [ "$__wrap_s" = 0 ] || [ "$BASH_COMMAND" != "$__wrap_seen" ]; then
    printf "+ %s\n" "$BASH_COMMAND" >&2
    __wrap_err=
  fi
fi
__wrap_seen=$BASH_COMMAND' DEBUG
trap '__wrap_on_err $? ${#BASH_SOURCE[@]}' ERR
__wrap_on_err() {
	# $2 = 2: a command of the scenario failed; 1: `source` returned its status
	[ "$2" -gt 1 ] && echo "[exit $1]"
	__wrap_err=1
}
cd "$(dirname "$1")" || exit
source "./${1##*/}"
