#!/usr/bin/env bash
# The CUDA image runs the runtime on older DJL and libtorch versions than the rest of the project (README.md). There
# is no GPU here, so this checks those versions with libtorch's CPU build instead: same Java code, same DJL, same
# libtorch version, other flavour.
#   1. the runtime's model, training and pipeline tests
#   2. as root, with the base made (build-base.sh): a runtime image of those versions, smoke-run like the CPU image
#      (libtorch from PYTORCH_LIBRARY_PATH, offline, read-only root, UID 1000)
# It works on a copy of the committed tree (git archive HEAD), so the worktree's target/ folders stay as they are.
#
#   [sudo] runtime-image/check-cuda-djl-on-cpu.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml"; }
djl="$(property cuda.djl.version)" pytorch="$(property cuda.pytorch.native.version)"
versions=(-Ddjl.version="$djl" -Dpytorch.native.version="$pytorch")
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
git -C "$root" archive HEAD | tar -x -C "$copy"

echo "check-cuda-djl-on-cpu: runtime tests on DJL $djl, libtorch $pytorch (CPU) ..." >&2
# Its own engine cache: the libtorch version differs from the one in ~/.djl.ai
mvn -B -ntp -q -f "$copy/pom.xml" -pl runtime test "${versions[@]}" \
  -Dtest='PromptModelTest,RewardModelTest,PreferenceTrainerTest,RewardTrainerTest,ResumeFromCheckpointTest,TinyPipelineTest' \
  -Dtest.jvm.args="-Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -DENGINE_CACHE_DIR=$copy/djl"
grep -h "Tests run" "$copy"/runtime/target/surefire-reports/*.txt
grep -q "Found matching platform from: .*pytorch-native-cpu-$pytorch-" -r "$copy/runtime/target/surefire-reports" \
  || { echo "check-cuda-djl-on-cpu: the tests did not load libtorch $pytorch" >&2; exit 1; }

base="$root/runtime-image/target/base/caig-base.tar"
if [ "$(id -u)" -ne 0 ] || [ ! -s "$base" ]; then
  echo "check-cuda-djl-on-cpu: tests ok; image smoke run skipped (needs root and $base)" >&2
  exit 0
fi
echo "check-cuda-djl-on-cpu: a runtime image on DJL $djl, libtorch $pytorch (CPU), smoke run ..." >&2
mvn -B -ntp -q -f "$copy/pom.xml" -Pimage -pl runtime -am -DskipTests package "${versions[@]}" \
  -Dcaig.image.base="tar://$base"
image="$copy/runtime/target/image/caig-runtime-cpu.tar"
python3 "$root/runtime-image/image_tar.py" check runtime-cpu "$image"
python3 "$root/runtime-image/image_tar.py" config "$image" | grep -q "on DJL $djl, libtorch $pytorch cpu" \
  || { echo "check-cuda-djl-on-cpu: the image is not on DJL $djl, libtorch $pytorch" >&2; exit 1; }
store="$copy/store"
mkdir -p "$store" && chown 1000:1000 "$store"
"$root/runtime-image/smoke-run.sh" --config "$root/runtime-image/smoke" --store "$store" "$image" -- \
  "pipeline --config /etc/caig/pipeline.yaml --out /store/smoke --stage market" \
  "pipeline --config /etc/caig/pipeline.yaml --out /store/smoke --stage pretrain"
[ -s "$store/smoke/pretrain/manifest.json" ] || { echo "check-cuda-djl-on-cpu: no pretrain artifact" >&2; exit 1; }
echo "check-cuda-djl-on-cpu: ok" >&2
