#!/bin/bash
# hipaa-vpn-user: the OpenVPN server's certificate authority and its users.
#
# Installed on the VPN server by its user data; run it as root (sudo) in a Session Manager session:
#   hipaa-vpn-user add <name>      issue a certificate and store the client profile in Secrets Manager
#   hipaa-vpn-user revoke <name>   revoke the certificate, refresh the CRL, delete the stored profile
#   hipaa-vpn-user list            names with a valid certificate
#   hipaa-vpn-user init            restore the PKI from Secrets Manager, or create it on first boot
#   hipaa-vpn-user refresh-crl     re-sign the CRL before it expires (a weekly timer does this)
#
# The CA is plain `openssl ca` (AL2023 ships openssl; easy-rsa is not in AL2023, which has no EPEL). The PKI
# keeps easy-rsa's layout, so an archive an older server wrote restores unchanged. Keys leave the host only
# as Secrets Manager values under the secrets key. Rendered by hipaa.access.VpnScript: each double-braced
# placeholder is one single-quoted word checked in Java.
set -euo pipefail
umask 077

readonly REGION={{REGION}}
readonly PUBLIC_IP={{PUBLIC_IP}}
readonly VPN_PORT={{VPN_PORT}}
readonly PKI_SECRET_ID={{PKI_SECRET_ID}}
readonly CLIENT_SECRET_PREFIX={{CLIENT_SECRET_PREFIX}}
readonly SECRETS_KEY_ARN={{SECRETS_KEY_ARN}}
readonly CLIENT_SECRET_TAGS={{CLIENT_SECRET_TAGS}}

readonly SERVER_DIR=/etc/openvpn/server
readonly CA_HOME="${SERVER_DIR}/ca"
readonly PKI="${CA_HOME}/pki"
# P-384 keys, SHA-384; the CA lasts ten years, certificates one; the CRL, re-signed weekly, lapses after 60 days.
readonly CURVE=secp384r1 DIGEST=sha384 CA_DAYS=3650 CERT_DAYS=365 CRL_DAYS=60
readonly SECRET_VALUE_LIMIT=65536

WORK=$(mktemp -d)
readonly WORK
trap 'rm -rf "${WORK}"' EXIT
readonly CA_CONFIG="${WORK}/ca.cnf"

die() {
  printf 'hipaa-vpn-user: %s\n' "$*" >&2
  exit 1
}

secrets() {
  aws secretsmanager --region "${REGION}" "$@"
}

valid_name() {
  [[ "$1" =~ ^[a-z][a-z0-9._-]{0,62}$ ]] || die "user names are 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter"
}

ca_config() {
  # Written on every run, never archived, so these rules decide what is issued. The extensions are easy-rsa's
  # server and client types, which `remote-cert-tls` checks on each side.
  cat > "${CA_CONFIG}" <<CNF
[ ca ]
default_ca = hipaa_vpn_ca
[ hipaa_vpn_ca ]
database = ${PKI}/index.txt
new_certs_dir = ${PKI}/certs_by_serial
certificate = ${PKI}/ca.crt
private_key = ${PKI}/private/ca.key
serial = ${PKI}/serial
crlnumber = ${PKI}/crlnumber
default_md = ${DIGEST}
default_days = ${CERT_DAYS}
default_crl_days = ${CRL_DAYS}
policy = common_name_only
unique_subject = no
copy_extensions = none
[ common_name_only ]
commonName = supplied
[ req ]
distinguished_name = subject
prompt = no
[ subject ]
CN = hipaa-vpn
[ ca_cert ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always, issuer:always
[ server_cert ]
basicConstraints = CA:false
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer:always
[ client_cert ]
basicConstraints = CA:false
keyUsage = digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer:always
CNF
}

pki_layout() {
  install -d -m 0700 "${PKI}" "${PKI}/private" "${PKI}/issued" "${PKI}/reqs" "${PKI}/certs_by_serial" "${PKI}/revoked"
  [[ -e "${PKI}/index.txt" ]] || : > "${PKI}/index.txt"
  # A random first serial, as easy-rsa's; `openssl ca` counts up from it.
  [[ -s "${PKI}/serial" ]] || openssl rand -hex 16 > "${PKI}/serial"
  [[ -s "${PKI}/crlnumber" ]] || printf '01\n' > "${PKI}/crlnumber"
}

new_key() {
  openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${CURVE}" -out "$1"
}

ca() {
  openssl ca -config "${CA_CONFIG}" "$@" 2> "${WORK}/ca.log" || { cat "${WORK}/ca.log" >&2; die "openssl ca $1 failed"; }
}

issue() {
  local name=$1 extensions=$2
  new_key "${PKI}/private/${name}.key"
  openssl req -new -config "${CA_CONFIG}" -key "${PKI}/private/${name}.key" -subj "/CN=${name}" \
    -out "${PKI}/reqs/${name}.req"
  ca -batch -notext -extensions "${extensions}" -in "${PKI}/reqs/${name}.req" -out "${PKI}/issued/${name}.crt"
}

gen_crl() {
  ca -gencrl -out "${PKI}/crl.pem"
}

backup_pki() {
  # The whole PKI (CA, server and client keys, index, CRL) as one encrypted secret value.
  tar -C "${CA_HOME}" -czf - pki | base64 -w0 > "${WORK}/pki.b64"
  local size
  size=$(stat -c %s "${WORK}/pki.b64")
  (( size < SECRET_VALUE_LIMIT )) || die "the PKI archive is ${size} bytes, over the ${SECRET_VALUE_LIMIT} a secret holds; revoke unused users"
  secrets put-secret-value --secret-id "${PKI_SECRET_ID}" --secret-string "file://${WORK}/pki.b64" > /dev/null
}

install_server_files() {
  install -m 0644 "${PKI}/ca.crt" "${SERVER_DIR}/ca.crt"
  install -m 0644 "${PKI}/issued/server.crt" "${SERVER_DIR}/server.crt"
  install -m 0600 "${PKI}/private/server.key" "${SERVER_DIR}/server.key"
  install -m 0600 "${PKI}/tls-crypt.key" "${SERVER_DIR}/tls-crypt.key"
  # OpenVPN re-reads the CRL on every connection, after dropping root.
  install -m 0644 "${PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
}

init() {
  install -d -m 0700 "${CA_HOME}"
  local versions
  # Fails (and stops the script) if the secret cannot be read: never mint a second CA by mistake.
  versions=$(secrets describe-secret --secret-id "${PKI_SECRET_ID}" --query VersionIdsToStages --output text)
  rm -rf "${PKI}"
  if [[ "${versions}" == "None" ]]; then
    pki_layout
    new_key "${PKI}/private/ca.key"
    openssl req -new -x509 -config "${CA_CONFIG}" -extensions ca_cert -key "${PKI}/private/ca.key" \
      -subj "/CN=hipaa-vpn-ca" -days "${CA_DAYS}" "-${DIGEST}" -out "${PKI}/ca.crt"
    issue server server_cert
    gen_crl
    openvpn --genkey secret "${PKI}/tls-crypt.key"
    backup_pki
  else
    secrets get-secret-value --secret-id "${PKI_SECRET_ID}" --query SecretString --output text \
      | base64 -d | tar -C "${CA_HOME}" -xzf -
    pki_layout
  fi
  install_server_files
}

profile() {
  local user=$1
  printf 'client\ndev tun\nproto udp\nremote %s %s\n' "${PUBLIC_IP}" "${VPN_PORT}"
  cat <<'CONF'
resolv-retry infinite
nobind
persist-key
persist-tun
remote-cert-tls server
verify-x509-name server name
tls-version-min 1.2
data-ciphers AES-256-GCM:AES-128-GCM
auth SHA256
verb 3
CONF
  printf '<ca>\n%s\n</ca>\n' "$(cat "${PKI}/ca.crt")"
  printf '<cert>\n%s\n</cert>\n' "$(openssl x509 -in "${PKI}/issued/${user}.crt")"
  printf '<key>\n%s\n</key>\n' "$(cat "${PKI}/private/${user}.key")"
  printf '<tls-crypt>\n%s\n</tls-crypt>\n' "$(cat "${PKI}/tls-crypt.key")"
}

add() {
  local user=$1
  valid_name "${user}"
  [[ "${user}" != server ]] || die "the name server belongs to the VPN server's own certificate"
  [[ ! -e "${PKI}/issued/${user}.crt" ]] || die "${user} already has a certificate; revoke it first"
  issue "${user}" client_cert
  profile "${user}" > "${WORK}/${user}.ovpn"
  # If this fails (a profile secret of that name still exists), revoke the user and add them again.
  secrets create-secret --name "${CLIENT_SECRET_PREFIX}${user}" --kms-key-id "${SECRETS_KEY_ARN}" \
    --description "OpenVPN client profile of ${user}" --tags "${CLIENT_SECRET_TAGS}" \
    --secret-string "file://${WORK}/${user}.ovpn" > /dev/null
  # The user's key now lives only in their profile: the server keeps what revocation needs, the certificate.
  rm -f "${PKI}/private/${user}.key" "${PKI}/reqs/${user}.req"
  backup_pki
  printf 'Profile stored as secret %s%s\n' "${CLIENT_SECRET_PREFIX}" "${user}"
}

revoke() {
  local user=$1 serial
  valid_name "${user}"
  [[ "${user}" != server ]] || die "the VPN server's own certificate is not revoked this way"
  [[ -e "${PKI}/issued/${user}.crt" ]] || die "${user} has no valid certificate"
  ca -revoke "${PKI}/issued/${user}.crt"
  # Out of issued/ so the name can have a new certificate; kept by serial for the record.
  serial=$(openssl x509 -in "${PKI}/issued/${user}.crt" -noout -serial)
  mv "${PKI}/issued/${user}.crt" "${PKI}/revoked/${user}-${serial#serial=}.crt"
  gen_crl
  install -m 0644 "${PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
  backup_pki
  # Sessions already up keep their keys until renegotiation: restart so the user is out now.
  systemctl restart openvpn-server@server
  # The profile holds a revoked key: nothing to recover, so no recovery window.
  secrets delete-secret --secret-id "${CLIENT_SECRET_PREFIX}${user}" --force-delete-without-recovery > /dev/null || true
  printf 'Revoked %s\n' "${user}"
}

list() {
  awk -F'\t' '$1 == "V" { sub(/.*CN=/, "", $6); if ($6 != "server") print $6 }' "${PKI}/index.txt"
}

refresh_crl() {
  gen_crl
  install -m 0644 "${PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
  backup_pki
}

main() {
  [[ "$(id -u)" == 0 ]] || die "run as root: sudo hipaa-vpn-user $*"
  ca_config
  case "${1:-}" in
    add) [[ $# == 2 ]] || die "usage: hipaa-vpn-user add <name>"; add "$2" ;;
    revoke) [[ $# == 2 ]] || die "usage: hipaa-vpn-user revoke <name>"; revoke "$2" ;;
    list) list ;;
    init) init ;;
    refresh-crl) refresh_crl ;;
    *) die "usage: hipaa-vpn-user add|revoke <name> | list | init | refresh-crl" ;;
  esac
}

main "$@"
