import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { formatProblem, isUserError } from "../../core/errors";
import { loadTeams } from "../../core/teams";
import { applyWaiverFile, parseWaivers } from "../../core/waivers";

const ORG = loadTeams(path.join(__dirname, "../../teams"));
const TODAY = new Date("2026-12-04T10:00:00Z");

/** One waiver entry with `fields` replacing the valid defaults, as YAML lines. */
function entry(fields: Record<string, string> = {}): string[] {
  const w = {
    team: "payments",
    resource: "payments.orders.v1",
    policy: "topic-retention",
    reason: "Auditors need 60 days until the archive job ships.",
    approver: '"@acme/kafka-platform"',
    expires: '"2027-01-31"',
    ...fields,
  };
  return Object.entries(w).map(([k, v], i) => `${i === 0 ? "  - " : "    "}${k}: ${v}`);
}

function problems(text: string): string[] {
  return parseWaivers("platform/waivers.yaml", text, ORG, TODAY).problems.map(formatProblem);
}

describe("platform/waivers.yaml", () => {
  it("attaches a valid waiver to the topic it names, with its approver", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "kp-waivers-")), "waivers.yaml");
    writeFileSync(file, ["waivers:", ...entry(), ""].join("\n"));
    const org = applyWaiverFile(ORG, file, { today: TODAY });
    const orders = org.teams
      .find((t) => t.name === "payments")!
      .topics.find((t) => t.name === "payments.orders.v1")!;
    assert.deepEqual(orders.waivers, [
      {
        resource: "payments.orders.v1",
        policy: "topic-retention",
        reason: "Auditors need 60 days until the archive job ships.",
        approver: "@acme/kafka-platform",
        expires: "2027-01-31",
      },
    ]);
    assert.equal(org.teams.find((t) => t.name === "billing")!.waivers.length, 0);
  });

  it("means no waivers when the file is missing, and accepts the shipped empty file", () => {
    assert.equal(applyWaiverFile(ORG, "/nonexistent/waivers.yaml"), ORG);
    const shipped = applyWaiverFile(ORG, path.join(__dirname, "../../platform/waivers.yaml"), {
      today: TODAY,
    });
    assert.ok(shipped.teams.every((t) => t.waivers.length === 0));
  });

  it("validates policy names with did-you-mean", () => {
    assert.deepEqual(problems(["waivers:", ...entry({ policy: "topic-retentoin" }), ""].join("\n")), [
      'platform/waivers.yaml:4:13: waivers[0].policy: "topic-retentoin" is not a policy of the pack (did you mean "topic-retention"?)',
    ]);
  });

  it("limits the expiry to 90 days from today by default, or maxDays", () => {
    assert.deepEqual(problems(["waivers:", ...entry({ expires: '"2999-12-31"' }), ""].join("\n")), [
      "platform/waivers.yaml:7:14: waivers[0].expires: 2999-12-31 is more than 90 days ahead; a waiver expires by 2027-03-04 at the latest (then it is reviewed again)",
    ]);
    assert.deepEqual(problems(["maxDays: 30", "waivers:", ...entry(), ""].join("\n")), [
      "platform/waivers.yaml:8:14: waivers[0].expires: 2027-01-31 is more than 30 days ahead; a waiver expires by 2027-01-03 at the latest (then it is reviewed again)",
    ]);
  });

  it("names unknown teams and resources, and requires reason and approver", () => {
    assert.deepEqual(
      problems(
        [
          "waivers:",
          "  - team: payments",
          "    resource: payments.orders.v1",
          "    policy: topic-retention",
          "    expires: 2027-01-01",
          "",
        ].join("\n"),
      ),
      [
        "platform/waivers.yaml:2:5: waivers[0].reason: is required (string)",
        "platform/waivers.yaml:2:5: waivers[0].approver: is required (string)",
      ],
    );
    assert.deepEqual(
      problems(
        ["waivers:", ...entry({ team: "paymets" }), ...entry({ resource: "payments.order.v1" }), ""].join(
          "\n",
        ),
      ),
      [
        'platform/waivers.yaml:2:11: waivers[0].team: "paymets" is not a team (did you mean "payments"?)',
        'platform/waivers.yaml:9:15: waivers[1].resource: "payments.order.v1" is neither a topic nor an application of team "payments" (did you mean "payments.orders.v1"?)',
      ],
    );
  });

  it("rejects an approver that is not a GitHub user, team or e-mail", () => {
    assert.deepEqual(problems(["waivers:", ...entry({ approver: "the boss" }), ""].join("\n")), [
      'platform/waivers.yaml:6:15: waivers[0].approver: "the boss" must be a GitHub @user, @org/team or an e-mail address',
    ]);
  });

  it("throws one UserError with every problem", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "kp-waivers-")), "waivers.yaml");
    writeFileSync(file, ["waivers:", ...entry({ policy: "nope" }), ...entry({ team: "x" }), ""].join("\n"));
    assert.throws(
      () => applyWaiverFile(ORG, file, { today: TODAY }),
      (e: unknown) => isUserError(e) && e.problems.length === 2,
    );
  });
});
