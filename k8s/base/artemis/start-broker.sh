#!/bin/bash
# Starts papertrader's Artemis broker (the container command of the artemis StatefulSet).
#
# The instance directory (scripts, etc/, logs) is an emptyDir made anew by "artemis create" at every start,
# so configuration changes apply on restart; the messages live in /var/lib/artemis-data, the persistent
# volume, which broker.xml names. The image's own entry point would create the instance only once.
#
# Environment: ARTEMIS_ADMIN_USER, ARTEMIS_ADMIN_PASSWORD (the administrator, role amq); BROKER_USERS, the
# service users separated by spaces, each with its password in BROKER_PASSWORD_<USER IN CAPITALS>
# (role papertrader-service); JAVA_ARGS_APPEND (heap size) is read by the artemis scripts.
set -euo pipefail

instance=/var/lib/artemis-instance
data=/var/lib/artemis-data
config=/opt/papertrader/broker

# The users file is a Java properties file: keep passwords to characters that need no escaping there.
safe_password='^[A-Za-z0-9._~+-]+$'
require_safe() { # name value
  if [[ ! "$2" =~ $safe_password ]]; then
    echo "start-broker: $1 must be non-empty and use only letters, digits and . _ ~ + -" >&2
    exit 1
  fi
}
require_safe ARTEMIS_ADMIN_PASSWORD "${ARTEMIS_ADMIN_PASSWORD:-}"

/opt/activemq-artemis/bin/artemis create "$instance" --force --silent \
  --require-login --user "$ARTEMIS_ADMIN_USER" --password "$ARTEMIS_ADMIN_PASSWORD" --role amq \
  --data "$data" --nio --no-autotune \
  --http-host 127.0.0.1 --relax-jolokia \
  --no-hornetq-acceptor --no-mqtt-acceptor --no-stomp-acceptor

cp "$config/broker.xml" "$config/papertrader-addresses.xml" "$config/papertrader-address-settings.xml" \
  "$instance/etc/"

members=()
for user in $BROKER_USERS; do
  password_variable="BROKER_PASSWORD_${user^^}"
  require_safe "$password_variable" "${!password_variable:-}"
  printf '%s = %s\n' "$user" "${!password_variable}" >> "$instance/etc/artemis-users.properties"
  members+=("$user")
done
(IFS=,; printf 'papertrader-service = %s\n' "${members[*]}") >> "$instance/etc/artemis-roles.properties"
echo "start-broker: instance created; service users: ${members[*]}"

exec "$instance/bin/artemis" run
