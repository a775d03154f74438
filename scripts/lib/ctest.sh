#!/usr/bin/env bash
# Runs CTest in a build dir; extra arguments go to ctest.
set -euo pipefail
build_dir=$1
shift
cd "$build_dir"
exec ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
