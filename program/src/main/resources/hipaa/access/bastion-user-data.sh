#!/bin/bash
# First boot of the bastion (Amazon Linux 2023), run by cloud-init as root.
#
# Rendered by hipaa.access.BastionScript: each double-braced placeholder below becomes one single-quoted
# shell word that was checked in Java against the pattern it must match. Nothing here is secret: no
# private key, password or certificate is ever written into user data.
set -euo pipefail

readonly REGION={{REGION}}
readonly SSH_LOG_GROUP={{SSH_LOG_GROUP}}
# Empty when the bastion has no Elastic IP (it then sits in a private subnet, reached through Session Manager).
readonly EIP_ALLOCATION_ID={{EIP_ALLOCATION_ID}}
readonly IDLE_LOGOUT_SECONDS={{IDLE_LOGOUT_SECONDS}}
readonly GROUP_NAME={{GROUP_NAME}}

log() { printf '%s bastion-user-data: %s\n' "$(date -u +%FT%TZ)" "$*"; }

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

imds() {
  # IMDSv2 only: the launch template requires session tokens (hop limit 1).
  local token
  token=$(curl -fsS -X PUT 'http://169.254.169.254/latest/api/token' -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
  curl -fsS -H "X-aws-ec2-metadata-token: ${token}" "http://169.254.169.254/latest/meta-data/$1"
}

take_elastic_ip() {
  # The instance starts with a throwaway public address (so it can call EC2) and swaps it for the
  # group's Elastic IP, so a replaced instance answers on the same address.
  local instance_id
  instance_id=$(imds instance-id)
  log "associating ${EIP_ALLOCATION_ID} with ${instance_id}"
  retry aws ec2 associate-address --region "${REGION}" --allocation-id "${EIP_ALLOCATION_ID}" \
    --instance-id "${instance_id}" --allow-reassociation
}

harden_sshd() {
  # sshd keeps the first value it reads and the stock sshd_config includes sshd_config.d/*.conf first,
  # so a 00- file wins over the image's 50-redhat.conf.
  install -m 0600 /dev/null /etc/ssh/sshd_config.d/00-hipaa.conf
  cat > /etc/ssh/sshd_config.d/00-hipaa.conf <<'SSHD'
# Managed by hipaa (bastion user data). Keys only, no root, no passwords, key fingerprints in the log.
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PubkeyAuthentication yes
AuthenticationMethods publickey
MaxAuthTries 3
LoginGraceTime 30
LogLevel VERBOSE
X11Forwarding no
# ProxyJump only needs TCP forwarding; the agent stays on the administrator's machine.
AllowAgentForwarding no
AllowTcpForwarding yes
PermitTunnel no
ClientAliveInterval 300
ClientAliveCountMax 2
SSHD
  sshd -t
  systemctl restart sshd
}

idle_logout() {
  # Automatic logoff (45 CFR 164.312(a)(2)(iii)) for shells left open, whatever way they were opened.
  printf 'readonly TMOUT=%s\nexport TMOUT\n' "${IDLE_LOGOUT_SECONDS}" > /etc/profile.d/00-hipaa-idle-logout.sh
  chmod 0644 /etc/profile.d/00-hipaa-idle-logout.sh
}

ship_auth_logs() {
  # Amazon Linux 2023 logs to the journal only; rsyslog writes sshd's successes and failures to
  # /var/log/secure, which the CloudWatch agent ships.
  retry dnf -y install rsyslog amazon-cloudwatch-agent
  systemctl enable --now rsyslog
  install -d -m 0755 /opt/aws/amazon-cloudwatch-agent/etc
  cat > /opt/aws/amazon-cloudwatch-agent/etc/hipaa.json <<AGENT
{
  "agent": { "region": "${REGION}", "run_as_user": "root" },
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "/var/log/secure", "log_group_name": "${SSH_LOG_GROUP}",
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

replace_me_if_failed() {
  # Any failure leaves a host that is not what the stack promises (no Elastic IP, no patches, no logs):
  # the group replaces an instance marked unhealthy, and would otherwise keep it in service for days.
  # The health check grace period would swallow the mark during first boot, hence --no-should-respect-...
  local status=$?
  if (( status != 0 )); then
    log "failed (exit ${status}): marking this instance unhealthy so ${GROUP_NAME} replaces it"
    aws autoscaling set-instance-health --region "${REGION}" --instance-id "$(imds instance-id)" \
      --health-status Unhealthy --no-should-respect-grace-period || log "could not mark the instance unhealthy"
  fi
}

main() {
  trap replace_me_if_failed EXIT
  # First what needs nothing from outside this host, then log shipping: whatever fails later, sshd is
  # already hardened and every login already recorded.
  harden_sshd
  idle_logout
  ship_auth_logs
  if [[ -n "${EIP_ALLOCATION_ID}" ]]; then
    take_elastic_ip
  fi
  retry dnf -y upgrade --security
  log "done"
}

main "$@"
