#!/usr/bin/env bash
# Corpus benchmark (issue 5): generate a corpus of letters from the fixture letters, then time, in
# one run, the floor (reading the files), `imr parse --format jsonl` and `imr check --format json`
# over it, with one worker thread and with all cores, and print each time, MB/s, the ratio to the
# floor, the scaling from one thread to all, and peak memory.
#
#   bash benches/corpus.sh [DIR]
#
# DIR (default $IMR_CORPUS_DIR, else /tmp/imr-corpus) is regenerated on every run; a folder that
# exists and was not made by this script is refused. Settings (environment):
#   LETTERS=20000   how many letters to generate
#   RUNS=3          runs per command; the fastest is reported (the page cache is warmed first)
#   SEED=5          seed of the variations
# Not part of `cargo test` or CI: it takes a few minutes (most of it the release build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-${IMR_CORPUS_DIR:-/tmp/imr-corpus}}"
letters="${LETTERS:-20000}"
runs="${RUNS:-3}"
seed="${SEED:-5}"
cores="$(nproc)"
marker=".imr-corpus"

# --- corpus ---------------------------------------------------------------------------------------
if [[ -e "$dir" ]]; then
    if [[ ! -e "$dir/$marker" ]]; then
        echo "corpus.sh: $dir exists and was not made by this script; give another folder" >&2
        exit 2
    fi
    rm -rf -- "$dir"
fi
mkdir -p -- "$dir"
touch -- "$dir/$marker"

echo "generating $letters letters in $dir ..."
python3 - "$root/tests/fixtures" "$dir" "$letters" "$seed" <<'PY'
"""Write LETTERS letters made from the fixture letters (corpus/ and samples/), each with its own
case number and with dates, ages and quantities varied consistently within the letter."""
import datetime
import pathlib
import random
import re
import sys

fixtures, out, count, seed = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sources = sorted(fixtures.glob("corpus/*.txt")) + sorted(fixtures.glob("samples/*.txt"))
texts = [(p.stem, p.read_text(encoding="utf-8", errors="surrogateescape")) for p in sources]
rng = random.Random(seed)

SLASH_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
DASH_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{2})\b")
AGE = re.compile(r"\b(\d{2})([- ]year[- ]old)")
QUANTITY = re.compile(r"(#\s?|QTY:?\s?|[Qq]uantity:?\s?|x\s?)(\d{1,3})\b")
COUNT = re.compile(r"\b(\d{1,2})( (?:sessions|visits|tablets|capsules|patches|refills))\b")
CASE = re.compile(r"\bCM\d{2}-\d{7}\b")


def vary(text, index):
    shift = datetime.timedelta(days=rng.randint(-900, 900))
    ages, quantities = {}, {}

    def slash(m):
        try:
            d = datetime.date(int(m[3]), int(m[1]), int(m[2])) + shift
        except ValueError:
            return m[0]
        return d.strftime("%m/%d/%Y")

    def dash(m):
        try:
            d = datetime.date(2000 + int(m[3]), int(m[1]), int(m[2])) + shift
        except ValueError:
            return m[0]
        return f"{d.month}-{d.day}-{d.year % 100:02d}"

    def age(m):
        return str(ages.setdefault(m[1], rng.randint(19, 79))) + m[2]

    def quantity(m):
        return m[1] + str(quantities.setdefault(m[2], rng.randint(1, 180)))

    def count(m):
        return str(quantities.setdefault(m[1], rng.randint(1, 24))) + m[2]

    case = f"CM{rng.randint(13, 19)}-{index:07d}"
    text = SLASH_DATE.sub(slash, text)
    text = DASH_DATE.sub(dash, text)
    text = AGE.sub(age, text)
    text = QUANTITY.sub(quantity, text)
    text = COUNT.sub(count, text)
    return CASE.sub(case, text)


for i in range(count):
    stem, text = texts[i % len(texts)]
    (out / f"{i:05d}_{stem}.txt").write_text(vary(text, i), encoding="utf-8", errors="surrogateescape")
PY

files="$(find "$dir" -name '*.txt' | wc -l)"
bytes="$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')"
mb="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
echo "corpus: $files letters, $bytes bytes ($mb MB)"

# --- build ----------------------------------------------------------------------------------------
echo "building the release binary ..."
(cd "$root" && cargo build --release --quiet)
imr="${CARGO_TARGET_DIR:-$root/target}/release/imr"
[[ -x "$imr" ]] || { echo "corpus.sh: no binary at $imr" >&2; exit 2; }
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$root" diff --quiet HEAD -- src 2>/dev/null; then commit="$commit (with uncommitted changes)"; fi

# Sanity: every generated letter should still conform (status 1 means some have errors).
summary="$("$imr" check "$dir" 2>&1 | tail -n 1)" || true
echo "check: $summary"

# --- timing ---------------------------------------------------------------------------------------
gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then gnu_time=/usr/bin/time; fi

floor() { find "$dir" -name '*.txt' -print0 | xargs -0 cat | wc -l >/dev/null; }

now() { date +%s.%N; }

# best_of THREADS COMMAND...: runs COMMAND (stdout to /dev/null) $runs times with
# RAYON_NUM_THREADS=THREADS and sets $best (seconds, the fastest run) and $peak (that run's
# maximum resident set size in kB, "n/a" without GNU time). Status 1 (letters with errors) is
# accepted; anything else stops the script.
best_of() {
    local threads=$1 i start end t rss status log
    shift
    best="" peak="n/a"
    log="$(mktemp)"
    for ((i = 0; i < runs; i++)); do
        status=0
        start="$(now)"
        if [[ -n "$gnu_time" ]]; then
            RAYON_NUM_THREADS="$threads" "$gnu_time" -v -o "$log" "$@" >/dev/null || status=$?
        else
            RAYON_NUM_THREADS="$threads" "$@" >/dev/null || status=$?
        fi
        end="$(now)"
        if ((status > 1)); then
            echo "corpus.sh: $* exited with status $status" >&2
            exit 2
        fi
        rss="n/a"
        [[ -z "$gnu_time" ]] || rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")"
        t="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')"
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best="$t" peak="$rss"
        fi
    done
    rm -f -- "$log"
}

best_floor() {
    local i start end t
    best=""
    for ((i = 0; i < runs; i++)); do
        start="$(now)"
        floor
        end="$(now)"
        t="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')"
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
    done
}

floor # warm the page cache
echo
echo "commit $commit, $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), best of $runs runs"
echo "load average before timing: $(cut -d" " -f1-3 /proc/loadavg) (other processes skew the times; prefer a quiet machine)"
[[ -n "$gnu_time" ]] || echo "peak memory: not available (no GNU /usr/bin/time)"
printf '%-44s %9s %9s %9s %12s\n' command seconds MB/s "x floor" "peak RSS MB"

best_floor
floor_s=$best
row() {
    local label=$1 s=$2 rss=$3
    local mbs ratio mem
    mbs="$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.0f", b / 1e6 / s }')"
    ratio="$(awk -v s="$s" -v f="$floor_s" 'BEGIN { printf "%.2f", s / f }')"
    if [[ "$rss" == n/a ]]; then mem=n/a; else mem="$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"; fi
    printf '%-44s %9s %9s %9s %12s\n' "$label" "$s" "$mbs" "$ratio" "$mem"
}
row "find | xargs cat | wc -l (floor)" "$floor_s" n/a

declare -A seconds
for name in parse check; do
    for threads in "$cores" 1; do
        case $name in
            parse) label="imr parse --format jsonl" ;;
            check) label="imr check --format json" ;;
        esac
        # shellcheck disable=SC2086 # $label splits into the command's words on purpose
        best_of "$threads" "$imr" ${label#imr } "$dir"
        seconds[$name.$threads]=$best
        row "RAYON_NUM_THREADS=$threads $label" "$best" "$peak"
    done
done

echo
for name in parse check; do
    awk -v one="${seconds[$name.1]}" -v all="${seconds[$name.$cores]}" -v n="$name" -v c="$cores" \
        'BEGIN { printf "scaling %s: 1 thread / %d threads = %.2fx (ideal %d)\n", n, c, one / all, c }'
done
