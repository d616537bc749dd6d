#!/usr/bin/env bash
# The diffusion renderer's cost per denoising step on CPU, with the committed stand-in (tiny random-weight modules
# with SD1.5's contract) at 512 px: ms inside the TorchScript forwards, ms outside them (overheadMsPerStep: sampler,
# guidance, latent blending, noise, tensor moves; goal <= 2 ms), images per second; DDIM and Euler-ancestral,
# batch 1 and 4, 20 steps, guidance 7.5 (the negative-prompt pass included).
# Usage: bench/diffusion-bench.sh [RENDERER_DIR]   (default: the stand-in)
# Writes bench/results/diffusion.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/bench/results/diffusion.json}"
renderer="${1:-$root/runtime/src/test/resources/diffusion-standin}"
"$root/caig" --version >/dev/null   # builds the runtime when needed
java -XX:+UseParallelGC -Xmx1g -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="${CAIG_THREADS:-1}" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
  dev.caig.runtime.bench.DiffusionBenchmark --renderer "$renderer" --size "${SIZE:-512}" --steps "${STEPS:-20}" \
  --batches "${BATCHES:-1,4}" --repeats "${REPEATS:-3}" --out "$out"
echo "diffusion-bench: written to $out" >&2
