#!/usr/bin/env bash
# The lookup benchmark's keystrokes through `fzf --filter`, for comparison.
#
#   target/release/stationdesk bench search --db DB --queries 200 --dump DIR
#   benches/fzf_compare.sh DIR [N]
#
# Runs the first N keystrokes (default 300) of DIR/keystrokes.txt, each as one
# `fzf --filter` over DIR/keys.txt (one line per person: name, full pinyin, initials, ID
# number, phone digits), and prints the time per keystroke like `bench search` does. Every
# run includes fzf reading and matching the whole list, which is what a filter per
# keystroke costs; fzf's interactive mode keeps the list in memory instead.
set -euo pipefail
dir=$1
n=${2:-300}
times=$(mktemp)
head -n "$n" "$dir/keystrokes.txt" | while IFS= read -r q; do
    start=$(date +%s%N)
    fzf --filter "$q" < "$dir/keys.txt" > /dev/null || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >> "$times"
done
sort -n "$times" | awk -v people="$(wc -l < "$dir/keys.txt")" '
    { t[NR] = $1; sum += $1 }
    END {
        p50 = t[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]
        p99 = t[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
        printf "{\"tool\":\"fzf --filter\",\"people\":%d,\"keystrokes\":%d,\"p50_us\":%d,\"p99_us\":%d,\"max_us\":%d,\"mean_us\":%d}\n",
            people, NR, p50, p99, t[NR], sum / NR
    }'
rm -f "$times"
