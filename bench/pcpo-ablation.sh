#!/usr/bin/env bash
# The no-reward-model ablation of PCPO on a trained pipeline: fine-tune again with pcpo.chooser=random (chosen and
# rejected drawn at random, everything else equal) and evaluate it beside the pipeline's own models.
# Usage: bench/pcpo-ablation.sh [PIPELINE_CONFIG]   (default samples/local/paper.yaml)
# Needs the pipeline's artifacts: run bench/pipeline-bench.sh with the same config first (its store is the default
# STORE here), or point STORE at the embedded store that holds s3://caig/<name>/.
# Writes s3://caig/<name>/pcpo-random-chooser and .../evaluate-random-chooser; the report goes to out/<name>-random-chooser.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$(realpath "${1:-$root/samples/local/paper.yaml}")"
name="$(basename "$config")"; name="${name%.*}"
export CAIG_LOCAL_STORE="${STORE:-/tmp/caig-bench/store-$name}"
unset CAIG_S3_ENDPOINT
run="s3://caig/$name"
cd "$root"
./caig finetune --config "$config" --catalog "$run/market/catalog.json" --policy "$run/pretrain" \
  --reward "$run/reward" --set pcpo.chooser=random --out "$run/pcpo-random-chooser"
./caig evaluate --config "$config" --policy "$run/pcpo-random-chooser" --reference "$run/pretrain" \
  --reward "$run/reward" --market "$run/market" --dpo "$run/dpo" \
  --out "$run/evaluate-random-chooser" --export "out/$name-random-chooser"
