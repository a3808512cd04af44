#!/usr/bin/env bash
# The benchmark report in one command: builds the benchmark jar, runs every benchmark family beside
# its peers (JMH, -rf json, -prof gc), records the machine, commit, date and command, and writes
# patterns-bench/REPORT.md with one PNG chart per family in patterns-bench/report/.
#
#   patterns-bench/report.sh short   # 1 fork, 2 x 300 ms warm-up, 4 x 300 ms: a quick look (~5 min of JMH on 2 cores)
#   patterns-bench/report.sh full    # 2 forks, 2 x 1 s warm-up, 5 x 1 s: the figures to publish (~35 min of JMH)
#
# Environment (all optional):
#   JAVA=/path/to/bin/java   a JDK 21 or newer; default: $JAVA_HOME, then `java` on the PATH, then the
#                            newest JDK under /usr/lib/jvm or /Library/Java/JavaVirtualMachines
#   BENCH_LOCK=buildlock     a command put in front of the build and of each JMH run (on a shared
#                            machine, its lock: each run holds it, others may go between runs)
#   BENCH_OUT=DIR            where REPORT.md and report/ are written (default: patterns-bench)
#   BENCH_NOTE="text"        a sentence printed under the report's title (what was special about the run)
#
# Runs, each its own JVMs: everything outside resilience, jfr and redis (threads as the benchmarks
# declare them; JfrCostBench compares our own code with a recording off and on, and the Redis
# benchmarks need a server and caller counts of their own: patterns-bench/README.md has both commands);
# resilience at -t 1 and at -t 2; the token bucket again in SampleTime mode (per-call percentiles) at
# -t 1 and -t 2. The JSON files and the metadata stay in patterns-bench/target/report/.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  short) settings=(-f 1 -wi 2 -w 300ms -i 4 -r 300ms) ;;
  full)  settings=(-f 2 -wi 2 -w 1s -i 5 -r 1s) ;;
  *) echo "usage: $0 short|full" >&2; exit 2 ;;
esac
command_line="patterns-bench/report.sh $mode"

cd "$(dirname "$0")/.."
root="$(pwd)"
out="${BENCH_OUT:-$root/patterns-bench}"
work="$root/patterns-bench/target/report"
lock=()
if [[ -n "${BENCH_LOCK:-}" ]]; then
  read -r -a lock <<< "$BENCH_LOCK"
fi

# The feature release of a java binary: 21, 25; 1 for 1.8 and older; 0 when it does not answer.
java_major() {
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2; exit }')"
  v="${v%%.*}"
  echo "${v:-0}"
}

find_java() {
  local candidates=()
  [[ -n "${JAVA:-}" ]] && { echo "$JAVA"; return; }
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java > /dev/null && candidates+=("$(command -v java)")
  local c
  for c in "${candidates[@]}"; do
    if [[ -x "$c" ]] && (( $(java_major "$c") >= 21 )); then echo "$c"; return; fi
  done
  local best="" best_major=0 m
  for c in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [[ -x "$c" ]] || continue
    m="$(java_major "$c")"
    if (( m >= 21 && m > best_major )); then best="$c"; best_major="$m"; fi
  done
  [[ -n "$best" ]] && { echo "$best"; return; }
  echo "no JDK 21 or newer found: set JAVA=/path/to/bin/java" >&2
  exit 2
}

java="$(find_java)"
jar="$root/patterns-bench/target/benchmarks.jar"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

echo "== building the benchmark jar"
${lock[@]+"${lock[@]}"} ./mvnw -q -pl patterns-bench -am package -DskipTests -Dbench.skip -Dstress.skip -Dmaven.javadoc.skip

rm -rf "$work"
mkdir -p "$work"

# Java properties: backslashes doubled, one line per value.
prop() {
  local value="${2//\\/\\\\}"
  printf '%s=%s\n' "$1" "${value//$'\n'/ }" >> "$work/meta.properties"
}

runs=(
  "^dev.patterns.bench.(?!(resilience|jfr|redis)[.])|-prof gc"
  "^dev.patterns.bench.resilience[.]|-t 1 -prof gc"
  "^dev.patterns.bench.resilience[.]|-t 2 -prof gc"
  "^dev.patterns.bench.resilience.TokenBucketBench[.]|-t 1 -bm sample -tu ns"
  "^dev.patterns.bench.resilience.TokenBucketBench[.]|-t 2 -bm sample -tu ns"
)
n=0
for run in "${runs[@]}"; do
  n=$((n + 1))
  regex="${run%%|*}"
  read -r -a extra <<< "${run#*|}"
  json="$work/run-$n.json"
  args=("$regex" "${settings[@]}" "${extra[@]}" -foe true -rf json -rff "$json")
  echo "== run $n/${#runs[@]}: java -jar benchmarks.jar ${args[*]}"
  prop "run.$n" "java -jar patterns-bench/target/benchmarks.jar '$regex' ${settings[*]} ${extra[*]} -foe true -rf json"
  ${lock[@]+"${lock[@]}"} "$java" -jar "$jar" "${args[@]}" > "$work/run-$n.log" 2>&1 \
    || { echo "JMH run $n failed; its log:" >&2; tail -40 "$work/run-$n.log" >&2; exit 1; }
  tail -3 "$work/run-$n.log"
done

commit="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)"
if [[ -n "$(git status --porcelain --untracked-files=no 2> /dev/null)" ]]; then
  commit="$commit (with uncommitted changes)"
fi
cpu="$( (grep -m1 'model name' /proc/cpuinfo 2> /dev/null || sysctl -n machdep.cpu.brand_string 2> /dev/null || echo unknown) | sed 's/.*: //')"
cpus="$(getconf _NPROCESSORS_ONLN 2> /dev/null || echo '?')"
memory="$(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo 2> /dev/null || true)"
load="$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || true)"

prop mode "$mode"
[[ -n "${BENCH_NOTE:-}" ]] && prop note "$BENCH_NOTE"
prop date "$started to $(date -u +%Y-%m-%dT%H:%M:%SZ)"
prop commit "$commit"
prop command "$command_line"
prop machine "$cpu, $cpus CPUs, ${memory:-memory unknown}, $(uname -sr); load average at the end ${load:-unknown}"

echo "== writing the report"
mkdir -p "$out/report"
rm -f "$out/report/"*.png
${lock[@]+"${lock[@]}"} "$java" -Djava.awt.headless=true -cp "$jar" dev.patterns.bench.report.ReportGenerator \
  --out "$out" --meta "$work/meta.properties" "$work"/run-*.json
