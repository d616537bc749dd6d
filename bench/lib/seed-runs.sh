# Shared by the bench scripts that go back to the runs bench/seeds.sh made (bench/pcpo-variant.sh,
# bench/restarts-eval.sh). Source it with `root` set to the repository; then:
#   seed_runs_init CONFIG [PATH=VALUE ...]  sets config, name, store (exported as the embedded store), results,
#                                           base_seed, sets (the --set arguments) and tmp (removed on exit)
#   seed_run SEED                           sets run (the run's name in the store) and cfg (CONFIG with that seed)
# Env: STORE (default /tmp/caig-bench/store-<config name>), RESULTS (default bench/results).

seed_runs_init() {
  config="$(realpath "$1")"; shift
  name="$(basename "$config")"; name="${name%.*}"
  store="${STORE:-/tmp/caig-bench/store-$name}"
  results="${RESULTS:-$root/bench/results}"
  base_seed="$(sed -n 's/^seed: *\([0-9][0-9]*\).*/\1/p' "$config")"
  export CAIG_LOCAL_STORE="$store"
  unset CAIG_S3_ENDPOINT
  sets=()
  for s in "$@"; do sets+=(--set "$s"); done
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
}

# The config's own seed is the run <name>; any other seed S is <name>-seed-S with the config's seed replaced.
seed_run() {
  if [ "$1" = "$base_seed" ]; then run="$name"; cfg="$config"; else
    run="$name-seed-$1"; cfg="$tmp/$run.yaml"; sed "s/^seed: *[0-9][0-9]*/seed: $1/" "$config" >"$cfg"; fi
}
