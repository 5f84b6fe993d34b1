#!/usr/bin/env bash
# wsvet at scale: `bash bench/check.sh` runs go vet -vettool=wsvet -json
# over
#
#   std            the standard library
#   x/tools        golang.org/x/tools/... at v0.52.0 (a temporary module)
#   corpus         the whole WebSocket corpus of bench/corpus: gorilla and
#                  coder websocket, melody, centrifuge and all of
#                  github.com/ethereum/go-ethereum/... (cmd/ included)
#
# and reports, for each: the exit status, the number of packages matched
# and of vet tool processes (dependencies and test variants included), how
# many of those reach a WebSocket library (the packages where wsvet builds
# SSA), panics and analysis errors (anything on stderr other than "# pkg"
# headers, and "error" entries in the JSON), and every diagnostic, one
# per line: "DIAG posn analyzer message". It exits non-zero on a panic or
# an analysis error. bench/FINDINGS.md judges the corpus diagnostics.
#
# It uses the default build cache for compilation, but each check runs a
# copy of wsvet with a fresh tool ID (a nonce appended to the binary), so no
# vet result is replayed from the cache: every package, dependencies
# included, is analyzed again, and "vet processes" counts them all.
# Environment: XTOOLS_VERSION=v0.52.0, CHECKS="std xtools corpus".
set -euo pipefail

XTOOLS_VERSION=${XTOOLS_VERSION:-v0.52.0}
CHECKS=${CHECKS:-std xtools corpus}

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
command -v go >/dev/null || die "go is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/wsvet-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin"
export GOWORK=off GOFLAGS=-buildvcs=false

log "building wsvet, rsswrap, vetjson"
(
	cd "$root"
	go build -o "$bin/wsvet" ./cmd/wsvet
	go build -o "$bin/rsswrap" ./bench/rsswrap
	go build -o "$bin/vetjson" ./bench/vetjson
)
# fresh_wsvet NAME: a copy of wsvet with its own vet tool ID (trailing
# bytes change the binary's hash), so that no check replays vet results
# cached by an earlier check or run.
fresh_wsvet() {
	cp "$bin/wsvet" "$bin/wsvet-$1"
	printf '\nwsvet-check-nonce %s %s %s\n' "$1" "$(date +%s%N)" "$$" >>"$bin/wsvet-$1"
	"$bin/wsvet-$1" -V=full >/dev/null || die "the wsvet binary does not run"
}

declare -A dirs pats
if [[ " $CHECKS " == *" std "* ]]; then
	dirs[std]=$work
	pats[std]=std
fi
if [[ " $CHECKS " == *" xtools "* ]]; then
	log "setting up a module requiring golang.org/x/tools@$XTOOLS_VERSION (with test dependencies)"
	mkdir -p "$work/xtools"
	(cd "$work/xtools" && go mod init wsvetcheck/xtools >/dev/null 2>&1 &&
		go get -t "golang.org/x/tools/...@$XTOOLS_VERSION" >/dev/null 2>&1) ||
		die "go get golang.org/x/tools/...@$XTOOLS_VERSION failed"
	dirs[xtools]=$work/xtools
	pats[xtools]=golang.org/x/tools/...
fi
if [[ " $CHECKS " == *" corpus "* ]]; then
	mkdir -p "$work/corpus"
	cp "$bench/corpus/go.mod" "$bench/corpus/go.sum" "$work/corpus/"
	dirs[corpus]=$work/corpus
	pats[corpus]="github.com/gorilla/websocket/... github.com/coder/websocket/... github.com/olahol/melody/... github.com/centrifugal/centrifuge/... github.com/ethereum/go-ethereum/..."
fi

# The packages wsvet builds SSA for: those that import a WebSocket library
# directly or transitively and are not one (wsapi.Libraries).
reach_ws() {
	awk '
	BEGIN {
		n = split("github.com/gorilla/websocket github.com/fasthttp/websocket github.com/gofiber/contrib/websocket github.com/coder/websocket github.com/coder/websocket/wsjson nhooyr.io/websocket nhooyr.io/websocket/wsjson github.com/gobwas/ws github.com/gobwas/ws/wsutil golang.org/x/net/websocket", l, " ")
		for (i = 1; i <= n; i++) lib[l[i]] = 1
	}
	function unvendor(p) { sub(/^.*vendor\//, "", p); return p }
	$1 ~ /\.test$/ { next }
	{
		self = unvendor($1)
		if (self in lib) next
		for (i = 2; i <= NF; i++) if (unvendor($i) in lib) { c++; next }
	}
	END { print c + 0 }'
}

status=0
summary=$work/summary
: >"$summary"
for c in $CHECKS; do
	[[ -n ${dirs[$c]:-} ]] || die "unknown check $c"
	read -r -a p <<<"${pats[$c]}"
	cd "${dirs[$c]}"
	# go list first: it downloads what is missing, so go vet's stderr
	# holds only what the vet tool says.
	targets=$(go list "${p[@]}" | wc -l)
	reach=$(go list -deps -test -f '{{.ImportPath}} {{join .Deps " "}}' "${p[@]}" | reach_ws)
	rtargets=$(go list -test -f '{{.ImportPath}} {{join .Deps " "}}' "${p[@]}" | reach_ws)
	log "$c: go vet -vettool=wsvet -json ${pats[$c]}"
	t0=$SECONDS rc=0
	fresh_wsvet "$c"
	RSSWRAP_LOG=$work/$c.rss go vet "-toolexec=$bin/rsswrap" "-vettool=$bin/wsvet-$c" -json "${p[@]}" \
		>"$work/$c.json" 2>"$work/$c.err" || rc=$?
	secs=$((SECONDS - t0))
	"$bin/vetjson" <"$work/$c.json" >"$work/$c.tsv"
	grep -Ev '^# |^go: downloading ' "$work/$c.err" | sed 's/^/OTHER\t/' >>"$work/$c.tsv" || true
	procs=$(wc -l <"$work/$c.rss")
	diags=$(grep -c '^DIAG' "$work/$c.tsv" || true)
	errs=$(grep -c '^ERROR' "$work/$c.tsv" || true)
	other=$(grep -c '^OTHER' "$work/$c.tsv" || true)
	panics=$(grep -cE '^panic:|goroutine [0-9]+ \[' "$work/$c.err" || true)
	printf '| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d s |\n' \
		"$c" "${pats[$c]}" "$rc" "$targets" "$procs" "$rtargets" "$reach" "$panics" "$((errs + other))" "$diags" "$secs" >>"$summary"
	if ((rc != 0 || panics + errs + other > 0)); then
		status=1
		grep -E '^(ERROR|OTHER)' "$work/$c.tsv" | head -20 >&2
	fi
	cp "$work/$c.tsv" "$work/$c.final"
	cd "$root"
done

echo "## wsvet at scale ($(date -u '+%Y-%m-%d'), $(go version | cut -d' ' -f3))"
echo
echo "| run | patterns | exit | packages matched | vet processes | matched packages (with test variants) reaching WebSockets | all vetted packages reaching WebSockets (SSA built) | panics | errors | diagnostics | time |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
cat "$summary"
for c in $CHECKS; do
	echo
	echo "### $c: diagnostics"
	echo
	echo '```'
	grep '^DIAG' "$work/$c.final" | sed "s#$(go env GOMODCACHE)/##" || echo "(none)"
	echo '```'
done
exit "$status"
