#!/usr/bin/env bash
# PDF benchmark (issue 13): about a thousand published PDFs (the 25 of tests/fixtures/corpus,
# copied over and over) read by `imr parse --format jsonl` against poppler's `pdftotext` alone on
# every core (`xargs -P$(nproc)`), which only extracts the text. Prints each time, letters per
# second, the ratio and the peak memory of `imr`.
#
#   bash benches/pdf.sh [DIR]
#
# DIR (default /tmp/imr-pdf-corpus) is regenerated on every run; a folder that exists and was not
# made by this script is refused. Settings (environment):
#   COPIES=40   how many times the 25 letters are copied (40: 1,000 PDFs)
#   RUNS=5      runs per command; the fastest and the median are reported
# Installs poppler-utils (for pdftotext) with apt-get when it is missing. Not part of `cargo
# test` or CI.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/tmp/imr-pdf-corpus}"
copies="${COPIES:-40}"
runs="${RUNS:-5}"
cores="$(nproc)"
marker=".imr-pdf-corpus"

if ! command -v pdftotext >/dev/null; then
    echo "installing poppler-utils (pdftotext) ..."
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
fi

# --- corpus ---------------------------------------------------------------------------------------
if [[ -e "$dir" ]]; then
    if [[ ! -e "$dir/$marker" ]]; then
        echo "pdf.sh: $dir exists and was not made by this script; give another folder" >&2
        exit 2
    fi
    rm -rf -- "$dir"
fi
mkdir -p -- "$dir/out"
touch -- "$dir/$marker"
for ((i = 0; i < copies; i++)); do
    for f in "$root"/tests/fixtures/corpus/*.pdf; do
        cp -- "$f" "$dir/$(printf '%03d' "$i")_$(basename "$f")"
    done
done
files="$(find "$dir" -maxdepth 1 -name '*.pdf' | wc -l)"
bytes="$(find "$dir" -maxdepth 1 -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s }')"
echo "corpus: $files PDFs, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB in $dir"

# --- build ----------------------------------------------------------------------------------------
echo "building the release binary ..."
(cd "$root" && cargo build --release --quiet)
imr="${CARGO_TARGET_DIR:-$root/target}/release/imr"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$root" diff --quiet HEAD -- src Cargo.toml 2>/dev/null; then commit="$commit (with uncommitted changes)"; fi

# Sanity: every PDF conforms (the check also warms the page cache).
echo "check: $("$imr" check "$dir" 2>&1 | tail -n 1)"

# --- timing ---------------------------------------------------------------------------------------
log="$(mktemp)"
trap 'rm -f -- "$log"' EXIT
now() { date +%s.%N; }
declare -A times
imr_rss=0
for ((r = 0; r < runs; r++)); do
    start="$(now)"
    /usr/bin/time -f '%M' -o "$log" "$imr" parse --format jsonl "$dir" >/dev/null
    end="$(now)"
    times[imr]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') "
    rss="$(tail -n 1 "$log")"
    imr_rss=$((rss > imr_rss ? rss : imr_rss))

    start="$(now)"
    find "$dir" -maxdepth 1 -name '*.pdf' -print0 |
        xargs -0 -P"$cores" -I{} sh -c 'pdftotext -q "$1" "$2/out/$(basename "$1").txt"' _ {} "$dir"
    end="$(now)"
    times[pdftotext]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') "
done

best() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -g | head -n 1; }
median() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "commit $commit, $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $runs rounds"
echo "load average after timing: $(cut -d" " -f1-3 /proc/loadavg) (other processes skew the times)"
printf '%-52s %7s %7s %9s\n' command best median "PDFs/s"
for name in imr pdftotext; do
    case $name in
        imr) what="imr parse --format jsonl DIR ($cores threads)" ;;
        pdftotext) what="find | xargs -P$cores pdftotext (text only)" ;;
    esac
    b="$(best "$name")"
    printf '%-52s %7s %7s %9.0f\n' "$what" "$b" "$(median "$name")" "$(awk -v n="$files" -v s="$b" 'BEGIN { print n / s }')"
done
awk -v i="$(median imr)" -v p="$(median pdftotext)" 'BEGIN { printf "imr is %.1fx faster than pdftotext alone (medians)\n", p / i }'
awk -v k="$imr_rss" 'BEGIN { printf "imr peak memory: %.1f MB\n", k / 1024 }'
