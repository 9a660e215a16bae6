/**
 * The matrix's probe list (no broker): every declared intent of every example application is probed
 * as allowed, and the accesses issue 8 names are probed as denied, so the matrix cannot pass by
 * probing too little.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { loadTeams } from "../../core/teams";
import { PROJECT_ROOT } from "../../harness/engine";
import { accessProbes, type Probe } from "./matrix";
import { aclBindings, userName } from "./operator";
import { stackUnderTest, teamIntents } from "./stack";

describe("real Kafka: access matrix probes (no broker)", function () {
  const teams = teamIntents(loadTeams(path.join(PROJECT_ROOT, "teams")));
  const probes = accessProbes(teams);
  const find = (predicate: (p: Probe) => boolean): Probe[] => probes.filter(predicate);

  it("probes every declared intent as allowed", function () {
    for (const app of teams.flatMap((t) => t.applications)) {
      const own = find((p) => p.kind !== "login" && p.app === app && p.expect);
      for (const topic of app.produces) {
        assert.ok(
          own.some((p) => p.kind === "produce" && p.topic === topic),
          `${app.principal} produce ${topic}`,
        );
      }
      for (const topic of app.consumes) {
        assert.ok(
          own.some((p) => p.kind === "consume" && p.topic === topic && p.group === app.consumerGroup),
          `${app.principal} consume ${topic}`,
        );
      }
      if (app.transactional)
        assert.ok(
          own.some((p) => p.kind === "transaction"),
          `${app.principal} transaction`,
        );
      if (app.streams) {
        assert.ok(
          own.some((p) => p.kind === "streams-flow"),
          `${app.principal} streams flow`,
        );
        assert.ok(
          own.some((p) => p.kind === "create-topic"),
          `${app.principal} creates internal topics`,
        );
      }
    }
  });

  it("probes other teams' topics, foreign groups and transactional ids, topic creation and bad logins as denied", function () {
    const denied = find((p) => !p.expect);
    for (const app of teams.flatMap((t) => t.applications)) {
      const mine = denied.filter((p) => p.kind !== "login" && p.app === app);
      const foreignTopics = teams.filter((t) => t.team !== app.team).flatMap((t) => t.topics);
      for (const topic of foreignTopics.filter(
        (t) => !app.consumes.includes(t) && !app.produces.includes(t),
      )) {
        for (const kind of ["produce", "consume", "describe"]) {
          assert.ok(
            mine.some((p) => p.kind === kind && "topic" in p && p.topic === topic),
            `${app.principal} ${kind} ${topic}`,
          );
        }
      }
      if (app.consumes.length > 0) {
        assert.ok(
          mine.some((p) => p.kind === "consume" && !p.group.startsWith(`${app.prefix}.`)),
          `${app.principal}: another team's group`,
        );
      }
      assert.ok(
        mine.some((p) => p.kind === "transaction"),
        `${app.principal}: a foreign transactional id`,
      );
      assert.ok(
        mine.some((p) => p.kind === "create-topic"),
        `${app.principal}: topic creation`,
      );
      assert.ok(
        mine.some((p) => p.kind === "alter-acls"),
        `${app.principal}: cluster operation`,
      );
      assert.ok(
        denied.some((p) => p.kind === "login" && p.username === app.principal && p.password === "wrong"),
        `${app.principal}: wrong password`,
      );
    }
    assert.ok(
      denied.some((p) => p.kind === "login" && p.password === "unknown-user"),
      "unknown user",
    );
  });

  it("renders the same ACLs for prod as for dev, so the dev matrix covers prod", async function () {
    // One after the other: the engine harness runs one program at a time.
    const dev = await stackUnderTest("dev");
    const prod = await stackUnderTest("prod");
    const acls = (users: typeof dev.users) =>
      Object.fromEntries(
        users
          .map((u) => [userName(u), aclBindings(u)])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    assert.deepEqual(acls(prod.users), acls(dev.users));
  });
});
