#!/usr/bin/env bash
# connect-distributed.sh WORKER_PROPERTIES [ARG...]: runs a Kafka Connect distributed worker
# (org.apache.kafka.connect.cli.ConnectDistributed) in the foreground, logging INFO to stdout.
# Part of the kafkalab Connect image (scripts/lib/engine/image/connect-recipe/).
#
# Environment (each optional), as the Kafka image's launchers read it:
#   KAFKA_HEAP_OPTS             default -Xms256m -Xmx512m
#   KAFKA_JVM_PERFORMANCE_OPTS  default G1 settings as in Apache Kafka's own script
#   KAFKA_LOG4J_OPTS            default: $CONNECT_HOME/config/connect-log4j.properties (INFO to stdout)
#   KAFKA_OPTS                  anything else for the JVM (the JMX exporter agent, JAAS, -D...)
#   CLASSPATH                   appended after $CONNECT_HOME/libs/*
#   CONNECT_HOME                default: the parent of this script's folder (/opt/connect)
#   JAVA_HOME                   default: java from PATH
# Connector plugins are found through the worker config's plugin.path (the image's are in
# $CONNECT_HOME/plugins), not on the classpath.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $(basename "$0") WORKER_PROPERTIES [ARG...]" >&2
  exit 2
fi

CONNECT_HOME="${CONNECT_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"
KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$CONNECT_HOME/config/connect-log4j.properties}"

JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi

# The *_OPTS variables hold several options each: their word splitting is intended.
# shellcheck disable=SC2086
exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} \
  -cp "$CONNECT_HOME/libs/*${CLASSPATH:+:$CLASSPATH}" \
  org.apache.kafka.connect.cli.ConnectDistributed "$@"
