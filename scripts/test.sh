#!/usr/bin/env bash
# keywarden's whole test suite, as `npm test` runs it: build, type-check, unit, conformance and
# end-to-end tests. Installs the Debian packages the tests need when they are missing (CI starts from a
# bare machine); a test that needs such a package never passes silently without it.
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export OCLIF_SKIP_NEW_VERSION_CHECK=true

need_pkgs=()
# sarif-multitool (a .NET binary) needs ICU unless globalisation is invariant; we run it invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
if [ -f scripts/debian-packages.txt ]; then
  while read -r bin pkg; do
    [ -z "$bin" ] || [ "${bin#\#}" != "$bin" ] && continue
    command -v "$bin" >/dev/null 2>&1 || [ -e "$bin" ] || need_pkgs+=("$pkg")
  done < scripts/debian-packages.txt
fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "test.sh: installing Debian packages the tests need: ${need_pkgs[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "test.sh: not root; install them with: sudo apt-get install ${need_pkgs[*]}" >&2
    exit 2
  fi
fi

npm run --silent build
npx tsc -p tsconfig.json --noEmit
npx eslint .

result=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$result" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' "$result" || true
rm -f "$result"
exit $status
