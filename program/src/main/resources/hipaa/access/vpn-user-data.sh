#!/bin/bash
# First boot of the community OpenVPN server (Amazon Linux 2023), run by cloud-init as root.
#
# Rendered by hipaa.access.VpnScript: each double-braced placeholder below becomes one single-quoted shell
# word (or, for arrays, several) checked in Java against the pattern it must match. No key, certificate
# or password is in here: the PKI is created on this host and kept in Secrets Manager by hipaa-vpn-user.
set -euo pipefail

readonly REGION={{REGION}}
readonly VPN_PORT={{VPN_PORT}}
readonly POOL_CIDR={{POOL_CIDR}}
readonly POOL_NETWORK={{POOL_NETWORK}}
readonly POOL_NETMASK={{POOL_NETMASK}}
# "network netmask" pairs pushed to clients: the subnets the VPN's security group may reach.
readonly -a PUSH_ROUTES=({{PUSH_ROUTES}})
# The same ranges as CIDRs, the only destinations client traffic is forwarded to.
readonly -a ROUTED_CIDRS=({{ROUTED_CIDRS}})
readonly VPN_LOG_GROUP={{VPN_LOG_GROUP}}
# The text of hipaa-vpn-user, installed as-is; its $ are its own and it is shellchecked on its own.
# shellcheck disable=SC2016
readonly VPN_USER_TOOL={{VPN_USER_TOOL}}

log() { printf '%s vpn-user-data: %s\n' "$(date -u +%FT%TZ)" "$*"; }

retry() {
  # New instance roles take a few seconds to reach every AWS endpoint, and repositories have bad minutes.
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if "$@"; then
      return 0
    fi
    log "attempt ${attempt}/10 failed: $*"
    sleep 15
  done
  return 1
}

wait_for_elastic_ip() {
  # Pulumi attaches the Elastic IP just after the instance starts; until then the server has no way out.
  local token attempt
  for attempt in $(seq 1 60); do
    token=$(curl -fsS -X PUT 'http://169.254.169.254/latest/api/token' -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
    if curl -fsS -o /dev/null -H "X-aws-ec2-metadata-token: ${token}" \
      'http://169.254.169.254/latest/meta-data/public-ipv4'; then
      return 0
    fi
    log "waiting for the Elastic IP (${attempt}/60)"
    sleep 10
  done
  log "no public address after 10 minutes"
  return 1
}

install_tool() {
  printf '%s\n' "${VPN_USER_TOOL}" > /usr/local/sbin/hipaa-vpn-user
  chmod 0700 /usr/local/sbin/hipaa-vpn-user
}

server_config() {
  install -d -o root -g openvpn -m 0770 /var/log/openvpn
  {
    cat <<CONF
# Managed by hipaa (VPN user data).
port ${VPN_PORT}
proto udp
dev tun
topology subnet
server ${POOL_NETWORK} ${POOL_NETMASK}
CONF
    cat <<'CONF'
ca /etc/openvpn/server/ca.crt
cert /etc/openvpn/server/server.crt
key /etc/openvpn/server/server.key
dh none
ecdh-curve secp384r1
# Packets without this key are dropped before any TLS work: the open port reveals nothing.
tls-crypt /etc/openvpn/server/tls-crypt.key
crl-verify /etc/openvpn/server/crl.pem
remote-cert-tls client
tls-version-min 1.2
data-ciphers AES-256-GCM:AES-128-GCM
auth SHA256
keepalive 10 120
user openvpn
group openvpn
persist-key
persist-tun
status /var/log/openvpn/status.log 60
log-append /var/log/openvpn/openvpn.log
verb 3
CONF
    local route
    for route in "${PUSH_ROUTES[@]}"; do
      printf 'push "route %s"\n' "${route}"
    done
  } > /etc/openvpn/server/server.conf
}

forward_only_to_routed_ranges() {
  # Clients leave with the server's own address (masquerade), so production security groups can name the
  # VPN's security group; they may reach only the pushed ranges, never the internet through this host.
  printf 'net.ipv4.ip_forward = 1\n' > /etc/sysctl.d/90-hipaa-vpn.conf
  sysctl --system > /dev/null
  local destinations
  destinations=$(IFS=,; printf '%s' "${ROUTED_CIDRS[*]}")
  cat > /etc/sysconfig/nftables.conf <<NFT
flush ruleset
table ip hipaa_vpn {
  chain forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    iifname "tun0" ip saddr ${POOL_CIDR} ip daddr { ${destinations} } accept
  }
  chain postrouting {
    type nat hook postrouting priority srcnat;
    ip saddr ${POOL_CIDR} oifname != "tun0" masquerade
  }
}
NFT
  systemctl enable --now nftables
}

ship_logs() {
  install -d -m 0755 /opt/aws/amazon-cloudwatch-agent/etc
  cat > /opt/aws/amazon-cloudwatch-agent/etc/hipaa.json <<AGENT
{
  "agent": { "region": "${REGION}", "run_as_user": "root" },
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "/var/log/openvpn/openvpn.log", "log_group_name": "${VPN_LOG_GROUP}",
            "log_stream_name": "{instance_id}/openvpn", "timezone": "UTC" },
          { "file_path": "/var/log/secure", "log_group_name": "${VPN_LOG_GROUP}",
            "log_stream_name": "{instance_id}/secure", "timezone": "UTC" }
        ]
      }
    }
  }
}
AGENT
  /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
    -c file:/opt/aws/amazon-cloudwatch-agent/etc/hipaa.json
}

crl_timer() {
  cat > /etc/systemd/system/hipaa-vpn-crl.service <<'UNIT'
[Unit]
Description=Re-sign the OpenVPN CRL and back up the PKI
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/hipaa-vpn-user refresh-crl
UNIT
  cat > /etc/systemd/system/hipaa-vpn-crl.timer <<'UNIT'
[Unit]
Description=Weekly OpenVPN CRL refresh
[Timer]
OnCalendar=weekly
Persistent=true
[Install]
WantedBy=timers.target
UNIT
  systemctl daemon-reload
  systemctl enable --now hipaa-vpn-crl.timer
}

main() {
  wait_for_elastic_ip
  # Everything from Amazon Linux 2023's own repositories (openvpn since release 2023.6; the PKI is plain
  # openssl, easy-rsa is not in AL2023 and AL2023 supports no EPEL).
  retry dnf -y install openvpn openssl nftables rsyslog amazon-cloudwatch-agent
  systemctl enable --now rsyslog
  install_tool
  # Safe to repeat: init stops before creating anything when it cannot read the PKI secret.
  retry /usr/local/sbin/hipaa-vpn-user init
  server_config
  forward_only_to_routed_ranges
  ship_logs
  crl_timer
  systemctl enable --now openvpn-server@server
  retry dnf -y upgrade --security
  log "done"
}

main "$@"
