#!/usr/bin/env bash
# Packs the render benchmark for a bare x86-64 machine with an NVIDIA GPU, no network and no
# Node: the built renderer, the render benches bundled into one file (test/bench/device-render.ts),
# @playwright/test, a stripped node, this machine's Debian Chromium with the shared libraries it
# links (glibc and libstdc++ left to the target), the GL/Vulkan loader packages and one font.
# Everything goes into one tar cut into parts of at most 54 MiB, .gpu/1/part.aa, .gpu/2/part.ab...,
# one part per call of a device whose calls each carry 64 MiB; scripts/gpu-bench-device.sh
# stashes the parts and, in the last call, unpacks and runs them. See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
C=/usr/lib/chromium
S=.gpu/stage
rm -rf .gpu && mkdir -p $S/chromium $S/libs $S/fonts
[ -f out/renderer/index.html ] || npx electron-vite build
npx esbuild test/bench/device-render.ts --bundle --platform=node --format=esm --target=node20 \
  --external:@playwright/test --outfile=$S/bench.mjs --log-level=warning
cp scripts/gpu-probe.mjs $S/
tar -C out -cf $S/renderer.tar renderer
tar -C node_modules -cf $S/node_modules.tar @playwright/test playwright playwright-core
cp "$(command -v node)" $S/node && strip $S/node
tar -C $C -cf - --exclude='./libVk*' --exclude=./chrome-sandbox . \
  | tar -C $S/chromium -xf -
ldd $C/chromium | awk '{print $3}' | grep / \
  | grep -vE '/(libc|libm|libpthread|libdl|librt|libresolv|libstdc\+\+|libgcc_s)\.so' \
  | while read -r l; do cp -L "$l" $S/libs/; done
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf $S/fonts/
mkdir -p $S/gl /tmp/amd64/partial
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
apt-get $o update -qq && (cd $S/gl && apt-get $o download -qq libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
tar -C .gpu -cf - stage | xz -T0 -6 | split -b 54M -a 2 - .gpu/part.
n=0
for p in .gpu/part.*; do n=$((n + 1)); mkdir -p .gpu/$n && mv "$p" .gpu/$n/; done
rm -rf $S
ls -la .gpu/*/
echo "$n parts: one device call per part, carry .gpu/1, .gpu/2, ... in order"
