#!/bin/sh
# Vendors the browser libraries of the meeting effects into the web client (web/vendor/),
# from the npm registry at exact versions, so that they are served from Parley's own origin
# (no CDN: docs/design.md, "Privacy"). Run it to upgrade; commit what it writes.
#   MediaPipe selfie segmentation (Apache-2.0): background blur and virtual background
#   RNNoise in WebAssembly, Jitsi's build (Apache-2.0 wrapper, BSD-3-Clause RNNoise): noise suppression
# Only the files the client loads are copied: the SIMD build of MediaPipe (every browser
# Parley supports has WebAssembly SIMD), its landscape model, and RNNoise's synchronous
# module (its wasm inlined, since an AudioWorklet cannot fetch).
set -eu
SELFIE_VERSION=0.1.1675465747
RNNOISE_VERSION=0.2.1

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/src/main/resources/web/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "@mediapipe/selfie_segmentation@$SELFIE_VERSION" "@jitsi/rnnoise-wasm@$RNNOISE_VERSION" >/dev/null)
mkdir -p "$tmp/selfie" "$tmp/rnnoise"
tar xzf "$tmp/mediapipe-selfie_segmentation-$SELFIE_VERSION.tgz" -C "$tmp/selfie"
tar xzf "$tmp/jitsi-rnnoise-wasm-$RNNOISE_VERSION.tgz" -C "$tmp/rnnoise"

rm -rf "$out/selfie-segmentation" "$out/rnnoise"
mkdir -p "$out/selfie-segmentation" "$out/rnnoise"
for f in selfie_segmentation.js selfie_segmentation.binarypb selfie_segmentation_landscape.tflite \
         selfie_segmentation_solution_simd_wasm_bin.js selfie_segmentation_solution_simd_wasm_bin.wasm; do
  cp "$tmp/selfie/package/$f" "$out/selfie-segmentation/$f"
done
cp "$tmp/rnnoise/package/dist/rnnoise-sync.js" "$out/rnnoise/rnnoise-sync.js"
cp "$tmp/rnnoise/package/LICENSE" "$out/rnnoise/LICENSE.txt"
chmod 644 "$out"/*/*

cat > "$out/selfie-segmentation/NOTICE.txt" <<NOTICE
@mediapipe/selfie_segmentation $SELFIE_VERSION, from the npm registry (scripts/vendor-effects.sh).
MediaPipe, Copyright Google LLC. Licensed under the Apache License, Version 2.0
(the package declares "license": "Apache-2.0"; the text is in ../rnnoise/LICENSE.txt,
the same Apache License 2.0). Files copied unchanged.
NOTICE
cat > "$out/rnnoise/NOTICE.txt" <<NOTICE
@jitsi/rnnoise-wasm $RNNOISE_VERSION, from the npm registry (scripts/vendor-effects.sh).
The package (Jitsi's build of RNNoise with Emscripten) is under the Apache License 2.0
(LICENSE.txt beside this file). RNNoise itself: Copyright (c) 2017 Mozilla, 2007-2017
Jean-Marc Valin, 2005-2017 Xiph.Org Foundation, 2003-2004 Mark Borgerding; BSD 3-Clause
licence. File copied unchanged.
NOTICE
echo "vendored into $out:"; ls -l "$out"/*
