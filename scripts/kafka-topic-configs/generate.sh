#!/usr/bin/env bash
# Generates core/kafka-configs/topic-configs-<version>.json: Kafka's own topic config definitions
# (type, default, range, allowed values) from the Kafka release on Maven Central, so that team files'
# topic `config` is checked against the broker's rules, not a hand-written copy.
# Usage: scripts/kafka-topic-configs/generate.sh [KAFKA_VERSION]   (needs a JDK 17+ and Maven)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="${1:-4.3.1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -f "$here/pom.xml" -Dkafka.version="$version" dependency:build-classpath -Dmdep.outputFile="$work/classpath"
javac -d "$work" -cp "$(cat "$work/classpath")" "$here/DumpTopicConfigs.java"
out="$root/core/kafka-configs/topic-configs-$version.json"
mkdir -p "$(dirname "$out")"
java -cp "$(cat "$work/classpath"):$work" DumpTopicConfigs "$version" >"$out"
echo "wrote ${out#"$root/"}"
