#!/usr/bin/env bash
# Reconcile-throughput benchmark (not part of `mvn verify`): N AdImageTrainingJobs against the Fabric8 mock
# API server; time until all first stage Jobs exist, heap, API requests per training job and a plain-client replay
# of them. Figures go to bench/results/reconcile-<count>.json; the last lines say, per scenario, whether the goals
# (all first Jobs within 30 s, operator heap after GC <= 256 MiB) were met and how busy the machine was. Timings are
# only meaningful on an otherwise idle machine (load average near 0 before the start).
# The mock server finds the object of each write by its key (mockLookup=index, as a real API server does); "scan" is
# the stock Fabric8 mock server, which tests every stored object on each write and so grows with the square of count.
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=target/bench.jfr,settings=profile).
# Usage: operator/bench/run-benchmark.sh [count=5000] [reconcileThreads=10] [heap=1g] [scenarios=live,backlog] [mockLookup=index]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-5000}"; THREADS="${2:-10}"; HEAP="${3:-1g}"; SCENARIOS="${4:-live,backlog}"; LOOKUP="${5:-index}"
echo "load average before the build: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
(cd .. && mvn -B -ntp -q -pl operator -am test-compile -DskipTests)
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# the runtime module as just built, not whatever SNAPSHOT of it the local Maven repository holds
sed -i "s#[^:]*/caig-runtime-[^:/]*\.jar#$PWD/../runtime/target/classes#" target/bench-classpath.txt
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  dev.caig.operator.bench.ReconcileBenchmark "$COUNT" "$THREADS" "../bench/results/reconcile-$COUNT.json" "$SCENARIOS" "$LOOKUP"
