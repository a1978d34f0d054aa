#!/usr/bin/env bash
# Runs the shipped unit's ExecStart under the layout its sandbox gives it: a private mount
# namespace (unshare -m) where a copy of the server's tree is read-only except the unit's
# StateDirectory and ReadWritePaths (ProtectSystem=strict), paths moved under a temporary root.
# Passes when the run exits 0 twice (the second skips every stage) and writes the reports.
# Usage: scripts/check-deploy.sh CRMA [UNIT]   (needs root or user namespaces for unshare)
set -euo pipefail
crma=$(realpath "$1")
unit=$(realpath "${2:-deploy/crma.service}")
repo=$(pwd)
value() { sed -n "s/^$1=//p" "$unit" | tail -1; }

if ! unshare -m --map-root-user true 2>/dev/null && ! unshare -m true 2>/dev/null; then
  echo "check-deploy: unshare -m not available here: read-only layout not checked"; exit 0
fi
root=$(mktemp -d /tmp/crma-deploy.XXXXXX)
trap 'rm -rf "$root"' EXIT

workdir=$(value WorkingDirectory)
state=$(value StateDirectory)
writable=$(value ReadWritePaths)
read -r -a exec <<<"$(value ExecStart)"
[ -n "$workdir" ] && [ ${#exec[@]} -gt 1 ] || { echo "check-deploy: $unit has no WorkingDirectory/ExecStart" >&2; exit 1; }

# The server's tree: the package at WorkingDirectory/data, the writable folders empty.
mkdir -p "$root$workdir"
cp -r "$repo/data" "$root$workdir/data"
rw=()
[ -n "$state" ] && rw+=("/var/lib/$state")
for path in $writable; do rw+=("${path#-}"); done
for path in "${rw[@]}"; do mkdir -p "$root$path"; done

# ExecStart with every absolute path moved under the root; the binary is the one just built.
args=("$crma")
for word in "${exec[@]:1}"; do
  if [[ $word == /* ]]; then args+=("$root$word"); else args+=("$word"); fi
done
binds=""
for path in "${rw[@]}"; do binds+="mount --bind '$root$path' '$root$path'; "; done
quoted=$(printf "'%s' " "${args[@]}")
script="mount --make-rprivate / 2>/dev/null || true; mount --bind '$root' '$root'; $binds \
mount -o remount,bind,ro '$root'; cd '$root$workdir'; \
for run in 1 2; do $quoted 2>\"/tmp/crma-deploy-run\$run.log\" || exit \$?; done"
set +e
if [ "$(id -u)" = 0 ]; then unshare -m sh -c "$script"; else unshare -m --map-root-user sh -c "$script"; fi
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "check-deploy: crma run under the read-only layout of $(basename "$unit") exited $status:" >&2
  grep -h '"level":"error"' /tmp/crma-deploy-run*.log | head -3 >&2 || true
  rm -f /tmp/crma-deploy-run*.log
  exit 1
fi
skipped=$(grep -c '"stage.status":"skipped"' /tmp/crma-deploy-run2.log || true)
rm -f /tmp/crma-deploy-run*.log
reports=$(find "$root" -name manifest.json -path '*reports*' | head -1)
[ -n "$reports" ] && [ "$skipped" = 3 ] || { echo "check-deploy: no reports, or the second run did not skip (skipped=$skipped)" >&2; exit 1; }
echo "check-deploy: crma run passes under the read-only layout of $(basename "$unit") (second run skipped 3 stages)"
