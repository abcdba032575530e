#!/usr/bin/env bash
# The time-skipping test server, as the Temporal SDK expects it: temporal-test-server <port> [flags].
# Besides the stock flags it takes --start-time <ISO-8601 instant> to start the server's clock there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath="$here/classes:$here/lib/*"
args=()
start_time=""
while [ $# -gt 0 ]; do
  case "$1" in
    --start-time) start_time="$2"; shift 2 ;;
    --start-time=*) start_time="${1#--start-time=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -n "$start_time" ]; then
  port="${args[0]}"
  exec java -cp "$classpath" StartAtTestServer "$port" "$start_time" "${args[@]:1}"
fi
exec java -cp "$classpath" io.temporal.testserver.TestServer "${args[@]}"
