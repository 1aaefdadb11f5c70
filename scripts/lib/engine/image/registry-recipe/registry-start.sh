#!/usr/bin/env bash
# registry-start.sh [CONFIG_FILE...]: runs Apicurio Registry (the Quarkus application in
# $REGISTRY_HOME) in the foreground, logging to stdout. Part of the kafkalab Schema Registry image
# (scripts/lib/engine/image/registry-recipe/).
#
# Each CONFIG_FILE is read as it is named, so a stack can upload its settings and, apart, its secrets:
#   *.properties  Quarkus/Apicurio properties (e.g. apicurio.storage.kind=kafkasql), given to
#                 Quarkus as quarkus.config.locations, in the order named. `${NAME}` in a value is
#                 expanded by Quarkus from other properties or the environment.
#   *.env         NAME=VALUE lines (# comments and blank lines skipped) exported as environment
#                 variables, taken literally (no quotes, no expansion); Quarkus reads
#                 APICURIO_KAFKASQL_BOOTSTRAP_SERVERS as apicurio.kafkasql.bootstrap.servers.
# A file that is missing or unreadable stops the launcher (exit 2) before Java starts.
#
# Environment (each optional):
#   JAVA_OPTS      JVM options; default -Xms128m -Xmx512m
#   REGISTRY_HOME  default /opt/apicurio-registry
#   JAVA_HOME      default: java from PATH
set -eu

REGISTRY_HOME="${REGISTRY_HOME:-/opt/apicurio-registry}"
JAVA_OPTS="${JAVA_OPTS:--Xms128m -Xmx512m}"
JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi

fail() {
  echo "registry-start.sh: $*" >&2
  exit 2
}

# Exports the NAME=VALUE lines of an env file, literally.
export_env_file() {
  local line name
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      '' | '#'*) continue ;;
    esac
    name="${line%%=*}"
    [ "$name" != "$line" ] || fail "$1: '$line' is not NAME=VALUE"
    case "$name" in
      [A-Za-z_]*) ;;
      *) fail "$1: '$name' is not an environment variable name" ;;
    esac
    export "$name=${line#*=}"
  done < "$1"
}

locations=""
for f in "$@"; do
  [ -r "$f" ] && [ -f "$f" ] || fail "cannot read config file $f (uid $(id -u))"
  case "$f" in
    *,*) fail "$f: a config file's path must not hold a comma" ;;
    *.properties) locations="${locations:+$locations,}file:$f" ;;
    *.env) export_env_file "$f" ;;
    *) fail "$f: a config file is NAME.properties or NAME.env" ;;
  esac
done

# JAVA_OPTS holds several options: its word splitting is intended.
# shellcheck disable=SC2086
exec "$JAVA" $JAVA_OPTS ${locations:+"-Dquarkus.config.locations=$locations"} -jar "$REGISTRY_HOME/quarkus-run.jar"
