#!/usr/bin/env bash
# Builds the local stand-ins for the KCM images (no registry, no pull): a busybox image for guacd, guacamole
# and the database, and an nginx proxy image for keeper/guacamole-ssl-nginx. Idempotent: an image whose
# content label matches the build files is kept. Usage: build-images.sh [--force]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
force="${1:-}"
export DOCKER_BUILDKIT=0
label=org.kcmcompose.test-image
digest="$(cat "$0" "$here"/proxy/* "$here"/busybox/* "$here"/passwd "$here"/group | sha256sum | cut -c1-16)"

current() { docker image inspect --format "{{ index .Config.Labels \"$label.content\" }}" "$1" 2>/dev/null || true; }

add_binary() { # add_binary ROOT PATH: copies a binary and the shared libraries ldd lists for it
  local root="$1" bin="$2"
  mkdir -p "$root$(dirname "$bin")"
  cp -L "$bin" "$root$bin"
  ldd "$bin" | grep -o '/[^ ]*' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

base_rootfs() { # base_rootfs ROOT: busybox, passwd, group, tmp
  local root="$1"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  chmod 1777 "$root/tmp"
  cp -L "$(command -v busybox)" "$root/bin/busybox"
  cp "$here/passwd" "$here/group" "$root/etc/"
}

build() { # build TAG KIND
  local tag="$1" kind="$2"
  if [[ "$force" != "--force" && "$(current "$tag")" == "$digest" ]]; then
    echo "kept $tag"
    return
  fi
  local context
  context="$(mktemp -d)"
  trap 'rm -rf "$context"' RETURN
  base_rootfs "$context/rootfs"
  if [[ "$kind" == proxy ]]; then
    add_binary "$context/rootfs" /usr/sbin/nginx
    add_binary "$context/rootfs" /usr/bin/openssl
    mkdir -p "$context/rootfs/usr/lib/ssl"
    cp -L /usr/lib/ssl/openssl.cnf "$context/rootfs/usr/lib/ssl/openssl.cnf"
    cp "$here/proxy/entrypoint.sh" "$context/rootfs/entrypoint.sh"
  fi
  cp "$here/$kind/Dockerfile" "$context/Dockerfile"
  if ! docker build --quiet --label "$label=true" --label "$label.content=$digest" -t "$tag" "$context" >/dev/null 2>"$context/build.err"; then
    cat "$context/build.err" >&2
    return 1
  fi
  echo "built $tag"
}

build keeper/guacamole-ssl-nginx:2 proxy
build keeper/guacd:2 busybox
build keeper/guacamole:2 busybox
build keeper/guacamole-db-mysql:2 busybox
build keeper/guacamole-db-postgres:2 busybox
