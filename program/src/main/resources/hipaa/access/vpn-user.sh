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
# Keys are generated here and leave the host only encrypted, as Secrets Manager values under the
# project's secrets KMS key: never in user data, stack config or Pulumi state. Rendered by
# hipaa.access.VpnScript: each double-braced placeholder is one single-quoted word checked in Java.
set -euo pipefail
umask 077

readonly REGION={{REGION}}
readonly PUBLIC_IP={{PUBLIC_IP}}
readonly VPN_PORT={{VPN_PORT}}
readonly PKI_SECRET_ID={{PKI_SECRET_ID}}
readonly CLIENT_SECRET_PREFIX={{CLIENT_SECRET_PREFIX}}
readonly SECRETS_KEY_ARN={{SECRETS_KEY_ARN}}
readonly CLIENT_SECRET_TAGS={{CLIENT_SECRET_TAGS}}

readonly EASYRSA_HOME=/etc/openvpn/server/easy-rsa
readonly SERVER_DIR=/etc/openvpn/server
export EASYRSA_PKI="${EASYRSA_HOME}/pki"
export EASYRSA_BATCH=1 EASYRSA_ALGO=ec EASYRSA_CURVE=secp384r1 EASYRSA_DIGEST=sha384
# Client certificates last a year; the CRL is re-signed weekly and would lapse after 60 days.
export EASYRSA_CA_EXPIRE=3650 EASYRSA_CERT_EXPIRE=365 EASYRSA_CRL_DAYS=60
# Certificates without their text dump keep the PKI archive small: a secret value holds at most 64 KiB.
export EASYRSA_NO_TEXT=1
readonly SECRET_VALUE_LIMIT=65536

WORK=$(mktemp -d)
readonly WORK
trap 'rm -rf "${WORK}"' EXIT

die() {
  printf 'hipaa-vpn-user: %s\n' "$*" >&2
  exit 1
}

easyrsa() {
  local bin
  bin=$(command -v easyrsa || true)
  [[ -n "${bin}" ]] || bin=/usr/share/easy-rsa/3/easyrsa
  "${bin}" "$@"
}

secrets() {
  aws secretsmanager --region "${REGION}" "$@"
}

valid_name() {
  [[ "$1" =~ ^[a-z][a-z0-9._-]{0,62}$ ]] || die "user names are 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter"
}

backup_pki() {
  # The whole easy-rsa PKI (CA, server and client keys, index, CRL) as one encrypted secret value.
  tar -C "${EASYRSA_HOME}" -czf - pki | base64 -w0 > "${WORK}/pki.b64"
  local size
  size=$(stat -c %s "${WORK}/pki.b64")
  (( size < SECRET_VALUE_LIMIT )) || die "the PKI archive is ${size} bytes, over the ${SECRET_VALUE_LIMIT} a secret holds; revoke unused users"
  secrets put-secret-value --secret-id "${PKI_SECRET_ID}" --secret-string "file://${WORK}/pki.b64" > /dev/null
}

install_server_files() {
  install -m 0644 "${EASYRSA_PKI}/ca.crt" "${SERVER_DIR}/ca.crt"
  install -m 0644 "${EASYRSA_PKI}/issued/server.crt" "${SERVER_DIR}/server.crt"
  install -m 0600 "${EASYRSA_PKI}/private/server.key" "${SERVER_DIR}/server.key"
  install -m 0600 "${EASYRSA_PKI}/tls-crypt.key" "${SERVER_DIR}/tls-crypt.key"
  # OpenVPN re-reads the CRL on every connection, after dropping root.
  install -m 0644 "${EASYRSA_PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
}

init() {
  install -d -m 0700 "${EASYRSA_HOME}"
  local versions
  # Fails (and stops the script) if the secret cannot be read: never mint a second CA by mistake.
  versions=$(secrets describe-secret --secret-id "${PKI_SECRET_ID}" --query VersionIdsToStages --output text)
  if [[ "${versions}" == "None" ]]; then
    rm -rf "${EASYRSA_PKI}"
    easyrsa init-pki
    easyrsa --req-cn=hipaa-vpn-ca build-ca nopass
    easyrsa build-server-full server nopass
    easyrsa gen-crl
    openvpn --genkey secret "${EASYRSA_PKI}/tls-crypt.key"
    backup_pki
  else
    rm -rf "${EASYRSA_PKI}"
    secrets get-secret-value --secret-id "${PKI_SECRET_ID}" --query SecretString --output text \
      | base64 -d | tar -C "${EASYRSA_HOME}" -xzf -
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
  printf '<ca>\n%s\n</ca>\n' "$(cat "${EASYRSA_PKI}/ca.crt")"
  printf '<cert>\n%s\n</cert>\n' "$(openssl x509 -in "${EASYRSA_PKI}/issued/${user}.crt")"
  printf '<key>\n%s\n</key>\n' "$(cat "${EASYRSA_PKI}/private/${user}.key")"
  printf '<tls-crypt>\n%s\n</tls-crypt>\n' "$(cat "${EASYRSA_PKI}/tls-crypt.key")"
}

add() {
  local user=$1
  valid_name "${user}"
  [[ ! -e "${EASYRSA_PKI}/issued/${user}.crt" ]] || die "${user} already has a certificate; revoke it first"
  easyrsa build-client-full "${user}" nopass
  profile "${user}" > "${WORK}/${user}.ovpn"
  # If this fails (a profile secret of that name still exists), revoke the user and add them again.
  secrets create-secret --name "${CLIENT_SECRET_PREFIX}${user}" --kms-key-id "${SECRETS_KEY_ARN}" \
    --description "OpenVPN client profile of ${user}" --tags "${CLIENT_SECRET_TAGS}" \
    --secret-string "file://${WORK}/${user}.ovpn" > /dev/null
  # The user's key now lives only in their profile: the server keeps what revocation needs, the certificate.
  rm -f "${EASYRSA_PKI}/private/${user}.key" "${EASYRSA_PKI}/reqs/${user}.req" "${EASYRSA_PKI}/inline/${user}.inline"
  backup_pki
  printf 'Profile stored as secret %s%s\n' "${CLIENT_SECRET_PREFIX}" "${user}"
}

revoke() {
  local user=$1
  valid_name "${user}"
  [[ -e "${EASYRSA_PKI}/issued/${user}.crt" ]] || die "${user} has no valid certificate"
  easyrsa revoke "${user}"
  easyrsa gen-crl
  install -m 0644 "${EASYRSA_PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
  backup_pki
  # Sessions already up keep their keys until renegotiation: restart so the user is out now.
  systemctl restart openvpn-server@server
  # The profile holds a revoked key: nothing to recover, so no recovery window.
  secrets delete-secret --secret-id "${CLIENT_SECRET_PREFIX}${user}" --force-delete-without-recovery > /dev/null || true
  printf 'Revoked %s\n' "${user}"
}

list() {
  awk -F'\t' '$1 == "V" { sub(/.*CN=/, "", $6); if ($6 != "server") print $6 }' "${EASYRSA_PKI}/index.txt"
}

refresh_crl() {
  easyrsa gen-crl
  install -m 0644 "${EASYRSA_PKI}/crl.pem" "${SERVER_DIR}/crl.pem"
  backup_pki
}

main() {
  [[ "$(id -u)" == 0 ]] || die "run as root: sudo hipaa-vpn-user $*"
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
