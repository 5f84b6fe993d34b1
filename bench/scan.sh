#!/usr/bin/env bash
# wsvet on real third-party code: `bash bench/scan.sh` (from the repository
# root) runs go vet -vettool=wsvet -json over the WebSocket code of the
# modules pinned by bench/scan/go.mod (module wsvet.scan, no code of its
# own; bench/scan/MODULES.md says what each one is) and prints
#
#   a summary: modules, packages matched and selected, packages excluded
#   because they do not build for reasons of their own, vet processes,
#   exit status, panics, analysis errors, third-party build errors (kept
#   apart from wsvet's), diagnostics in all, per analyzer and per module,
#   and the time of each phase;
#
#   then every diagnostic, one per line, sorted:
#   posn<TAB>analyzer<TAB>message, with the module cache prefix cut off
#   (github.com/foo/bar@v1.2.3/pkg/file.go:12:3).
#
# Which packages: the patterns of bench/scan/patterns.txt, restricted to
# the packages of the modules that go.mod requires directly (the scanned
# modules), and of those only the ones that import a modelled library
# directly or transitively, their tests included (go vet vets the test
# files too). A package that go list reports broken (.Error, .DepsErrors:
# a test's missing embedded file, a dependency that does not compile) is
# left out up front and listed, not counted as a wsvet error; so is one
# that fails to compile (go list -export), which also compiles everything
# go vet needs before it is timed.
#
# Like bench/check.sh it uses the default build cache for compilation but
# a copy of wsvet with a fresh tool ID, so no vet result is replayed from
# the cache. It exits non-zero on a wsvet panic or analysis error (or a
# broken setup), zero otherwise: diagnostics are expected.
# Environment: SCAN_DIR (default bench/scan: go.mod, go.sum, patterns.txt);
# KEEP_WORK=1 keeps the temporary directory (go list and vet output);
# GOFLAGS is passed on to the scan's go commands (GOFLAGS=-mod=mod lets
# them complete a go.sum), not to the build of wsvet.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
scandir=${SCAN_DIR:-$bench/scan}
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAIL: $*"; exit 2; }
command -v go >/dev/null || die "go is not installed"
[[ -f $scandir/go.mod && -f $scandir/go.sum && -f $scandir/patterns.txt ]] ||
	die "$scandir needs go.mod, go.sum and patterns.txt"

t_start=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/wsvet-scan.XXXXXX")
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin" "$work/mod"
# GOTOOLCHAIN=local: no scanned module may ask for a newer Go than this
# one (a module that does is a setup error, not something to download).
export GOWORK=off GOTOOLCHAIN=local GOFLAGS="-buildvcs=false ${GOFLAGS:-}"

log "building wsvet, vetjson, rsswrap"
(
	# The checkout's own module: the caller's GOFLAGS (-mod=mod) must not
	# rewrite its go.mod.
	cd "$root"
	export GOFLAGS=-buildvcs=false
	go build -o "$bin/wsvet" ./cmd/wsvet
	go build -o "$bin/vetjson" ./bench/vetjson
	go build -o "$bin/rsswrap" ./bench/rsswrap
)
# A copy with its own vet tool ID (trailing bytes change the binary's
# hash), as fresh_wsvet in check.sh: every package, dependencies included,
# is analyzed again, so "vet processes" counts them all.
tool=$bin/wsvet-scan
cp "$bin/wsvet" "$tool"
printf '\nwsvet-scan-nonce %s %s\n' "$(date +%s%N)" "$$" >>"$tool"
"$tool" -V=full >/dev/null || die "the wsvet binary does not run"

# Work on a copy: the go command may rewrite go.mod or go.sum (with
# GOFLAGS=-mod=mod) and the checkout must stay as it is.
cp "$scandir/go.mod" "$scandir/go.sum" "$work/mod/"
cd "$work/mod"
modcache=$(go env GOMODCACHE)

# The scanned modules: go.mod's direct requirements.
go list -m -f '{{if not .Main}}{{if not .Indirect}}{{.Path}} {{.Version}}{{end}}{{end}}' all |
	sed '/^$/d' | sort >"$work/modules" || die "go list -m all failed"
[[ -s $work/modules ]] || die "go.mod requires no module"
mapfile -t patterns < <(sed 's/#.*//; /^[[:space:]]*$/d' "$scandir/patterns.txt")
((${#patterns[@]} > 0)) || die "no patterns in $scandir/patterns.txt"

# 1. Which packages: every package the patterns match, with its test
# variants ("p [p.test]", "p_test [p.test]", "p.test"), its module, its
# errors and its dependencies. go list also downloads what is missing, so
# go vet's stderr later holds only what the builds and the vet tool say.
log "go list: ${#patterns[@]} patterns"
t0=$SECONDS
go list -e -test -f '{{.ImportPath}}|{{with .Module}}{{.Path}}{{end}}|{{with .Error}}{{printf "%q" .Err}}{{end}}{{range .DepsErrors}}{{printf "%q" .Err}}{{end}}|{{join .Deps " "}}' \
	"${patterns[@]}" >"$work/list" 2>"$work/list.err" || die "go list failed: $(head -5 "$work/list.err")"
# A missing go.sum entry means the pinned setup is incomplete: that is not
# a package's own failure, so stop rather than scan less.
if grep -q 'missing go.sum entry' "$work/list"; then
	grep -o 'missing go.sum entry[^"]*' "$work/list" | sort -u | head -5 >&2
	die "bench/scan/go.sum is incomplete (run with GOFLAGS=-mod=mod, or go get -t the packages)"
fi

# select.awk: reads "modules" (path version) then the go list lines; for
# each package of a scanned module (test variants folded into it) it
# prints "module<TAB>package<TAB>status<TAB>error" where status is
# "reach" (some variant imports a modelled library, directly or not),
# "noreach", or "broken" (a reaching package with an error in some
# variant; the first error, on one line).
cat >"$work/select.awk" <<'EOF'
BEGIN {
	FS = "|"; OFS = "\t"
	n = split("github.com/gorilla/websocket github.com/fasthttp/websocket github.com/gofiber/contrib/websocket github.com/coder/websocket github.com/coder/websocket/wsjson nhooyr.io/websocket nhooyr.io/websocket/wsjson github.com/gobwas/ws github.com/gobwas/ws/wsutil golang.org/x/net/websocket", l, " ")
	for (i = 1; i <= n; i++) lib[l[i]] = 1
}
FNR == NR { split($0, m, " "); scanned[m[1]] = 1; next }
function unvendor(p) { sub(/^.*vendor\//, "", p); return p }
{
	base = $1; sub(/ \[.*$/, "", base); sub(/\.test$/, "", base); sub(/_test$/, "", base)
	if ($1 == base && $2 != "") mod[base] = $2
	seen[base] = 1
	if ($3 != "" && !(base in err)) err[base] = $3
	nd = split($4, d, " ")
	for (i = 1; i <= nd; i++) if (unvendor(d[i]) in lib) { reach[base] = 1; break }
}
END {
	for (p in seen) {
		if (!(mod[p] in scanned) || unvendor(p) in lib) continue
		# (in tests first: referring to err[p] would create it)
		st = !(p in reach) ? "noreach" : (p in err) ? "broken" : "reach"
		e = err[p]; gsub(/\\n/, " ", e); gsub(/\\t/, " ", e); gsub(/^"|"$/, "", e); gsub(/  +/, " ", e)
		print mod[p], p, st, e
	}
}
EOF
awk -f "$work/select.awk" "$work/modules" "$work/list" | sort >"$work/selected.all"
awk -F'\t' '$3 == "reach" {print $2}' "$work/selected.all" >"$work/pkgs.listed"
[[ -s $work/pkgs.listed ]] || die "no package of a scanned module reaches a WebSocket library"

# 2. Compile the selected packages and their tests (go list -export): a
# package that does not compile (cgo headers missing, an API that moved
# under MVS) is left out here, and the build cache then holds everything
# go vet compiles, so the vet phase below times analysis, not builds.
log "compiling $(wc -l <"$work/pkgs.listed") packages and their tests (go list -export)"
t1=$SECONDS
go list -e -export -test -f '{{.ImportPath}}|{{with .Error}}{{printf "%q" .Err}}{{end}}{{range .DepsErrors}}{{printf "%q" .Err}}{{end}}' \
	$(cat "$work/pkgs.listed") >"$work/export" 2>"$work/export.err" || die "go list -export failed: $(head -5 "$work/export.err")"
awk -F'|' '$2 != "" {
	base = $1; sub(/ \[.*$/, "", base); sub(/\.test$/, "", base); sub(/_test$/, "", base)
	if (base in e) next
	m = $2; gsub(/\\n/, " ", m); gsub(/\\t/, " ", m); gsub(/^"|"$/, "", m); gsub(/  +/, " ", m)
	e[base] = m; print base "\t" m
}' "$work/export" | sort >"$work/uncompiled"
# (grep, not awk's NR == FNR idiom, which an empty first file defeats)
grep -vxF -f <(cut -f1 "$work/uncompiled") "$work/pkgs.listed" >"$work/pkgs" || true
[[ -s $work/pkgs ]] || die "no selected package compiles"
t2=$SECONDS

# All vetted packages that reach a library (the ones wsvet builds SSA
# for): the selected packages' dependencies and test variants included.
reach_all=$(go list -deps -test -f '{{.ImportPath}}|{{join .Deps " "}}' $(cat "$work/pkgs") | awk -F'|' '
	BEGIN { n = split("github.com/gorilla/websocket github.com/fasthttp/websocket github.com/gofiber/contrib/websocket github.com/coder/websocket github.com/coder/websocket/wsjson nhooyr.io/websocket nhooyr.io/websocket/wsjson github.com/gobwas/ws github.com/gobwas/ws/wsutil golang.org/x/net/websocket", l, " "); for (i = 1; i <= n; i++) lib[l[i]] = 1 }
	function unvendor(p) { sub(/^.*vendor\//, "", p); return p }
	$1 ~ /\.test$/ || unvendor($1) in lib { next }
	{ nd = split($2, d, " "); for (i = 1; i <= nd; i++) if (unvendor(d[i]) in lib) { c++; next } }
	END { print c + 0 }')

# 3. The vet run. rsswrap (the benchmark's -toolexec wrapper) logs one
# line per vet tool process; it passes -V=full through, so the build
# cache is shared with the compile phase above.
log "go vet -vettool=wsvet -json on $(wc -l <"$work/pkgs") packages"
rc=0
RSSWRAP_LOG=$work/rss go vet "-toolexec=$bin/rsswrap" "-vettool=$tool" -json $(cat "$work/pkgs") \
	>"$work/vet.json" 2>"$work/vet.err" || rc=$?
t3=$SECONDS
touch "$work/rss"
"$bin/vetjson" <"$work/vet.json" >"$work/vet.tsv"

# stderr, line by line: "# pkg" headers name the package that follows;
# a panic (and its trace, up to the next header) is wsvet's; a line of
# the vet tool's own log ("wsvet-scan: ...") is a wsvet error; a
# "file.go:L:C: msg" line under a header is a build or type error of that
# package (the vet tool prints type errors that way, the compiler too);
# anything else is counted with wsvet's errors, to be looked at.
awk -v tool="$(basename "$tool")" '
	/^go: downloading / { next }
	/^# / { pkg = substr($0, 3); inpanic = 0; next }
	/^panic: |^fatal error: / { inpanic = 1; print "PANIC\t" pkg "\t" $0; next }
	inpanic { next }
	index($0, tool ": ") == 1 { print "TOOLERR\t" pkg "\t" $0; next }
	/\.go:[0-9]+:[0-9]+: / && pkg != "" { print "BUILD\t" pkg "\t" $0; next }
	/^[[:space:]]*$/ { next }
	{ print "OTHER\t" pkg "\t" $0 }' "$work/vet.err" >"$work/stderr.tsv"

cut_cache() { sed "s#$modcache/##g"; }
# Module cache paths escape capitals (!tyk!technologies): print them as
# import paths read.
unescape_posn() { awk -F'\t' -v OFS='\t' '{ while (match($1, /![a-z]/)) $1 = substr($1, 1, RSTART - 1) toupper(substr($1, RSTART + 1, 1)) substr($1, RSTART + 2); print }'; }
grep '^DIAG' "$work/vet.tsv" | cut -f2- | cut_cache | unescape_posn | LC_ALL=C sort -u >"$work/diags" || true

nmods=$(wc -l <"$work/modules")
nmods_sel=$(awk -F'\t' '$3 == "reach" {print $1}' "$work/selected.all" | sort -u | wc -l)
# module<TAB>package of every package vetted
awk -F'\t' 'NR == FNR {ok[$1] = 1; next} $3 == "reach" && ($2 in ok) {print $1 "\t" $2}' "$work/pkgs" "$work/selected.all" | sort >"$work/vetted"
nmods_vet=$(cut -f1 "$work/vetted" | sort -u | wc -l)
matched=$(wc -l <"$work/selected.all")
listed=$(wc -l <"$work/pkgs.listed")
broken=$(awk -F'\t' '$3 == "broken"' "$work/selected.all" | wc -l)
uncompiled=$(wc -l <"$work/uncompiled")
vetted=$(wc -l <"$work/pkgs")
procs=$(wc -l <"$work/rss")
diags=$(wc -l <"$work/diags")
aerrs=$(grep -c '^ERROR' "$work/vet.tsv" || true)
jother=$(grep -c '^OTHER' "$work/vet.tsv" || true)
panics=$(grep -c '^PANIC' "$work/stderr.tsv" || true)
toolerrs=$(grep -c '^TOOLERR' "$work/stderr.tsv" || true)
builderrs=$(grep -c '^BUILD' "$work/stderr.tsv" || true)
builderr_pkgs=$(awk -F'\t' '$1 == "BUILD" {print $2}' "$work/stderr.tsv" | sort -u | wc -l)
other=$(grep -c '^OTHER' "$work/stderr.tsv" || true)
wsvet_errs=$((aerrs + jother + toolerrs + other))

# The wsvet version: the last commit that changed anything outside bench/
# (what the analyzers are), and the checkout's HEAD.
code=$(cd "$root" && git log -1 --format=%h -- . ':(exclude)bench' 2>/dev/null || echo '?')
head=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')
echo "## wsvet on third-party WebSocket code ($(date -u '+%Y-%m-%d'), $(go version | cut -d' ' -f3), wsvet $code, checkout $head)"
echo
echo "| what | count |"
echo "| --- | ---: |"
echo "| modules scanned (go.mod's direct requirements) | $nmods |"
echo "| modules with a package reaching a WebSocket library | $nmods_sel |"
echo "| packages of those modules matched by patterns.txt | $matched |"
echo "| ... reaching a WebSocket library (with their tests) | $((listed + broken)) |"
echo "| ... left out: go list error (own or of a dependency) | $broken |"
echo "| ... left out: does not compile | $uncompiled |"
echo "| packages vetted | $vetted |"
echo "| modules with a package vetted | $nmods_vet |"
echo "| all vetted packages reaching a WebSocket library (SSA built; test variants and dependencies included) | $reach_all |"
echo "| vet tool processes | $procs |"
echo "| go vet exit status | $rc |"
echo "| wsvet panics | $panics |"
echo "| wsvet analysis errors (JSON \"error\" entries) | $aerrs |"
echo "| other wsvet errors (tool log lines, unparsed output) | $((jother + toolerrs + other)) |"
echo "| third-party build or type errors during vet (lines / packages) | $builderrs / $builderr_pkgs |"
echo "| diagnostics | $diags |"
echo "| ... with a suggested fix | $(grep -c ' \[fix: ' "$work/diags" || true) |"
# The analyzers are the ones `wsvet -flags` lists, so that a new one is
# counted without an edit here.
analyzers=$("$bin/wsvet" -flags | awk -F'"' '/"Name"/ {n=$4} /"Usage"/ && /enable .* analysis/ {print n}')
for a in $analyzers; do
	echo "| ... $a | $(awk -F'\t' -v a=$a '$2 == a' "$work/diags" | wc -l) |"
done
others=$(awk -F'\t' -v list=" $(echo $analyzers) " 'index(list, " " $2 " ") == 0' "$work/diags" | wc -l)
((others == 0)) || echo "| ... other analyzers | $others |"
echo
echo "Time: build and go list $((t1 - t_start)) s, compile (go list -export) $((t2 - t1)) s, go vet $((t3 - t2)) s, total $((SECONDS - t_start)) s."
echo
echo "### Diagnostics per module"
echo
echo "| module | version | packages vetted | diagnostics |"
echo "| --- | --- | ---: | ---: |"
while read -r m v; do
	np=$(awk -F'\t' -v m="$m" '$1 == m' "$work/vetted" | wc -l)
	nd=$(awk -F'\t' -v p="$m@$v/" 'index($1, p) == 1' "$work/diags" | wc -l)
	echo "| $m | $v | $np | $nd |"
done <"$work/modules"
echo
echo "### Packages left out"
echo
{
	awk -F'\t' '$3 == "broken" {print $2 "\tgo list: " $4}' "$work/selected.all"
	awk -F'\t' '{print $1 "\tcompile: " $2}' "$work/uncompiled"
} | cut_cache | cut -c1-400 | sort | sed 's/^/- /; s/\t/: /' | grep . || echo "(none)"
echo
echo "### Errors"
echo
{
	grep -E '^(ERROR|OTHER)' "$work/vet.tsv" || true
	cat "$work/stderr.tsv"
} | cut_cache | cut -c1-400 | LC_ALL=C sort | sed 's/^/- /' | grep . || echo "(none)"
echo
echo "### Packages vetted"
echo
cut -f2 "$work/vetted" | sed 's/^/- /'
echo
echo "### Diagnostics"
echo
echo '```'
if [[ -s $work/diags ]]; then cat "$work/diags"; else echo "(none)"; fi
echo '```'

if ((panics + wsvet_errs > 0)); then
	log "FAIL: $panics panics, $wsvet_errs wsvet errors"
	exit 1
fi
log "done: $diags diagnostics in $((SECONDS - t_start)) s"
exit 0
