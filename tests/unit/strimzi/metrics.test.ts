import * as assert from "assert";
import { parse } from "yaml";
import { exportedSample } from "../../../core/monitoring/jmx-exporter";
import { kafkaJmxExporterConfig } from "../../../core/strimzi/metrics";

/** MBean attributes (exporter format) → the metric name and labels Strimzi's dashboards expect. */
const EXPECTED: [string, string, Record<string, string>][] = [
  [
    "kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value",
    "kafka_server_replicamanager_underreplicatedpartitions",
    {},
  ],
  [
    "kafka.controller<type=KafkaController, name=ActiveControllerCount><>Value",
    "kafka_controller_kafkacontroller_activecontrollercount",
    {},
  ],
  [
    "kafka.server<type=BrokerTopicMetrics, name=MessagesInPerSec, topic=payments.orders><>Count",
    "kafka_server_brokertopicmetrics_messagesin_total",
    { topic: "payments.orders" },
  ],
  [
    "kafka.log<type=Log, name=Size, topic=t, partition=0><>Value",
    "kafka_log_log_size",
    { topic: "t", partition: "0" },
  ],
  [
    "kafka.network<type=RequestMetrics, name=TotalTimeMs, request=Produce><>99thPercentile",
    "kafka_network_requestmetrics_totaltimems",
    { request: "Produce", quantile: "0.99" },
  ],
  [
    "kafka.server<type=KafkaRequestHandlerPool, name=RequestHandlerAvgIdlePercent><>MeanRate",
    "kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent",
    {},
  ],
  ["kafka.server<type=raft-metrics><>high-watermark", "kafka_server_raftmetrics_high_watermark", {}],
  [
    "kafka.server<type=Fetch, user=payments.api, client-id=c1><>throttle-time",
    "kafka_server_quota_throttle_time",
    { quota: "Fetch", user: "payments.api" },
  ],
];

describe("strimzi: JMX exporter rules", () => {
  const config = parse(kafkaJmxExporterConfig());

  it("is a JMX exporter configuration with lower-case names", () => {
    assert.strictEqual(config.lowercaseOutputName, true);
    assert.ok(config.rules.every((r: { pattern?: string; name?: string }) => r.pattern && r.name));
  });

  for (const [attribute, name, labels] of EXPECTED) {
    it(`exports ${name}`, () => {
      const sample = exportedSample(config.rules, attribute, { lowercaseOutputName: true });
      assert.deepStrictEqual(sample, { name, labels });
    });
  }
});
