#!/usr/bin/env bash
# One short check for a machine with an NVIDIA GPU (not run yet: the project's build machines have none). Builds the
# runtime on the CUDA image's versions (DJL and libtorch cu124 from the parent pom's cuda.* properties; the cu124
# jar is ~2.4 GB from Maven Central, so run it once with network or with that jar already in ~/.m2), then
#  1. the CUDA engine loads and the stand-in renders in fp32 on CUDA, fp16 on CUDA and fp32 on CPU agree
#     (fp32 CUDA vs CPU: at most 2 of 255 levels anywhere; fp16 vs fp32: mean <= 2 levels, max <= 24),
#  2. a timed batch (8 candidates, 512 px, 30 DDIM steps, guidance 7.5) in fp32 and fp16,
#  3. one PCPO iteration (and the evaluation) of a tiny pipeline rendering with the diffusion back end on the GPU.
# Usage: bench/gpu-check.sh [RENDERER_DIR]   (default: the committed stand-in). Writes bench/results/gpu-check.json
# and bench/results/gpu-check.log; record the figures in the README.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
renderer="${1:-$root/runtime/src/test/resources/diffusion-standin}"
out="$root/bench/results/gpu-check.json"
log="$root/bench/results/gpu-check.log"
work="$(mktemp -d)"
exec > >(tee "$log") 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || { echo "gpu-check: no nvidia-smi"; exit 1; }
property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml"; }
mvn -B -q -f "$root/pom.xml" -pl runtime -am -DskipTests package -Ddjl.version="$(property cuda.djl.version)" \
  -Dpytorch.native.version="$(property cuda.pytorch.native.version)" -Dpytorch.flavor="$(property cuda.pytorch.flavor)"
touch "$root/runtime/target/caig-runtime.jar"   # ./caig below must not rebuild it on the CPU versions
java -Xmx2g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
  dev.caig.runtime.bench.DiffusionGpuCheck --renderer "$renderer" --out "$out"
export CAIG_LOCAL_STORE="$work/store"
"$root/caig" renderer import --from "$renderer" --to s3://caig/renderers/gpu-check
cat > "$work/pipeline.yaml" <<YAML
name: gpu-check
seed: 3
data: {market: {products: 10, creativesPerProduct: 8, seed: 3}, heldOutFraction: 0.3}
render: {size: 256, model: s3://caig/renderers/gpu-check, steps: 20, batchSize: 8}
promptModel: {imageSize: 32, patchSize: 16, embedDim: 32, layers: 1, heads: 2, maxSeqLen: 64, maxAnswerTokens: 12}
pretrain: {epochs: 1, batchSize: 16, examplesPerProduct: 4}
reward: {epochs: 1, imageSize: 32, channels: 4, minImpressions: 100, minCtrRatio: 1.0, maxCtrRatio: 3.0, minPairs: 2}
pcpo: {iterations: 1, batchSamples: 4, learningRate: 0.001, batchSize: 4}
evaluate: {impressionsPerArm: 2000, samplesPerProduct: 1, oracleCandidates: 2, ablation: false}
YAML
start=$(date +%s)
"$root/caig" pipeline --config "$work/pipeline.yaml" --out s3://caig/gpu-check
echo "gpu-check: pipeline with the diffusion renderer took $(( $(date +%s) - start )) s"
"$root/caig" artifact show s3://caig/gpu-check/pcpo | grep -A12 '"renderer"'
rm -rf "$work"
echo "gpu-check: done; results in $out and $log"
