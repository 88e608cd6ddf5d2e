#!/usr/bin/env bash
# On the GPU machine (see scripts/gpu-bench-pack.sh). `stash`: keeps this call's part in /tmp/g
# (the machine stays up between calls a few seconds apart). `run`: stashes the last part, unpacks
# everything, finds the Chromium flags that give hardware WebGL (scripts/gpu-probe.mjs), then runs
# the render benches on the GPU with the frame rate uncapped. `shots`: the same up to the flags,
# then screenshots (scripts/gpu-shots.mjs). `diag`: the same up to the flags, then opens the app
# cross-origin isolated and with COOP/COEP stripped, and reports errors, crashes and readiness
# (scripts/gpu-diag.mjs). `click`: the same up to the flags, then issue 14's click-to-heatmap
# bench (test/bench/session.bench.ts) on the GPU, held to 2 cores with taskset as on the CI
# machine, then on all cores. Logs, results and PNGs go to $OUT.
set -uo pipefail
REPO=$PWD
G=/tmp/g
mkdir -p $G
mv .gpu/*/part.* $G/ 2>/dev/null
ls -la $G
[ "${1:-}" = run ] || [ "${1:-}" = shots ] || [ "${1:-}" = diag ] || [ "${1:-}" = click ] || exit 0
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
cat $G/part.* | xz -dc | tar -C $G -xf - || { echo "unpack failed: a part is missing (was the machine given back between calls?)"; exit 4; }
S=$G/stage
cd $S && tar -xf renderer.tar && mkdir -p node_modules && tar -C node_modules -xf node_modules.tar || exit 4
if [ -z "${LOCAL_TEST:-}" ]; then for f in gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
export PATH=$S:$PATH LD_LIBRARY_PATH=$S/libs CHROMIUM_PATH=$S/chromium/chromium RENDER_ROOT=$S/renderer
# The NVIDIA Vulkan driver, where the loader would not find it; unset for SwiftShader below (with
# these set the loader sees no other driver, and ANGLE's SwiftShader has no Vulkan device).
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export VK_ICD_FILENAMES=$VK_DRIVER_FILES
fi
export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
printf '<?xml version="1.0"?><fontconfig><dir>%s/fonts</dir><cachedir>/tmp/fc</cachedir></fontconfig>' $S > $S/fonts.conf
export FONTCONFIG_FILE=$S/fonts.conf OUT
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
head -2 /etc/os-release; nproc
ls /usr/local/nvidia/share/vulkan/icd.d /usr/local/nvidia/share/glvnd/egl_vendor.d 2>&1 | head -6
ldd $CHROMIUM_PATH | grep 'not found'
node -v
if [ -z "${RENDER_GL_ARGS:-}" ]; then
  timeout 240 node gpu-probe.mjs $S/gl-args.txt 2>&1 | tee "$OUT/probe.log"
  [ -s $S/gl-args.txt ] || { echo "no hardware WebGL: see chrome-gpu-*.txt"; exit 5; }
  export RENDER_GL_ARGS="$(cat $S/gl-args.txt)"
fi
echo "RENDER_GL_ARGS=$RENDER_GL_ARGS"
if [ "$1" = diag ]; then
  # Opens the app on the GPU, as served (cross-origin isolated) and with COOP/COEP stripped, and
  # reports errors, crashes and readiness (scripts/gpu-diag.mjs); Chromium's log in $OUT.
  cp "$REPO/scripts/gpu-diag.mjs" "$REPO/scripts/serve.mjs" $S/ && DEBUG=pw:browser timeout 150 node gpu-diag.mjs > "$OUT/diag.log" 2>&1
  grep -v '^\s*$' "$OUT/diag.log" | grep -iv 'fontconfig' | tail -60
  exit 0
fi
if [ "$1" = click ]; then
  # Click-to-heatmap on the GPU (budget: median under 100 ms on the 2-core machine). The browser,
  # its GPU process, the engine worker and the baseline all run on cores 0-1 (taskset; children
  # inherit the affinity); then once more on every core, if time is left.
  two="taskset -c 0,1"; command -v taskset >/dev/null || { two=""; echo "no taskset: all cores"; }
  timeout "${CLICK_TIMEOUT:-300}" $two node bench.mjs click-to-heatmap 2>&1 | tee "$OUT/bench-click-gpu-2cores.log"
  cp bench-results/latest.json "$OUT/bench-click-gpu-2cores.json" 2>/dev/null
  left=$(( ${CALL_BUDGET:-560} - SECONDS ))
  [ $left -gt 150 ] && timeout $((left - 20)) node bench.mjs click-to-heatmap 2>&1 | tee "$OUT/bench-click-gpu-all.log"
  echo "done in $SECONDS s"
  exit 0
fi
if [ "$1" = shots ]; then
  # Screenshots on the GPU at the app's window size (scripts/gpu-shots.mjs), nothing else.
  cp "$REPO/scripts/gpu-shots.mjs" "$REPO/scripts/serve.mjs" $S/ && timeout 150 node gpu-shots.mjs
  exit 0
fi
# 1. The budget run on the GPU: lean quality, as in `npm run bench -- render render-30k`.
timeout "${GPU_TIMEOUT:-240}" node bench.mjs render render-30k 2>&1 | tee "$OUT/bench-gpu.log"
cp bench-results/latest.json "$OUT/bench-gpu.json" 2>/dev/null
# 2. The same lean globe on SwiftShader with this machine's cores, for comparison with the CI
#    machine's two (no heap run: it takes a minute and says nothing new).
GPU_ARGS=$RENDER_GL_ARGS
env -u VK_DRIVER_FILES -u VK_ICD_FILENAMES RENDER_GL_ARGS='--use-angle=swiftshader --enable-unsafe-swiftshader' timeout "${SW_TIMEOUT:-170}" \
  node bench.mjs render --skip=heap 2>&1 | tee "$OUT/bench-swiftshader.log"
cp bench-results/latest.json "$OUT/bench-swiftshader.json" 2>/dev/null
# 3. Pretty quality on the GPU, if time is left.
left=$(( ${CALL_BUDGET:-560} - SECONDS ))
if [ $left -gt 60 ]; then
  RENDER_GL_ARGS=$GPU_ARGS RENDER_QUALITY=pretty timeout $((left - 10)) \
    node bench.mjs render --skip=heap 2>&1 | tee "$OUT/bench-gpu-pretty.log"
fi
echo "done in $SECONDS s"
exit 0
