#!/usr/bin/env bash
# Starts and stops moto's S3-compatible server for obs-codes/tests/real_server.rs.
#
#   scripts/s3-server.sh start DIR   # prints the endpoint, e.g. http://127.0.0.1:40123
#   scripts/s3-server.sh stop DIR    # ends that server by its process id
#
# `start` picks a free port on 127.0.0.1, runs `python3 -m moto.server` there in the
# background, writes DIR/pid, DIR/endpoint and DIR/server.log, and waits (60 s at most)
# until the port accepts connections. It installs nothing: .ci/run installs the pinned
# `moto[server]` first. Nothing listens on any address but 127.0.0.1.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
dir=$2

case $1 in
start)
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m moto.server -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "http://127.0.0.1:$port" | tee "$dir/endpoint"
      exit 0
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "the S3 server exited:" >&2; cat "$dir/server.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "the S3 server did not listen on 127.0.0.1:$port within 60 s:" >&2
  cat "$dir/server.log" >&2
  kill "$(cat "$dir/pid")" 2>/dev/null || true
  exit 1
  ;;
stop)
  [ -f "$dir/pid" ] || exit 0
  pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/pid"
  ;;
*) usage ;;
esac
