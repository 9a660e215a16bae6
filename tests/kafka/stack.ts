/**
 * What the real-Kafka tier applies and checks for a stack: the teams' intents (core/teams, from
 * `teams/`), and the KafkaUsers (with the passwords the program generated) and KafkaTopics the
 * program renders for the stack under the offline engine harness.
 */
import * as path from "node:path";
import { loadTeams, type Organisation } from "../../core/teams";
import { PROJECT_ROOT, readStackConfig, runProgram } from "../../harness/engine";
import { kubernetesObjects } from "../../harness/kubernetes-objects";
import { type AppIntents, type TeamIntents } from "./matrix";
import { type KafkaTopicObject, type KafkaUserObject, userName } from "./operator";

export interface StackUnderTest {
  stack: "dev" | "prod";
  /** The validated team files (for what the program derives from them, e.g. group configs). */
  org: Organisation;
  teams: TeamIntents[];
  users: KafkaUserObject[];
  topics: KafkaTopicObject[];
  /** The password of a KafkaUser (by principal name), from the Secret its `secretKeyRef` names. */
  passwordOf(principal: string): string;
}

type AnyObject = Record<string, unknown> & {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
};

/** The intents of every application, as the matrix reads them. */
export function teamIntents(org: Organisation): TeamIntents[] {
  return org.teams.map((team) => ({
    team: team.name,
    prefix: team.prefix,
    topics: team.topics.map((t) => t.name),
    applications: team.applications.map((app): AppIntents => ({
      team: team.name,
      prefix: team.prefix,
      name: app.name,
      principal: app.principal,
      produces: app.produces.map((u) => u.topic),
      consumes: app.consumes.map((u) => u.topic),
      consumerGroup: app.consumerGroup,
      transactional: app.transactional,
      streams: app.streams,
      groupProtocol: app.groupProtocol,
      ...(app.shareGroup
        ? { shareGroup: { id: app.shareGroup.id, consumes: app.shareGroup.consumes.map((u) => u.topic) } }
        : {}),
    })),
  }));
}

/** The password a KafkaUser's `spec.authentication.password.valueFrom.secretKeyRef` points to. */
export function passwordFromSecret(user: KafkaUserObject, objects: AnyObject[]): string {
  const ref = user.spec?.authentication?.password?.valueFrom?.secretKeyRef;
  if (!ref?.name || !ref.key) throw new Error(`KafkaUser ${userName(user)} has no password secretKeyRef`);
  const secret = objects.find(
    (o) =>
      o.kind === "Secret" &&
      o.metadata?.name === ref.name &&
      (o.metadata?.namespace ?? user.metadata.namespace) === user.metadata.namespace,
  );
  if (!secret) throw new Error(`KafkaUser ${userName(user)}: Secret ${ref.name} is not declared`);
  const stringData = secret.stringData as Record<string, unknown> | undefined;
  const data = secret.data as Record<string, unknown> | undefined;
  const value =
    typeof stringData?.[ref.key] === "string"
      ? (stringData[ref.key] as string)
      : typeof data?.[ref.key] === "string"
        ? Buffer.from(data[ref.key] as string, "base64").toString("utf8")
        : undefined;
  if (!value) throw new Error(`KafkaUser ${userName(user)}: Secret ${ref.name} has no key ${ref.key}`);
  return value;
}

/** Loads the teams and runs the program for `stack` under the harness. */
export async function stackUnderTest(stack: "dev" | "prod"): Promise<StackUnderTest> {
  const { config } = readStackConfig(PROJECT_ROOT, stack);
  const teamsConfig = JSON.parse(config["kafka-platform:teams"] ?? "{}") as { dir?: string };
  const org = loadTeams(path.join(PROJECT_ROOT, teamsConfig.dir ?? "teams"), {
    displayDir: teamsConfig.dir ?? "teams",
  });
  const teams = teamIntents(org);
  const principals = new Set(teams.flatMap((t) => t.applications.map((a) => a.principal)));
  const topicNames = new Set(teams.flatMap((t) => t.topics));

  const run = await runProgram({ stack });
  const objects = kubernetesObjects(run, { secrets: "reveal" }) as unknown as AnyObject[];
  const renderedUsers = (
    objects.filter((o) => o.kind === "KafkaUser") as unknown as KafkaUserObject[]
  ).filter((u) => principals.has(userName(u)));
  const renderedTopics = (
    objects.filter((o) => o.kind === "KafkaTopic") as unknown as KafkaTopicObject[]
  ).filter((t) => topicNames.has(t.spec?.topicName ?? t.metadata.name ?? ""));

  const missing = [...principals].filter((p) => !renderedUsers.some((u) => userName(u) === p));
  if (missing.length > 0) throw new Error(`stack ${stack} renders no KafkaUser for ${missing.join(", ")}`);
  const missingTopics = [...topicNames].filter(
    (n) => !renderedTopics.some((t) => (t.spec?.topicName ?? t.metadata.name) === n),
  );
  if (missingTopics.length > 0) {
    throw new Error(`stack ${stack} renders no KafkaTopic for ${missingTopics.join(", ")}`);
  }
  const passwords = new Map(renderedUsers.map((u) => [userName(u), passwordFromSecret(u, objects)]));
  return {
    stack,
    org,
    teams,
    users: renderedUsers,
    topics: renderedTopics,
    passwordOf(principal) {
      const password = passwords.get(principal);
      if (password === undefined) throw new Error(`no KafkaUser ${principal} in stack ${stack}`);
      return password;
    },
  };
}
