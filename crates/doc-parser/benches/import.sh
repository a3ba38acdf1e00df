#!/usr/bin/env bash
# Measures `codegen import` (release build, whole process) next to its floor, a bare
# pulldown-cmark pass over the same pages (examples/floor.rs): wall time (hyperfine), peak
# memory (/usr/bin/time) and, when valgrind is installed, instruction counts (callgrind,
# one thread: repeatable on a busy machine, unlike wall time).
#
#   crates/doc-parser/benches/import.sh [DOCS_DIR]      (default: ../shared/docs/2026-08)
#
# Needs hyperfine (`apt-get install hyperfine`); valgrind is optional.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

docs="${1:-../shared/docs/2026-08}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo build --release -p codegen
cargo build --release -p b24-doc-parser --example floor

floor="target/release/examples/floor $docs"
import="target/release/codegen import --docs $docs --out $out/specs"
# The first import writes every spec (its peak memory is the larger: the texts it writes are
# kept); the measured ones find them unchanged, as a re-import of a committed specs/ does.
/usr/bin/time -f 'import into an empty folder: %e s wall, %M KB peak' $import > /dev/null

hyperfine -w 2 -r 10 -N "$floor" "$import"
/usr/bin/time -f 'import: %e s wall, %U s user, %M KB peak' $import > /dev/null
/usr/bin/time -f 'floor:  %e s wall, %U s user, %M KB peak' $floor > /dev/null

if command -v valgrind > /dev/null; then
    for command in "$floor" "$import"; do
        printf '%s: ' "${command%% *}"
        RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            $command 2>&1 > /dev/null | grep -o 'Collected : [0-9]*'
    done
fi
