/**
 * The two writers of the pull-request comment, run as actions/github-script runs them (an async
 * function of `github`, `context` and `require`) against an in-memory issue: review-comment.yml
 * writes the offline review, preview.yml's comment job the preview digest, and neither loses the
 * other's part, whichever comes first.
 */
import { strict as assert } from "assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const MARKER = "<!-- kafka-platform-review -->";

type Job = { steps: { uses?: string; with?: { script?: string } }[] };
/** The github-script of a workflow's job. */
function script(file: string, job: string): string {
  const w = parse(readFileSync(path.join(ROOT, ".github/workflows", file), "utf8")) as {
    jobs: Record<string, Job>;
  };
  const step = w.jobs[job].steps.find((s) => s.uses?.startsWith("actions/github-script@"));
  return step!.with!.script!;
}

const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";

/** An issue with comments, and the subset of the REST client the scripts use. */
function fakeIssue() {
  const comments: { id: number; body: string; user: { type: string } }[] = [];
  // Open pull requests: #7 has the head commit of the workflow run; #8 another fork's branch.
  const pulls = [
    { number: 8, head: { sha: "f".repeat(40), repo: { full_name: "mallory/kafka" } } },
    { number: 7, head: { sha: HEAD_SHA, repo: { full_name: "alice/kafka" } } },
  ];
  const github = {
    rest: {
      pulls: { list: "pullsList" },
      issues: {
        listComments: "listComments",
        createComment: async ({ body }: { body: string }) => {
          comments.push({ id: comments.length + 1, body, user: { type: "Bot" } });
        },
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          comments.find((c) => c.id === comment_id)!.body = body;
        },
      },
    },
    paginate: async (method: string) => (method === "pullsList" ? pulls : comments.map((c) => ({ ...c }))),
  };
  return { comments, github, pulls };
}

/** Runs a github-script body in `cwd` with PR_NUMBER set. */
async function run(body: string, github: unknown, cwd: string) {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
  const fn = new AsyncFunction("github", "context", "core", "require", body);
  const previous = process.cwd();
  process.env.PR_NUMBER = "7";
  process.chdir(cwd);
  try {
    const context = {
      repo: { owner: "acme", repo: "kafka" },
      payload: {
        workflow_run: {
          head_sha: HEAD_SHA,
          head_branch: "feature",
          head_repository: { full_name: "alice/kafka", owner: { login: "alice" } },
        },
      },
    };
    await fn(github, context, { notice: () => undefined }, require);
  } finally {
    process.chdir(previous);
    delete process.env.PR_NUMBER;
  }
}

function workspace(review: string, digests: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-comment-"));
  mkdirSync(path.join(dir, "review"));
  // What a malicious pull request's run could upload: review-comment.yml must ignore it.
  writeFileSync(path.join(dir, "review/pr-number"), "8\n");
  writeFileSync(path.join(dir, "review/comment.md"), review);
  mkdirSync(path.join(dir, "preview"));
  for (const [stack, text] of Object.entries(digests))
    writeFileSync(path.join(dir, `preview/${stack}.md`), text);
  return dir;
}

describe("the review comment's two writers (review-comment.yml, preview.yml)", () => {
  const review = script("review-comment.yml", "comment");
  const preview = script("preview.yml", "comment");

  it("review first, then the preview digest of every stack: one comment with both", async () => {
    const { comments, github } = fakeIssue();
    const dir = workspace(`${MARKER}\n## kafka-platform review\nfirst`, {
      prod: "#### prod digest",
      dev: "#### dev digest",
    });
    await run(review, github, dir);
    await run(preview, github, dir);
    assert.equal(comments.length, 1);
    assert.match(
      comments[0].body,
      /^<!-- kafka-platform-review -->\n## kafka-platform review\nfirst\n\n<!-- kafka-platform-preview -->/,
    );
    assert.match(comments[0].body, /#### dev digest\n\n#### prod digest\n<!-- \/kafka-platform-preview -->$/);
  });

  it("a new review keeps the digest; a new digest replaces the old one", async () => {
    const { comments, github } = fakeIssue();
    const dir = workspace(`${MARKER}\nreview one`, { dev: "digest one" });
    await run(preview, github, dir);
    await run(review, github, dir);
    writeFileSync(path.join(dir, "review/comment.md"), `${MARKER}\nreview two`);
    await run(review, github, dir);
    writeFileSync(path.join(dir, "preview/dev.md"), "digest two");
    await run(preview, github, dir);
    assert.equal(comments.length, 1);
    const body = comments[0].body;
    assert.ok(body.startsWith(`${MARKER}\nreview two\n\n<!-- kafka-platform-preview -->`), body);
    assert.ok(
      body.includes("digest two") && !body.includes("digest one") && !body.includes("review one"),
      body,
    );
    assert.equal(body.split("<!-- kafka-platform-preview -->").length, 2, "one digest section");
  });

  it("comments on the pull request whose head is the run's commit, never the artifact's number", async () => {
    const { comments, github, pulls } = fakeIssue();
    const numbers: number[] = [];
    const create = github.rest.issues.createComment;
    github.rest.issues.createComment = async (args: { body: string; issue_number?: number }) => {
      numbers.push(args.issue_number!);
      return create(args);
    };
    await run(review, github, workspace(`${MARKER}\nreview`, {}));
    assert.deepEqual(numbers, [7]);
    // No open pull request with that head (e.g. pushed again meanwhile): no comment at all.
    pulls.splice(0, pulls.length);
    await run(review, github, workspace(`${MARKER}\nreview`, {}));
    assert.deepEqual(numbers, [7]);
    assert.equal(comments.length, 1);
  });
});
