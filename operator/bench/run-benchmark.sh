#!/usr/bin/env bash
# Reconcile-throughput benchmark (not part of `mvn verify`): N AdImageTrainingJobs against the Fabric8 mock
# API server; time until all first stage Jobs exist, heap, API requests per training job and a plain-client replay
# of them. Figures go to bench/results/reconcile-<count>.json; the last lines say, per scenario, whether the goals
# (all first Jobs within 30 s, operator heap after GC <= 256 MiB) were met and how busy the machine was. Timings are
# only meaningful on an otherwise idle machine (load average near 0 before the start).
# Usage: operator/bench/run-benchmark.sh [count=5000] [reconcileThreads=10] [heap=1g] [scenarios=live,backlog]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-5000}"; THREADS="${2:-10}"; HEAP="${3:-1g}"; SCENARIOS="${4:-live,backlog}"
echo "load average before the build: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
(cd .. && mvn -B -ntp -q -pl operator -am test-compile -DskipTests)
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx"$HEAP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  dev.caig.operator.bench.ReconcileBenchmark "$COUNT" "$THREADS" "../bench/results/reconcile-$COUNT.json" "$SCENARIOS"
