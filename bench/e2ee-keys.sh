#!/bin/sh
# End-to-end encryption costs (bench/js/e2ee-keys.mjs, docs/e2ee.md "Cost"): the key exchange of
# one join at 10, 50 and 100 participants, and AES-GCM per 720p frame; a JSON line last.
set -e
cd "$(dirname "$0")/.."
exec node bench/js/e2ee-keys.mjs "$@"
