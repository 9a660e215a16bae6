/**
 * Edits of a temporary copy of the team files, as a team's pull request would make them
 * (never of the committed files).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";

interface TeamFile {
  topics?: { name: string; deletion?: string }[];
  applications?: { name: string; produces?: string[]; consumes?: string[] }[];
  grants?: { topics: string[] }[];
}

function edit(dir: string, team: string, change: (file: TeamFile) => void): void {
  const file = path.join(dir, `${team}.yaml`);
  const parsed = parse(fs.readFileSync(file, "utf8")) as TeamFile;
  change(parsed);
  fs.writeFileSync(file, stringify(parsed));
}

/** Adds a topic to a team's file. */
export function addTopic(dir: string, team: string, topic: Record<string, unknown> & { name: string }): void {
  edit(dir, team, (f) => (f.topics = [...(f.topics ?? []), topic as { name: string }]));
}

/** Lets an existing application of a team consume one more topic. */
export function addConsumedTopic(dir: string, team: string, application: string, topic: string): void {
  edit(dir, team, (f) => {
    const app = f.applications?.find((a) => a.name === application);
    if (!app) throw new Error(`${team}: no application ${application}`);
    app.consumes = [...(app.consumes ?? []), topic];
  });
}

/** Removes a topic from its team's file and every reference to it from all team files. */
export function removeTopic(dir: string, topic: string): void {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
    edit(dir, name.replace(/\.yaml$/, ""), (f) => {
      f.topics = f.topics?.filter((t) => t.name !== topic);
      for (const app of f.applications ?? []) {
        app.produces = app.produces?.filter((t) => t !== topic);
        app.consumes = app.consumes?.filter((t) => t !== topic);
      }
      f.grants = f.grants
        ?.map((g) => ({ ...g, topics: g.topics.filter((t) => t !== topic) }))
        .filter((g) => g.topics.length > 0);
      if (f.grants?.length === 0) delete f.grants;
    });
  }
}
