import { strict as assert } from "assert";
import { mkdirSync, mkdtempSync, symlinkSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { formatProblem, isUserError, UserError } from "../../../core/errors";
import { loadTeams, TeamFile } from "../../../core/teams";

const FIXTURES = path.join(__dirname, "fixtures");

/** The formatted problems loading a fixture directory raises (as `teams/<file>`). */
function problemsOf(fixture: string): string[] {
  try {
    loadTeams(path.join(FIXTURES, fixture), { displayDir: "teams" });
  } catch (e) {
    if (isUserError(e)) return e.problems.map(formatProblem);
    throw e;
  }
  assert.fail(`${fixture}: expected the team files to be rejected`);
}

/**
 * Every invalid case, one fixture directory each, with the exact located messages. Each list is
 * complete: all problems of all files are reported at once, and nothing else.
 */
const EXPECTED: Record<string, string[]> = {
  access: [
    'teams/billing.yaml:10:16: applications[0].consumes[0]: "payments.orders.v1" belongs to team "payments", which grants team "billing" no read access; ask them to add a grant (topics: [payments.orders.v1], to: [billing], access: read) to teams/payments.yaml',
    'teams/payments.yaml:10:16: applications[0].produces[0]: "payments.order.v1" is not declared by any team (did you mean "payments.orders.v1"?)',
    'teams/payments.yaml:10:35: applications[0].produces[1]: "billing.invoices.v1" belongs to team "billing", which grants team "payments" no write access; ask them to add a grant (topics: [billing.invoices.v1], to: [payments], access: write) to teams/billing.yaml',
    'teams/payments.yaml:11:37: applications[0].consumes[1]: "billing.refunds.v1" belongs to team "billing", which grants team "payments" no read access; ask them to add a grant (topics: [billing.refunds.v1], to: [payments], access: read) to teams/billing.yaml',
  ],
  "acl-overlap": [
    'teams/payments.yaml:6:11: applications[0].name: the group prefix "payments.order" of application "order" (consumer-group) also covers consumer group "payments.order-service" of application payments-order-service; rename one of them or set consumerGroup so each application gets only its own names',
    'teams/payments.yaml:10:11: applications[2].name: the topic prefix "payments.enricher-" of application "enricher" (streams-internal-topics) also covers topic "payments.enricher-out" of team payments; rename one of them so each application gets only its own names',
    'teams/payments.yaml:14:11: applications[3].name: the group prefix "payments.jobs" of application "jobs" (consumer-group) also covers share group "payments.jobs-worker" of application payments-jobs-worker; rename one of them or set consumerGroup so each application gets only its own names',
  ],
  "group-protocols": [
    'teams/payments.yaml:7:20: applications[0].groupProtocol: "consumer": a Kafka Streams application uses classic or streams (group.protocol=streams)',
    'teams/payments.yaml:10:20: applications[1].groupProtocol: "streams" is the protocol of Kafka Streams applications; set streams: true or use classic or consumer',
    'teams/payments.yaml:13:20: applications[2].groupProtocol: "consumer" applies to the consumer group of "consumes", which this application does not have',
    'teams/payments.yaml:15:20: applications[3].groupProtocol: "classic" applies to the consumer group of "consumes", which this application does not have; a share group has its own protocol',
  ],
  "share-groups": [
    'teams/billing.yaml:7:11: applications[0].shareGroup.id: "payments.worker-jobs" is outside the team\'s prefix; share groups must start with "billing."',
    'teams/billing.yaml:8:36: applications[0].shareGroup.consumes[1]: "payments.jobs.v1" belongs to team "payments", which grants team "billing" no read access; ask them to add a grant (topics: [payments.jobs.v1], to: [billing], access: read) to teams/payments.yaml',
    'teams/payments.yaml:7:36: applications[0].shareGroup.consumes[1]: "billing.tasks.v1" belongs to team "billing", which grants team "payments" no read access; ask them to add a grant (topics: [billing.tasks.v1], to: [payments], access: read) to teams/billing.yaml',
    'teams/payments.yaml:7:54: applications[0].shareGroup.consumes[2]: "payments.job.v1" is not declared by any team (did you mean "payments.jobs.v1"?)',
  ],
  "share-group-ranges": [
    'teams/billing.yaml:9:24: applications[0].shareGroup.autoOffsetReset: "yesterday" must be earliest, latest or by_duration:<ISO-8601 duration>, e.g. by_duration:PT1H',
    "teams/billing.yaml:10:29: applications[0].shareGroup.recordLockDurationMs: 5000 is too small: expected number to be >=15000",
    "teams/billing.yaml:11:27: applications[0].shareGroup.deliveryCountLimit: 11 is too big: expected number to be <=10",
    "teams/billing.yaml:12:32: applications[0].shareGroup.partitionMaxRecordLocks: 50000 is too big: expected number to be <=4000",
    'teams/billing.yaml:13:23: applications[0].shareGroup.isolationLevel: "serializable" is not allowed; expected one of "read_committed", "read_uncommitted"',
    'teams/payments.yaml:8:24: applications[0].shareGroup.autoOffsetReset: "by_duration:-PT1H" must be earliest, latest or by_duration:<ISO-8601 duration>, e.g. by_duration:PT1H',
    "teams/payments.yaml:10:29: applications[1].shareGroup.consumes: a list is too small: expected array to have >=1 items",
    'teams/payments.yaml:12:20: applications[2].groupProtocol: "eager" is not allowed; expected one of "classic", "consumer", "streams"',
  ],
  "duplicate-key": ['teams/payments.yaml:5:5: duplicate key "partitions"; each key may appear once'],
  duplicates: [
    'teams/payments.yaml:4:11: topics[1].name: "payments.orders.v1" is declared twice (first at teams/payments.yaml:3)',
    'teams/payments.yaml:5:11: topics[2].name: "billing.invoices.v1" is outside the team\'s prefix; topic names must start with "payments."',
    'teams/payments.yaml:5:11: topics[2].name: "billing.invoices.v1" is already declared by team "billing" (teams/billing.yaml:3); topic names are unique across all teams',
    'teams/payments.yaml:8:11: applications[1].name: "order-service" is declared twice (first at teams/payments.yaml:7)',
  ],
  durations: [
    'teams/payments.yaml:4:16: topics[0].retention: "7x" must be a duration such as 7d (units s, m, h, d, w)',
    "teams/payments.yaml:6:16: topics[1].retention: 0 is too small: expected number to be >=1",
    'teams/payments.yaml:8:16: topics[2].retention: expected "infinite" or string or number, got true',
  ],
  "empty-file": ['teams/payments.yaml:1:1: the file is empty; expected a team, e.g. "team: payments"'],
  "file-name": [
    'teams/payments.yaml:1:7: team: "billing" does not match the file name; the file of team "billing" is billing.yaml (or set team: payments)',
  ],
  grants: [
    'teams/payments.yaml:5:34: grants[0].topics[1]: "billing.invoices.v1" belongs to team "billing"; a team can grant only its own topics',
    'teams/payments.yaml:5:55: grants[0].topics[2]: "payments.order.v1" is not a topic of this team (did you mean "payments.orders.v1"?)',
    'teams/payments.yaml:6:10: grants[0].to[0]: "billling" is not a team (there is no billling.yaml) (did you mean "billing"?)',
    'teams/payments.yaml:6:20: grants[0].to[1]: "payments" is this team; a team always has access to its own topics',
    'teams/payments.yaml:6:30: grants[0].to[2]: "fraud" is not a team (there is no fraud.yaml)',
  ],
  "infinite-retention": [
    'teams/payments.yaml:4:16: topics[0].retention: "infinite" needs cleanupPolicy compact or compact,delete; without compaction the topic grows without bound',
  ],
  "multiple-documents": [
    "teams/payments.yaml:2:1: a second YAML document starts here; this file must hold exactly one",
  ],
  "name-collision": [
    'teams/payments.yaml:4:11: topics[1].name: "payments.orders.v1" collides with "payments.orders_v1" (teams/payments.yaml:3): Kafka treats "." and "_" alike in topic names',
  ],
  names: [
    'teams/Payments.yaml:1:7: team: "Payments" must match ^[a-z][a-z0-9-]{1,30}[a-z0-9]$',
    'teams/Payments.yaml:2:12: namespace: "Payments_NS" must be a Kubernetes namespace name (DNS-1123 label)',
    'teams/Payments.yaml:3:9: prefix: "Payments." must be lower-case words separated by ".", e.g. payments',
    'teams/Payments.yaml:5:11: topics[0].name: "payments orders" must be a Kafka topic name (letters, digits, ".", "_", "-"; 1-249 characters)',
    'teams/Payments.yaml:7:11: applications[0].name: "Order_Service" must match ^[a-z][a-z0-9-]{0,40}$ and not end with -',
    'teams/Payments.yaml:8:11: applications[1].name: "trailing-" must match ^[a-z][a-z0-9-]{0,40}$ and not end with -',
    'teams/Payments.yaml:9:20: applications[1].consumerGroup: "payments group" must be a consumer group id (letters, digits, ".", "_", "-")',
  ],
  namespaces: [
    'teams/fraud.yaml:2:12: namespace: namespace "shared" is already the namespace of team "billing" (teams/billing.yaml)',
    'teams/payments.yaml:2:12: namespace: namespace "kube-system" is reserved for the platform; set namespace to one of the team\'s own',
  ],
  "prefix-overlap": [
    'teams/payments.yaml:2:9: prefix: prefix "acme.payments" overlaps the prefix "acme" of team "acme" (teams/acme.yaml); names under "acme.payments." would belong to both teams',
    'teams/shop.yaml:2:9: prefix: prefix "acme" is already the prefix of team "acme" (teams/acme.yaml)',
    'teams/shop.yaml:2:9: prefix: prefix "acme" overlaps the prefix "acme.payments" of team "payments" (teams/payments.yaml); names under "acme.payments." would belong to both teams',
  ],
  prefixes: [
    'teams/payments.yaml:3:11: topics[0].name: "orders.v1" is outside the team\'s prefix; topic names must start with "payments."',
    'teams/payments.yaml:4:11: topics[1].name: "payments-orders.v1" is outside the team\'s prefix; topic names must start with "payments."',
    'teams/payments.yaml:9:20: applications[0].consumerGroup: "orders.order-service" is outside the team\'s prefix; consumer groups must start with "payments."',
    'teams/payments.yaml:12:20: applications[1].consumerGroup: "payments.enrichment": a Streams application\'s group is its application.id "payments.enricher"; remove consumerGroup',
  ],
  principals: [
    'teams/abc.yaml:3:11: applications[0].name: "d-e" gives the principal "abc-d-e", which application "e" of team "abc-d" (teams/abc-d.yaml:3) already has',
  ],
  "two-files": [
    'teams/payments.yml:1:7: team: team "payments" is already declared in teams/payments.yaml; a team has one file',
    'teams/payments.yml:1:7: team: prefix "payments" is already the prefix of team "payments" (teams/payments.yaml)',
    'teams/payments.yml:1:7: team: namespace "payments" is already the namespace of team "payments" (teams/payments.yaml)',
    'teams/payments.yml:3:11: topics[0].name: "payments.orders.v1" is declared twice (first at teams/payments.yaml:3)',
  ],
  "types-and-ranges": [
    'teams/payments.yaml:2:9: owners: expected array, got "@acme/payments"',
    "teams/payments.yaml:3:29: quotas.producerByteRate: -1 is too small: expected number to be >=0",
    'teams/payments.yaml:6:17: topics[0].partitions: expected number, got "six"',
    "teams/payments.yaml:7:15: topics[0].replicas: 0 is too small: expected number to be >=1",
    "teams/payments.yaml:8:21: topics[0].retentionBytes: expected int, got 1.5",
    'teams/payments.yaml:9:20: topics[0].cleanupPolicy: "purge" is not allowed; expected one of "delete", "compact", "compact,delete"',
    'teams/payments.yaml:10:15: topics[0].deletion: "never" is not allowed; expected one of "protect", "allow"',
    "teams/payments.yaml:11:5: topics[1].name: is required (string)",
    'teams/payments.yaml:14:20: applications[0].transactional: expected boolean, got "yes"',
    'teams/payments.yaml:15:15: applications[0].produces: expected array, got "payments.orders.v1"',
  ],
  "unknown-keys": [
    `teams/payments.yaml:2:1: topic: unknown key "topic" (did you mean "topics"?); allowed: ${Object.keys(TeamFile.shape).join(", ")}`,
    'teams/payments.yaml:6:5: topics[0].partitons: unknown key "partitons" (did you mean "partitions"?); allowed: name, partitions, replicas, retention, retentionBytes, cleanupPolicy, config, deletion, description, classification, schema, tags',
    'teams/payments.yaml:7:15: topics[0].config.max.message.byte: unknown key "max.message.byte" (did you mean "max.message.bytes"?); allowed: compression.gzip.level, compression.lz4.level, compression.type, compression.zstd.level, delete.retention.ms, file.delete.delay.ms, flush.messages, flush.ms, follower.replication.throttled.replicas, index.interval.bytes, leader.replication.throttled.replicas, local.retention.bytes, local.retention.ms, max.compaction.lag.ms, max.message.bytes, message.timestamp.after.max.ms, message.timestamp.before.max.ms, message.timestamp.type, min.cleanable.dirty.ratio, min.compaction.lag.ms, min.insync.replicas, preallocate, remote.log.copy.disable, remote.log.delete.on.disable, remote.storage.enable, segment.bytes, segment.index.bytes, segment.jitter.ms, segment.ms, unclean.leader.election.enable',
    'teams/payments.yaml:7:39: topics[0].config.retention.ms: "retention.ms" is set with the topic\'s "retention" field, not in config',
    "teams/payments.yaml:7:74: topics[0].config.segment.bytes: expected string or number or boolean, got a list",
    'teams/payments.yaml:10:5: applications[0].produce: unknown key "produce" (did you mean "produces"?); allowed: name, produces, consumes, consumerGroup, transactional, streams, quotas, description, groupProtocol, shareGroup',
  ],
  "topic-config-values": [
    'teams/payments.yaml:5:25: topics[0].config.compression.type: "zstandard" is not allowed; Kafka accepts "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"',
    'teams/payments.yaml:6:31: topics[0].config.message.timestamp.type: "WallClock" is not allowed; Kafka accepts "CreateTime", "LogAppendTime"',
    "teams/payments.yaml:7:22: topics[0].config.segment.bytes: 100 is below Kafka's minimum of 1048576",
    'teams/payments.yaml:8:30: topics[0].config.min.compaction.lag.ms: must be an integer (Kafka type LONG, in milliseconds), not "1h"',
    'teams/payments.yaml:9:20: topics[0].config.preallocate: must be true or false, not "yes"',
    "teams/payments.yaml:10:34: topics[0].config.min.cleanable.dirty.ratio: 1.5 is above Kafka's maximum of 1",
    "teams/payments.yaml:11:31: topics[0].config.compression.gzip.level: 12 is not allowed; Kafka accepts [1,...,9] or -1",
  ],
  // Waivers moved to platform/waivers.yaml: the old key is a located error saying where.
  waivers: [
    "teams/payments.yaml:4:1: waivers: waivers are no longer set in team files: they live in platform/waivers.yaml, which the platform team owns and approves (see docs/policies.md); remove this key and ask the platform team for a waiver there",
  ],
  "yaml-syntax": [
    "teams/payments.yaml:5:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }",
  ],
};

describe("team files: validation", function () {
  for (const [fixture, messages] of Object.entries(EXPECTED)) {
    it(`rejects ${fixture} with located messages`, function () {
      assert.deepEqual(problemsOf(fixture), messages);
    });
  }

  it("covers every fixture directory", function () {
    const { readdirSync } = require("fs") as typeof import("fs");
    const dirs = readdirSync(FIXTURES).filter((d) => !d.startsWith("valid"));
    assert.deepEqual(dirs.sort(), Object.keys(EXPECTED).sort());
  });

  it("throws one UserError whose message lists every problem without a stack trace", function () {
    let error: unknown;
    try {
      loadTeams(path.join(FIXTURES, "access"), { displayDir: "teams" });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof UserError);
    const lines = error.message.split("\n");
    assert.equal(lines[0], "Invalid team files (4 problem(s)):");
    assert.deepEqual(lines.slice(1), EXPECTED.access);
  });

  it("accepts an empty directory as an organisation without teams", function () {
    assert.deepEqual(loadTeams(path.join(FIXTURES, "valid-empty-dir")), { teams: [] });
  });

  it("reports a missing directory", function () {
    assert.throws(
      () => loadTeams(path.join(FIXTURES, "no-such-dir"), { displayDir: "teams" }),
      (e: unknown) =>
        isUserError(e) && formatProblem(e.problems[0]) === "teams: no such directory of team files",
    );
  });

  it("refuses links (even dangling ones) and directories named like team files, one line each", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-teams-unreadable-"));
    symlinkSync(path.join(dir, "nowhere"), path.join(dir, "broken.yaml"));
    mkdirSync(path.join(dir, "archive.yaml"));
    assert.throws(
      () => loadTeams(dir, { displayDir: "teams" }),
      (e: unknown) =>
        isUserError(e) &&
        e.problems.map(formatProblem).join("\n") ===
          "teams/archive.yaml: is a directory, not a regular file; only regular files are read here\n" +
            "teams/broken.yaml: is a symbolic link; only regular files are read here (commit the file itself)",
    );
  });

  it("rejects namespaces the platform reserves (e.g. the Kafka namespace)", function () {
    assert.throws(
      () =>
        loadTeams(path.join(__dirname, "../../../teams"), {
          displayDir: "teams",
          reservedNamespaces: ["fraud"],
        }),
      (e: unknown) =>
        isUserError(e) &&
        e.problems.map(formatProblem).join("\n") ===
          `teams/fraud.yaml:6:12: namespace: namespace "fraud" is reserved for the platform; set namespace to one of the team's own`,
    );
  });
});
