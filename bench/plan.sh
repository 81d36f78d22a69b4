#!/usr/bin/env bash
# Benchmark of the offline plan (not a test): whole-process time of `java ... hipaa.plan.Plan <stack>` for
# every real stack, against a floor program that runs one resource through the same SDK and offline engine
# on the same JVM and flags. Writes the medians, their ratio and the machine to docs/PERFORMANCE.md.
#
#   bench/plan.sh            # 7 runs each (RUNS=n to change), after one warm-up run each
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
OUT=docs/PERFORMANCE.md
JAVA_FLAGS=(-XX:TieredStopAtLevel=1)

mvn -q -ntp -pl tooling -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
mkdir -p target
CP="tooling/target/classes:tooling/target/test-classes:$(cat tooling/target/bench-classpath.txt)"
stacks=$(for f in Pulumi.*.yaml; do f=${f#Pulumi.}; echo "${f%.yaml}"; done | sort)

# One run: prints "wall user+sys" in seconds. The plan exits 3 while a guardrail fails; that is still a
# complete plan, so 0 and 3 both count, anything else stops the benchmark.
one() {
  local rc
  TIMEFORMAT='%R %U %S'
  { time java "${JAVA_FLAGS[@]}" -cp "$CP" "$@" >/dev/null 2>&1; rc=$?; } 2> target/bench-time.txt || rc=$?
  if [[ $rc -ne 0 && $rc -ne 3 ]]; then
    echo "bench: '$*' exited $rc" >&2
    exit 1
  fi
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' target/bench-time.txt
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# label, then the java arguments; sets WALL and CPU (medians) and LOADS (load average before each run)
measure() {
  local label=$1; shift
  one "$@" >/dev/null   # warm the page cache; not counted
  : > target/bench-runs.txt
  LOADS=""
  for _ in $(seq "$RUNS"); do
    LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
    one "$@" >> target/bench-runs.txt
  done
  WALL=$(cut -d' ' -f1 target/bench-runs.txt | median)
  CPU=$(cut -d' ' -f2 target/bench-runs.txt | median)
  echo "$label: wall $(tr '\n' ' ' < <(cut -d' ' -f1 target/bench-runs.txt)) -> median ${WALL}s; cpu median ${CPU}s; load$LOADS" >&2
}

measure floor hipaa.plan.bench.FloorProgram
FLOOR_WALL=$WALL FLOOR_CPU=$CPU FLOOR_LOADS=$LOADS
rows=""
phases=""
for s in $stacks; do
  measure "$s" hipaa.plan.Plan "$s"
  ratio=$(awk -v a="$WALL" -v b="$FLOOR_WALL" 'BEGIN { printf "%.2f", a / b }')
  cratio=$(awk -v a="$CPU" -v b="$FLOOR_CPU" 'BEGIN { printf "%.2f", a / b }')
  count=$(java "${JAVA_FLAGS[@]}" -cp "$CP" hipaa.plan.Plan "$s" 2>/dev/null | sed -nE 's/^Stack [^ ]+ \([^)]*\): ([0-9]+) resources.*/\1/p' || true)
  rows="$rows| \`./plan $s\` | $count | $WALL | $ratio | $CPU | $cratio |$LOADS |"$'\n'
  phases="$phases- $(HIPAA_PLAN_TIMINGS=1 java "${JAVA_FLAGS[@]}" -cp "$CP" hipaa.plan.Plan "$s" 2>&1 >/dev/null | sed -n 's/^timings //p' || true)"$'\n'
done

# The aim, judged on the prod stack and every stack's wall median.
prod_ratio=$(printf '%s' "$rows" | awk -F'|' '/`.\/plan prod`/ { gsub(/ /, "", $5); print $5 }')
slowest=$(printf '%s' "$rows" | awk -F'|' '{ v = $4 + 0; if (v > m) m = v } END { print m + 0 }')
verdict=$(awk -v r="${prod_ratio:-99}" -v s="$slowest" 'BEGIN {
  printf "%s: prod at %sx the floor (aim 2x), slowest stack %s s (aim 3 s).", (r <= 2 && s < 3) ? "Met" : "Not met", r, s }')

dot_note="not installed: no SVG rendered"
command -v dot >/dev/null 2>&1 && dot_note="installed: each plan run also rendered architecture.svg"

cat > "$OUT" <<DOC
# Performance of the offline plan

Measured by \`bench/plan.sh\` (a benchmark, not a test): the whole process, from \`java\` starting to its exit,
of the plan for each real stack, and of a floor program (\`hipaa.plan.bench.FloorProgram\`) that runs one
resource through the same Pulumi SDK, offline engine and JVM flags (\`${JAVA_FLAGS[*]}\`). Each figure is the
median of $RUNS runs after one warm-up run; "cpu" is user + system time. The plan's own work is what it
costs above the floor: the offline run of the stack's resources, the guardrails, the diagram, the cost
estimate and writing the files.

| Command | Resources | Wall median (s) | Wall / floor | CPU median (s) | CPU / floor | Load average (1 min) before each run |
|---|---:|---:|---:|---:|---:|---|
| floor (1 resource) | 1 | $FLOOR_WALL | 1.00 | $FLOOR_CPU | 1.00 |$FLOOR_LOADS |
$rows
Aim (issue 10): the prod plan within 2x of the floor, every stack under 3 s on 2 cores. $verdict

Where one more run of each stack spent its time (\`HIPAA_PLAN_TIMINGS=1\`; the floor's own offline run of one
resource is part of its total above):

$phases
The offline run is the Pulumi SDK registering every resource of the stack under its mocks, from a cold
JVM: class loading and interpretation of the SDK and of each resource type's classes. It is the same code
path the tests take, and it grows with the number of resources and resource types, which the floor (one
resource, one type) does not pay. The plan's own work (guardrails, diagram, cost, files) is the rest.

## Machine

- Measured: $(date -u +"%Y-%m-%d %H:%M UTC")
- CPUs: $(nproc)
- Memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')
- Java: $(java -version 2>&1 | head -1)
- Graphviz dot: $dot_note
- Load: the load averages above were read before each run. This machine is shared: a load above the
  core count means other processes took most of the CPU, which stretches wall time far more than CPU time.

## Reproduce

\`\`\`bash
bench/plan.sh          # RUNS=15 bench/plan.sh for more runs
\`\`\`
DOC
echo "Wrote $OUT" >&2
