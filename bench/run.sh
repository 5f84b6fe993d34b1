#!/usr/bin/env bash
# wsvet benchmark: one command, `bash bench/run.sh`, from the repository.
#
# Measures, side by side and interleaved in one run, RUNS times each
# (default 3; the median is reported), the wall time, CPU time and peak RSS
# of four vet tools under `go vet`:
#
#   floor      a unitchecker vet tool running one analyzer that does nothing
#              (bench/floor): the cost of go vet itself, parsing and
#              type-checking every package, dependencies included
#   vet        go vet with its default suite (cmd/vet)
#   wsvet      go vet -vettool=wsvet (built from this checkout)
#   bodyclose  go vet -vettool=bodyclose (github.com/timakin/bodyclose)
#
# over the standard library (`std`) and a WebSocket corpus at three sizes
# (the module in bench/corpus pins the versions):
#
#   small   github.com/gorilla/websocket/... github.com/coder/websocket/...
#   medium  small + github.com/olahol/melody/... github.com/centrifugal/centrifuge/...
#   large   medium + github.com/ethereum/go-ethereum/... without LARGE_EXCLUDE
#
# Every measured run starts from a fresh copy of a build cache primed, once
# per workload, with `go build` and `go vet -vettool=primer` of the same
# packages (primer is the floor built as another binary: go vet also vets
# test files, so it compiles test variants and cgo output that go build
# does not, and the primer's vet results are keyed to its own tool ID, so
# no measured tool reuses them). Compilation is paid once up front.
#
# Peak RSS: the go command runs the vet tool as a separate process per
# package (dependencies included). /usr/bin/time's %M on go vet is the
# largest single process among the go command and the children it waited
# for (Linux folds the children's peak into wait4's rusage as a maximum,
# not a sum); that is the "peak RSS" of the timed runs. One more run per
# tool and workload, the probe (run 0, not in the medians), goes through
# -toolexec=bench/rsswrap, which records each vet tool process's own peak
# RSS and counts the processes: it shows which process the peak is. The
# wrapper costs ~1.5 ms of CPU per process, so the timed runs go without it.
# The tools run in a rotated order in each run.
#
# Output: a markdown table on stdout and in bench/results.md.
#
# Environment:
#   RUNS=3                 runs per tool and workload
#   WORKLOADS="std small medium large"   which workloads to measure
#   LARGE_EXCLUDE=/cmd/    extended regexp of go-ethereum packages left out of
#                          "large" (empty: all of go-ethereum/...)
#   BODYCLOSE_VERSION=latest
#   BENCH_TMP=dir          where the caches go (default /dev/shm when it has
#                          room, else TMPDIR): see bench/README.md
#   RESULTS=bench/results.md   where to write the table ("-": stdout only)
set -euo pipefail

RUNS=${RUNS:-3}
WORKLOADS=${WORKLOADS:-std small medium large}
LARGE_EXCLUDE=${LARGE_EXCLUDE-/cmd/}
BODYCLOSE_VERSION=${BODYCLOSE_VERSION:-latest}
TOOLS=(floor vet wsvet bodyclose)

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
RESULTS=${RESULTS:-$bench/results.md}

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
command -v go >/dev/null || die "go is not installed"
if [[ ! -x /usr/bin/time ]]; then
	log "installing GNU time"
	if [[ $(id -u) == 0 ]]; then
		apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
	else
		sudo apt-get install -y -qq time >/dev/null
	fi
fi

# Caches go to a tmpfs when there is one with room: a fresh ~1 GB copy per
# run is then 1 s instead of 5-7 s, and no disk write-back of the copy runs
# during the measurement.
if [[ -z ${BENCH_TMP:-} ]]; then
	BENCH_TMP=${TMPDIR:-/tmp}
	if [[ -d /dev/shm && -w /dev/shm ]] && (($(df -Pk /dev/shm | awk 'NR==2{print $4}') > 8 * 1024 * 1024)); then
		BENCH_TMP=/dev/shm
	fi
fi
work=$(mktemp -d "$BENCH_TMP/wsvet-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin" "$work/logs"

export GOWORK=off GOFLAGS=-buildvcs=false
start=$(date +%s)

# --- tools -------------------------------------------------------------
log "building wsvet, floor, primer, rsswrap; installing bodyclose@$BODYCLOSE_VERSION"
(
	cd "$root"
	go build -o "$bin/wsvet" ./cmd/wsvet
	go build -o "$bin/floor" ./bench/floor
	go build -ldflags=-X=main.role=primer -o "$bin/primer" ./bench/floor
	go build -o "$bin/rsswrap" ./bench/rsswrap
)
GOBIN=$bin go install "github.com/timakin/bodyclose@$BODYCLOSE_VERSION"
bodyclose_mod=$(go version -m "$bin/bodyclose" | awk '$1 == "mod" {print $3}')
bodyclose_tools=$(go version -m "$bin/bodyclose" | awk '$1 == "dep" && $2 == "golang.org/x/tools" {print $3}')
[[ $("$bin/floor" -V=full) != $("$bin/primer" -V=full) ]] || die "primer and floor have the same tool ID"

# --- workloads ---------------------------------------------------------
corpus=$work/corpus
mkdir -p "$corpus"
cp "$bench/corpus/go.mod" "$bench/corpus/go.sum" "$corpus/"

small=(github.com/gorilla/websocket/... github.com/coder/websocket/...)
medium=("${small[@]}" github.com/olahol/melody/... github.com/centrifugal/centrifuge/...)
large=("${medium[@]}")
if [[ " $WORKLOADS " == *" large "* ]]; then
	log "listing go-ethereum packages (exclude: '${LARGE_EXCLUDE:-nothing}')"
	mapfile -t geth < <(cd "$corpus" && go list github.com/ethereum/go-ethereum/... |
		{ if [[ -n $LARGE_EXCLUDE ]]; then grep -Ev -- "$LARGE_EXCLUDE"; else cat; fi; })
	((${#geth[@]} > 0)) || die "no go-ethereum packages"
	large+=("${geth[@]}")
fi

# pkgs_of WORKLOAD: its package patterns, one per line.
pkgs_of() {
	case $1 in
	std) echo std ;;
	small) printf '%s\n' "${small[@]}" ;;
	medium) printf '%s\n' "${medium[@]}" ;;
	large) printf '%s\n' "${large[@]}" ;;
	*) die "unknown workload $1" ;;
	esac
}
dir_of() { if [[ $1 == std ]]; then echo "$work"; else echo "$corpus"; fi; }
# The corpus workloads share one cache primed with the largest corpus
# measured: a superset holds everything a smaller one needs.
cache_of() { if [[ $1 == std ]]; then echo "$work/primed-std"; else echo "$work/primed-corpus"; fi; }

declare -A targets
for w in $WORKLOADS; do
	mapfile -t p < <(pkgs_of "$w")
	targets[$w]=$(cd "$(dir_of "$w")" && go list "${p[@]}" | wc -l)
done

# --- priming -----------------------------------------------------------
prime() { # cache dir patterns...
	local cache=$1 dir=$2
	shift 2
	local t0=$SECONDS
	# go build refuses packages that only have test files; go vet does not.
	local built
	mapfile -t built < <(cd "$dir" && go list -f '{{if .GoFiles}}{{.ImportPath}}{{end}}' "$@")
	(cd "$dir" && GOCACHE=$cache go build "${built[@]}") || die "go build failed"
	(cd "$dir" && GOCACHE=$cache go vet -vettool="$bin/primer" "$@") >"$work/logs/prime.out" 2>&1 ||
		{ cat "$work/logs/prime.out" >&2; die "priming go vet failed"; }
	log "primed $(basename "$cache") in $((SECONDS - t0)) s ($(du -sh "$cache" | cut -f1))"
}
if [[ " $WORKLOADS " == *" std "* ]]; then
	log "priming the std cache (go build std; go vet -vettool=primer std)"
	prime "$work/primed-std" "$work" std
fi
biggest=
for w in small medium large; do [[ " $WORKLOADS " == *" $w "* ]] && biggest=$w; done
if [[ -n $biggest ]]; then
	mapfile -t p < <(pkgs_of "$biggest")
	log "priming the corpus cache with the $biggest corpus (${targets[$biggest]} packages)"
	prime "$work/primed-corpus" "$corpus" "${p[@]}"
fi

# --- measurement -------------------------------------------------------
# Run 0, the probe, goes through -toolexec=rsswrap: it records each vet tool
# process's own peak RSS and counts the processes. The wrapper costs about
# 1.5 ms of CPU per process (8% of the floor on std), so runs 1..RUNS, the
# timed ones, run go vet alone; their RSS is /usr/bin/time's %M.
# probe.tsv:   workload tool wall cmd_maxrss_kib tool_maxrss_kib processes rc
# results.tsv: workload tool run wall user sys cmd_maxrss_kib rc output_lines
probe=$work/probe.tsv results=$work/results.tsv
: >"$probe"
: >"$results"
measure() { # workload tool run (0: the probe)
	local w=$1 tool=$2 run=$3 id="$1.$2.$3"
	local cache=$work/gocache rss=$work/logs/$id.rss out=$work/logs/$id.out tf=$work/logs/$id.time
	rm -rf "$cache"
	cp -a "$(cache_of "$w")" "$cache"
	sync
	local args=(vet)
	((run > 0)) || args+=("-toolexec=$bin/rsswrap")
	[[ $tool == vet ]] || args+=("-vettool=$bin/$tool")
	mapfile -t p < <(pkgs_of "$w")
	local rc=0
	(cd "$(dir_of "$w")" && GOCACHE=$cache RSSWRAP_LOG=$rss \
		/usr/bin/time -f '%e %U %S %M' -o "$tf" go "${args[@]}" "${p[@]}") >"$out" 2>&1 || rc=$?
	rm -rf "$cache"
	if grep -qE '^panic:|^fatal error:|internal error|goroutine [0-9]+ \[' "$out"; then
		grep -E -m5 '^panic:|^fatal error:|internal error' "$out" >&2
		die "$tool crashed on $w (see above)"
	fi
	if [[ $tool == floor && ($rc != 0 || -s $out) ]]; then
		head -20 "$out" >&2
		die "the floor failed on $w (exit $rc): the workload does not vet cleanly"
	fi
	local e u s m
	read -r e u s m < <(tail -1 "$tf")
	if ((run == 0)); then
		[[ -s $rss ]] || die "$tool on $w: no vet tool process ran (cached results?)"
		local procs toolrss
		procs=$(wc -l <"$rss")
		toolrss=$(sort -n "$rss" | tail -1 | cut -d' ' -f1)
		echo "$w $tool $e $m $toolrss $procs $rc" >>"$probe"
		log "$(printf '%-6s %-9s probe: %6.2f s wall, largest tool process %4d MiB, %d vet processes, exit %d' \
			"$w" "$tool" "$e" $((toolrss / 1024)) "$procs" "$rc")"
	else
		echo "$w $tool $run $e $u $s $m $rc $(grep -cv '^#' "$out" || true)" >>"$results"
		log "$(printf '%-6s %-9s run %d: %6.2f s wall, %6.2f s CPU, peak RSS %4d MiB, exit %d' \
			"$w" "$tool" "$run" "$e" "$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')" $((m / 1024)) "$rc")"
	fi
}

for ((run = 0; run <= RUNS; run++)); do
	# Each timed run starts with another tool, so none always follows the
	# same one.
	order=()
	for ((i = 0; i < ${#TOOLS[@]}; i++)); do
		order+=("${TOOLS[(i + run) % ${#TOOLS[@]}]}")
	done
	for w in $WORKLOADS; do
		for tool in "${order[@]}"; do
			measure "$w" "$tool" "$run"
		done
	done
done
total=$(($(date +%s) - start))

# --- report ------------------------------------------------------------
# med: the median of the numbers on stdin.
med() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# col COLUMN WORKLOAD TOOL: a results.tsv column (an awk expression) of one tool's timed runs.
col() { awk -v w="$2" -v t="$3" '$1 == w && $2 == t {print '"$1"'}' "$results"; }
pcol() { awk -v w="$2" -v t="$3" '$1 == w && $2 == t {print $'"$1"'}' "$probe"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN {print (v <= lim) ? "met" : "NOT met"}'; }

declare -A wall cpus rss toolrss procs
for w in $WORKLOADS; do
	for tool in "${TOOLS[@]}"; do
		k=$w.$tool
		wall[$k]=$(col '$4' "$w" "$tool" | med)
		cpus[$k]=$(col '$5 + $6' "$w" "$tool" | med)
		rss[$k]=$(col '$7' "$w" "$tool" | med)
		toolrss[$k]=$(pcol 5 "$w" "$tool")
		procs[$k]=$(pcol 6 "$w" "$tool")
	done
done
# Runs where the go command itself was larger than every vet tool process.
gobigger=$(awk '$4 > $5 {printf "%s%s/%s (%d vs %d MiB)", sep, $1, $2, $4 / 1024, $5 / 1024; sep = ", "}' "$probe")

cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)
{
	echo "# wsvet benchmark results"
	echo
	echo "Produced by \`bash bench/run.sh\` (RUNS=$RUNS) on $(date -u '+%Y-%m-%d %H:%M UTC'), in $((total / 60)) min $((total % 60)) s:"
	echo "$(nproc) cores ($cpu_model), $mem, $(go version | cut -d' ' -f3-), caches in $BENCH_TMP."
	echo "bodyclose $bodyclose_mod (built with golang.org/x/tools $bodyclose_tools); wsvet and the floor with golang.org/x/tools $(cd "$root" && go list -m -f '{{.Version}}' golang.org/x/tools)."
	echo
	echo "- wall, CPU (user+sys) and peak RSS: the whole \`go vet\` command under /usr/bin/time, median of $RUNS timed runs."
	echo "  Peak RSS is %M: the largest single process among the go command and the vet tool processes it waited for (not a sum)."
	echo "- largest tool process: the largest vet tool process of the probe run (one more run through -toolexec=bench/rsswrap)."
	if [[ -z $gobigger ]]; then
		echo "  In every probe run it equalled %M: the peak is a vet tool process, never the go command."
	else
		echo "  The go command itself was the largest process in: $gobigger."
	fi
	echo "- packages: matched by the patterns / vet tool processes (each test variant and every dependency is vetted too, for types and facts)."
	echo
	echo "| workload | packages | tool | wall (s) | × floor | CPU (s) | × floor | peak RSS (MiB) | × floor | largest tool process (MiB) |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for w in $WORKLOADS; do
		for tool in "${TOOLS[@]}"; do
			k=$w.$tool f=$w.floor
			printf '| %s | %s / %s | %s | %.2f | %s | %.1f | %s | %s | %s | %s |\n' \
				"$w" "${targets[$w]}" "${procs[$k]}" "$tool" "${wall[$k]}" "$(ratio "${wall[$k]}" "${wall[$f]}")" \
				"${cpus[$k]}" "$(ratio "${cpus[$k]}" "${cpus[$f]}")" \
				"$(mib "${rss[$k]}")" "$(ratio "${rss[$k]}" "${rss[$f]}")" "$(mib "${toolrss[$k]}")"
		done
	done
	echo
	echo "## Targets (wsvet)"
	echo
	echo "| target | workload | measured | verdict |"
	echo "| --- | --- | --- | --- |"
	for w in $WORKLOADS; do
		r=$(ratio "${wall[$w.wsvet]}" "${wall[$w.floor]}")
		if [[ $w == std ]]; then
			echo "| wall ≤ 1.05× floor on std | std | $r× (${wall[$w.wsvet]} s vs ${wall[$w.floor]} s) | $(verdict "$r" 1.05) |"
		else
			echo "| wall ≤ 1.10× floor on the WebSocket corpus | $w | $r× (${wall[$w.wsvet]} s vs ${wall[$w.floor]} s) | $(verdict "$r" 1.10) |"
			b=$(ratio "${wall[$w.wsvet]}" "${wall[$w.bodyclose]}")
			echo "| faster than bodyclose on the same corpus | $w | $b× bodyclose's wall (${wall[$w.wsvet]} s vs ${wall[$w.bodyclose]} s) | $(awk -v b="${wall[$w.wsvet]}" -v c="${wall[$w.bodyclose]}" 'BEGIN {print (b < c) ? "met" : "NOT met"}') |"
		fi
	done
	for w in $WORKLOADS; do
		r=$(ratio "${cpus[$w.wsvet]}" "${cpus[$w.floor]}")
		echo "| CPU ≤ 1.10× floor | $w | $r× (${cpus[$w.wsvet]} s vs ${cpus[$w.floor]} s) | $(verdict "$r" 1.10) |"
	done
	for w in $WORKLOADS; do
		r=$(ratio "${rss[$w.wsvet]}" "${rss[$w.floor]}")
		echo "| peak RSS ≤ 1.2× floor | $w | $r× ($(mib "${rss[$w.wsvet]}") MiB vs $(mib "${rss[$w.floor]}") MiB) | $(verdict "$r" 1.2) |"
	done
	echo
	echo "## Every run"
	echo
	echo "In the order they ran."
	echo
	echo "| workload | tool | run | wall (s) | user (s) | sys (s) | peak RSS (MiB) | exit | output lines |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	while read -r w tool run e u s m rc lines; do
		echo "| $w | $tool | $run | $e | $u | $s | $(mib "$m") | $rc | $lines |"
	done <"$results"
	echo
	echo "Probe runs (through rsswrap, not in the medians):"
	echo
	echo "| workload | tool | wall (s) | peak RSS %M (MiB) | largest tool process (MiB) | vet processes | exit |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	while read -r w tool e m trss n rc; do
		echo "| $w | $tool | $e | $(mib "$m") | $(mib "$trss") | $n | $rc |"
	done <"$probe"
	echo
	echo "Corpus patterns: small = ${small[*]}; medium = small + ${medium[*]:${#small[@]}};"
	((${#large[@]} == ${#medium[@]})) ||
		echo "large = medium + the $((${#large[@]} - ${#medium[@]})) packages of github.com/ethereum/go-ethereum/... that do not match '${LARGE_EXCLUDE:-(nothing excluded)}'. Versions: bench/corpus/go.mod."
} >"$work/results.md"

cat "$work/results.md"
if [[ $RESULTS != - ]]; then
	cp "$work/results.md" "$RESULTS"
	log "wrote $RESULTS"
fi
