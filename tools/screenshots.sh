#!/usr/bin/env bash
# Regenerates the page's screenshots in docs/images/ (the README shows one): the browser test takes
# them, in Chromium (CHROMIUM_PATH, else /usr/bin/chromium), on the seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
SCREENSHOTS=1 npx vitest run test/browser/page.test.ts -t 'writes screenshots'
# The workbench's two, opened and finished, from its measured review.
SCREENSHOTS=1 npx vitest run test/browser/workbench.test.ts
ls -l docs/images/
