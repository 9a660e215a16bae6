import { strict as assert } from "assert";
import { createPolicies } from "../rules";
import { topicRetention } from "../rules/topic-retention";
import { aclTopicReferences } from "../rules/acl-topic-references";
import { waiverEnd } from "../lib/waivers";
import { check, clockAt, kafka, topic, user } from "./helpers";

const DAY = 86_400_000;
const waiver = {
  policy: "topic-retention",
  resource: "payments.audit.v1",
  reason: "legal hold, PLAT-42",
  expires: "2026-12-31",
};
const longRetention = () =>
  topic("payments.audit.v1", { config: { "retention.ms": 90 * DAY }, waivers: [waiver] });

describe("waivers", () => {
  it("a date-only expiry lasts through that day (UTC)", () => {
    assert.equal(waiverEnd(waiver), Date.parse("2027-01-01T00:00:00Z"));
    assert.equal(
      waiverEnd({ ...waiver, expires: "2026-12-31T12:00:00Z" }),
      Date.parse("2026-12-31T12:00:00Z"),
    );
  });

  it("turns a mandatory violation advisory before the waiver expires", async () => {
    const run = await check([topicRetention(clockAt("2026-12-31T23:59:59Z"))], [longRetention()]);
    assert.equal(run.violations.length, 1);
    assert.equal(run.violations[0].level, "advisory");
    assert.match(
      run.violations[0].message,
      /more than the prod maximum of 30d; lower its `retention` \[waived until 2026-12-31: legal hold, PLAT-42\]/,
    );
  });

  it("reports the policy's normal level once the waiver has expired", async () => {
    const run = await check([topicRetention(clockAt("2027-01-01T00:00:00Z"))], [longRetention()]);
    assert.equal(run.violations[0].level, "mandatory");
    assert.match(run.violations[0].message, /\[waiver expired 2026-12-31; renew or fix it\]/);
  });

  it("only waives the named policy", async () => {
    const t = topic("payments.audit.v1", {
      config: { "retention.ms": 90 * DAY },
      spec: { replicas: 1 },
      waivers: [waiver],
    });
    const run = await check(createPolicies(clockAt("2026-06-01T00:00:00Z")), [t]);
    const levels = Object.fromEntries(run.violations.map((v) => [v.policy, v.level]));
    assert.equal(levels["topic-retention"], "advisory");
    assert.equal(levels["topic-durability"], "mandatory");
  });

  it("applies to stack policy violations on the waived resource", async () => {
    const acls = [{ resource: { type: "topic", name: "legacy.events" }, operations: ["Read"] }];
    const waived = user("legacy-reader", {
      acls,
      waivers: [{ policy: "acl-topic-references", expires: "2027-03-01" }],
    });
    const before = await check([aclTopicReferences(clockAt("2027-02-28T00:00:00Z"))], [kafka(), waived]);
    assert.deepEqual(
      before.violations.map((v) => v.level),
      ["advisory"],
    );
    const after = await check([aclTopicReferences(clockAt("2027-03-02T00:00:00Z"))], [kafka(), waived]);
    assert.deepEqual(
      after.violations.map((v) => v.level),
      ["mandatory"],
    );
  });

  it("ignores an unreadable waiver annotation", async () => {
    const t = longRetention();
    (t.inputs.metadata as { annotations: Record<string, string> }).annotations["kafka-platform.io/waivers"] =
      "{not json";
    const run = await check([topicRetention(clockAt("2026-01-01T00:00:00Z"))], [t]);
    assert.equal(run.violations[0].level, "mandatory");
  });
});
