import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { stringify } from "yaml";

/** The shape of a synthetic organisation. */
export interface OrganisationSize {
  teams: number;
  /** Topics per team. */
  topicsPerTeam: number;
  /** Applications per team (each produces to and consumes from its own topics). */
  appsPerTeam: number;
}

const teamName = (i: number) => `team-${String(i).padStart(4, "0")}`;

/**
 * One valid team file per team: topics `<team>.events-<j>.v1`, applications that produce and
 * consume them (one transactional, one Kafka Streams), and a read grant of topic 0 to the next
 * team, whose first application consumes it — so grants, cross-team ACLs and every intent occur.
 */
export function syntheticTeamFiles(size: OrganisationSize): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < size.teams; i++) {
    const team = teamName(i);
    const topics = Array.from({ length: size.topicsPerTeam }, (_, j) => `${team}.events-${j}.v1`);
    const previous = i > 0 ? `${teamName(i - 1)}.events-0.v1` : undefined;
    const applications = Array.from({ length: size.appsPerTeam }, (_, a) => ({
      name: `app-${a}`,
      produces: topics.filter((_, j) => j % size.appsPerTeam === a),
      consumes: [topics[(a + 1) % topics.length], ...(a === 0 && previous ? [previous] : [])],
      ...(a === 1 ? { transactional: true } : {}),
      ...(a === 2 ? { streams: true } : {}),
    }));
    const file = {
      team,
      owners: [`@acme/${team}`],
      topics: topics.map((name, j) => ({ name, partitions: 6, retention: j % 2 ? "3d" : "7d" })),
      applications,
      ...(i + 1 < size.teams
        ? { grants: [{ topics: [topics[0]], to: [teamName(i + 1)], access: "read" }] }
        : {}),
    };
    files.set(`${team}.yaml`, stringify(file));
  }
  return files;
}

/** Writes the organisation's team files into `dir`. */
export function writeOrganisation(dir: string, size: OrganisationSize): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of syntheticTeamFiles(size)) writeFileSync(path.join(dir, name), text);
}
