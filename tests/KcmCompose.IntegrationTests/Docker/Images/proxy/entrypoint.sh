#!/bin/sh
# Stand-in for keeper/guacamole-ssl-nginx: writes an nginx config from the same environment variables
# the real image reads (ADDITIONAL_NGINX_CONFIG inside the proxied location, as the image places it), then execs nginx in the foreground (so SIGHUP reloads and a bad config exits at once).
# SERVERS (KCM 2.12+), a YAML list of flat mappings or a JSON array of flat objects, adds one nginx server per entry:
# the entry's variables override the top-level ones, the rest is inherited; each server gets its own certificate.
set -e
port="${KCM_TEST_HTTPS_PORT:-8443}"
mkdir -p /tmp/nginx /var/lib/nginx /var/log/nginx /run

# server_block NAME [DIR]: one nginx server from the environment, overridden by the files NAME=value in DIR.
server_block() (
  if [ -n "$2" ]; then
    for f in "$2"/*; do
      [ -e "$f" ] || continue
      name="$(basename "$f")"
      case "$name" in *[!A-Z0-9_]*) continue ;; esac
      eval "$name=\"\$(cat \"\$f\")\""
    done
  fi
  host="${SSL_HOSTNAME:-localhost}"
  cert="${SSL_CERTIFICATE:-/tmp/nginx/$1.crt}"
  key="${SSL_CERTIFICATE_KEY:-/tmp/nginx/$1.key}"
  if [ ! -f "$cert" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=$host" -keyout "$key" -out "$cert" 2>/dev/null
  fi
  client=""
  if [ -n "$CLIENT_CERTIFICATE_FILE" ]; then
    client="ssl_client_certificate $CLIENT_CERTIFICATE_FILE;
    ssl_verify_client ${SSL_VERIFY_CLIENT:-on};
    ssl_verify_depth ${SSL_VERIFY_DEPTH:-1};"
  fi
  cat <<BLOCK
  server {
    listen 127.0.0.1:$port ssl;
    server_name $host;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    $client
    location / {
      $ADDITIONAL_NGINX_CONFIG
      return 200 "kcm-test-proxy \$ssl_client_verify ${KCM_TEST_MARKER:-}\n";
    }
  }
BLOCK
  echo "kcm-test-proxy: listening on 127.0.0.1:$port for $host" >&2
)

# SERVERS into /tmp/nginx/servers/N/NAME files, one folder per entry.
rm -rf /tmp/nginx/servers
if [ -n "$SERVERS" ]; then
  printf '%s\n' "$SERVERS" | awk -v out=/tmp/nginx/servers '
    function strip(v) {
      sub(/^[ \t]+/, "", v); sub(/[ \t\r]+$/, "", v)
      if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
      return v
    }
    function put(k, v,   f) { system("mkdir -p " out "/" n); f = out "/" n "/" k; printf "%s", v > f; close(f) }
    { text = text $0 "\n" }
    END {
      n = -1
      if (text ~ /^[ \t\r\n]*\[/) {
        inkey = 1
        for (i = 1; i <= length(text); ) {
          c = substr(text, i, 1)
          if (c == "{") { n++; inkey = 1; i++ }
          else if (c == "\"") {
            j = index(substr(text, i + 1), "\""); tok = substr(text, i + 1, j - 1); i += j + 1
            if (inkey) { key = tok; inkey = 0 } else { put(key, tok); inkey = 1 }
          }
          else if (!inkey && c ~ /[0-9A-Za-z]/) {
            tok = substr(text, i); match(tok, /^[^,} \t\r\n]+/); put(key, substr(tok, 1, RLENGTH)); i += RLENGTH; inkey = 1
          }
          else i++
        }
      } else {
        count = split(text, lines, "\n")
        for (k = 1; k <= count; k++) {
          line = lines[k]
          if (line ~ /^[ \t]*(#.*)?$/) continue
          if (line ~ /^[ \t]*- /) { n++; sub(/^[ \t]*- /, "", line) }
          p = index(line, ":"); put(strip(substr(line, 1, p - 1)), strip(substr(line, p + 1)))
        }
      }
    }'
fi

{
  cat <<CONF
pid /tmp/nginx/nginx.pid;
error_log stderr notice;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path /tmp/nginx/body;
  proxy_temp_path /tmp/nginx/proxy;
  fastcgi_temp_path /tmp/nginx/fastcgi;
  uwsgi_temp_path /tmp/nginx/uwsgi;
  scgi_temp_path /tmp/nginx/scgi;
CONF
  server_block server
  for dir in /tmp/nginx/servers/*; do
    [ -d "$dir" ] && server_block "server-$(basename "$dir")" "$dir"
  done
  echo "}"
} > /tmp/nginx/nginx.conf
exec nginx -p /tmp/nginx -c /tmp/nginx/nginx.conf -g 'daemon off;'
