#!/bin/sh
# Stand-in for keeper/guacamole-ssl-nginx: writes an nginx config from the same environment variables
# the real image reads (ADDITIONAL_NGINX_CONFIG inside the proxied location, as the image places it), then execs nginx in the foreground (so SIGHUP reloads and a bad config exits at once).
set -e
port="${KCM_TEST_HTTPS_PORT:-8443}"
host="${SSL_HOSTNAME:-localhost}"
mkdir -p /tmp/nginx /var/lib/nginx /var/log/nginx /run
cert="${SSL_CERTIFICATE:-/tmp/nginx/server.crt}"
key="${SSL_CERTIFICATE_KEY:-/tmp/nginx/server.key}"
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
cat > /tmp/nginx/nginx.conf <<CONF
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
}
CONF
echo "kcm-test-proxy: listening on 127.0.0.1:$port for $host"
exec nginx -p /tmp/nginx -c /tmp/nginx/nginx.conf -g 'daemon off;'
