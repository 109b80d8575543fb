#!/usr/bin/env bash
# Corpus benchmark (issues 5, 14 and 15): generate a corpus of letters from the fixture letters,
# then time, in one run, the floor (reading the files), `imr parse --format jsonl`, `imr check
# --format json`, `imr export --table items --format parquet` and `imr report` over it, with one
# worker thread and with all cores, and print each time, MB/s, the ratio to the
# floor, the scaling from one thread to all, and peak memory. As the machine's own ceiling for that
# scaling, it also times one single-threaded process per core at once, each on its own part of the
# corpus (the letters are dealt into one folder per core).
#
#   bash benches/corpus.sh [DIR]
#
# DIR (default $IMR_CORPUS_DIR, else /tmp/imr-corpus) is regenerated on every run; a folder that
# exists and was not made by this script is refused. Settings (environment):
#   LETTERS=20000   how many letters to generate
#   RUNS=5          runs per command; the fastest is reported (the page cache is warmed first)
#   SEED=5          seed of the variations
# Not part of `cargo test` or CI: it takes a few minutes (most of it the release build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-${IMR_CORPUS_DIR:-/tmp/imr-corpus}}"
letters="${LETTERS:-20000}"
runs="${RUNS:-5}"
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
python3 - "$root/tests/fixtures" "$dir" "$letters" "$seed" "$cores" <<'PY'
"""Write LETTERS letters made from the fixture letters (corpus/ and samples/), each with its own
case number and with dates, ages and quantities varied consistently within the letter, dealt in
turn into one folder per core (part0, part1, ...)."""
import datetime
import pathlib
import random
import re
import sys

fixtures, out, count, seed = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
parts = int(sys.argv[5])
for k in range(parts):
    (out / f"part{k}").mkdir()
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
    (out / f"part{i % parts}" / f"{i:05d}_{stem}.txt").write_text(vary(text, i), encoding="utf-8", errors="surrogateescape")
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
log="$(mktemp)"
parquet_out="$(mktemp -d)"
trap 'rm -f -- "$log"; rm -rf -- "$parquet_out"' EXIT

now() { date +%s.%N; }

# The commands timed, by name: the floor, then each of `parse`, `check` and `export` (the items
# table to Parquet, the largest) with every core, with one worker thread, and (but for export)
# as one single-threaded process per core at once, each on its own part of the corpus. The parts share nothing, so the last is the machine's own ceiling for the
# scaling from one thread to all.
jobs=(floor)
declare -A label cmd_args
label[floor]="find | xargs cat | wc -l (floor)"
for name in parse check export report; do
    case $name in
        parse) args="parse --format jsonl" ;;
        check) args="check --format json" ;;
        export) args="export --table items --format parquet -o $parquet_out/items.parquet" ;;
        report) args="report -o $parquet_out/report.html" ;;
    esac
    jobs+=("$name.$cores" "$name.1")
    label[$name.$cores]="RAYON_NUM_THREADS=$cores imr ${args/$parquet_out\//}"
    label[$name.1]="RAYON_NUM_THREADS=1 imr ${args/$parquet_out\//}"
    cmd_args[$name]=$args
    # One process per part writing one file is the machine's ceiling for the scaling; two
    # processes cannot write one Parquet file or one page, so export and report have no such job.
    if [[ $name != export && $name != report ]]; then
        jobs+=("$name.split")
        label[$name.split]="$cores x RAYON_NUM_THREADS=1 imr $args PART"
    fi
done

# run_job NAME: runs the job once, stdout to /dev/null; sets $rss (peak resident set size in kB
# of a single process, "n/a" otherwise). Status 1 (letters with errors) is accepted; anything
# else stops the script.
run_job() {
    local name=$1 k status=0
    rss="n/a"
    case $name in
        floor) find "$dir" -name '*.txt' -print0 | xargs -0 cat | wc -l >/dev/null ;;
        *.split)
            for ((k = 0; k < cores; k++)); do
                # shellcheck disable=SC2086 # the arguments split into words on purpose
                RAYON_NUM_THREADS=1 "$imr" ${cmd_args[${name%.split}]} "$dir/part$k" >/dev/null &
            done
            for ((k = 0; k < cores; k++)); do wait -n || status=$(($? > status ? $? : status)); done
            ;;
        *)
            local threads=${name#*.} cmd=(${cmd_args[${name%.*}]})
            if [[ -n "$gnu_time" ]]; then
                RAYON_NUM_THREADS="$threads" "$gnu_time" -v -o "$log" "$imr" "${cmd[@]}" "$dir" >/dev/null || status=$?
                rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")"
            else
                RAYON_NUM_THREADS="$threads" "$imr" "${cmd[@]}" "$dir" >/dev/null || status=$?
            fi
            ;;
    esac
    if ((status > 1)); then
        echo "corpus.sh: $name exited with status $status" >&2
        exit 2
    fi
}

# Rounds: every command once per round, in turn, so that a slow spell of the machine (common on
# shared virtual machines) slows every command alike rather than all the runs of one.
declare -A times peak
run_job floor # warm the page cache
for ((i = 0; i < runs; i++)); do
    for name in "${jobs[@]}"; do
        start="$(now)"
        run_job "$name"
        end="$(now)"
        times[$name]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') "
        [[ "$rss" == n/a ]] || peak[$name]=$((rss > ${peak[$name]:-0} ? rss : ${peak[$name]:-0}))
    done
done

# best NAME / median NAME: the fastest and the median time of the job, in seconds.
best() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -g | head -n 1; }
median() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "commit $commit, $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $runs rounds"
echo "load average after timing: $(cut -d" " -f1-3 /proc/loadavg) (other processes skew the times; prefer a quiet machine)"
[[ -n "$gnu_time" ]] || echo "peak memory: not available (no GNU /usr/bin/time)"
floor_s="$(best floor)"
printf '%-52s %7s %7s %5s %7s %9s\n' command best median MB/s "x floor" "peak RSS"
for name in "${jobs[@]}"; do
    b="$(best "$name")" m="$(median "$name")"
    mbs="$(awk -v n="$bytes" -v s="$b" 'BEGIN { printf "%.0f", n / 1e6 / s }')"
    ratio="$(awk -v s="$b" -v f="$floor_s" 'BEGIN { printf "%.2f", s / f }')"
    mem=n/a
    [[ -z "${peak[$name]:-}" ]] || mem="$(awk -v k="${peak[$name]}" 'BEGIN { printf "%.1f MB", k / 1024 }')"
    printf '%-52s %7s %7s %5s %7s %9s\n' "${label[$name]}" "$b" "$m" "$mbs" "$ratio" "$mem"
done
echo "(seconds: the fastest and the median of the rounds; MB/s and x floor from the fastest)"

echo
for name in parse check; do
    awk -v one="$(median "$name.1")" -v all="$(median "$name.$cores")" -v part="$(median "$name.split")" \
        -v n="$name" -v c="$cores" 'BEGIN {
            printf "scaling %s (medians): 1 thread / %d threads = %.2fx; the machine, 1 thread / %d processes on 1/%d each = %.2fx (ideal %d)\n", n, c, one / all, c, c, one / part, c
        }'
done
# Issue 15's budget: the report within 2x the time of `imr check`.
awk -v r="$(median "report.$cores")" -v c="$(median "check.$cores")" -v r1="$(median report.1)" -v c1="$(median check.1)" 'BEGIN {
    printf "report / check (medians): %.2fx with every core, %.2fx with one thread (budget: 2x)\n", r / c, r1 / c1
}'
