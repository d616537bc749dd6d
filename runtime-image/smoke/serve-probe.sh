#!/usr/bin/env bash
# The client side of the image's `caig serve` smoke run (smoke-run.sh --probe), in the pod's network: readiness turns
# 200 once both models are loaded and verified, then one multipart /v1/generate with a product photo of the smoke
# market answers two ranked candidates.
#   serve-probe.sh STORE PID   STORE: the host path of the store the smoke pipeline wrote (smoke/market, ...);
#                              PID: the server's process, whose end ends the wait
set -euo pipefail
store="$1" server="$2"
url=http://127.0.0.1:8080
start=$(date +%s%N)
code=000
for _ in $(seq 1 900); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url/q/health/ready" || true)
  [ "$code" = 200 ] && break
  kill -0 "$server" 2>/dev/null || { echo "serve-probe: the server exited before it was ready" >&2; exit 1; }
  sleep 0.2
done
[ "$code" = 200 ] || { echo "serve-probe: /q/health/ready still $code after 180 s" >&2; exit 1; }
echo "serve-probe: ready after $(( ($(date +%s%N) - start) / 1000000 )) ms: $(curl -s "$url/q/health/ready" | jq -c '[.checks[] | {name, status}]')" >&2
answer="$(mktemp)"
trap 'rm -f "$answer"' EXIT
code=$(curl -s -o "$answer" -w '%{http_code}' -F "image=@$store/smoke/market/products/p00000.png" \
  -F title="rose hand cream" -F candidates=2 -F seed=7 "$url/v1/generate")
[ "$code" = 200 ] || { echo "serve-probe: /v1/generate answered $code: $(head -c 500 "$answer")" >&2; exit 1; }
jq -e '(.candidates | length) == 2 and (.candidates[0].image | length) > 100' "$answer" >/dev/null \
  || { echo "serve-probe: /v1/generate did not answer two candidates with images: $(head -c 500 "$answer")" >&2; exit 1; }
echo "serve-probe: /v1/generate answered $(jq -c '[.candidates[] | {rank, score, description}]' "$answer")" >&2
