import * as assert from "assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { helmChartReference } from "../../../core/config/chart-source";
import { loadPlatformConfig } from "../../../core/config";
import { localSourceProblems, withAbsolutePaths } from "../../../core/config/local-sources";
import { isUserError, UserError } from "../../../core/errors";
import { configProblemsOf } from "../support/config-problems";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { CrdSourceError } from "../../../components/strimzi-crds-file";
import { PROJECT_ROOT, readStackConfig, runProgram } from "../../../harness/engine";

/** A dev stack file with extra lines under `config:`, loaded as the program does. */
function stackWith(lines: string, dir = mkdtempSync(path.join(tmpdir(), "kp-sources-"))) {
  const text = `config:\n  kafka-platform:environment: dev\n  kafka-platform:cluster: {mode: existing, existing: {kubeconfig: ~/.kube/config}}\n${lines}`;
  writeFileSync(path.join(dir, "Pulumi.test.yaml"), text);
  const source = { file: "Pulumi.test.yaml", yaml: parseYamlSource("Pulumi.test.yaml", text) };
  return { dir, text, source, load: () => loadPlatformConfig(readStackConfig(dir, "test").config, source) };
}

const problemsOf = configProblemsOf;

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** A chart directory as `helm pull --untar` leaves it. */
function chartDir(parent: string, name: string, version: string): string {
  const dir = path.join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
  return dir;
}

describe("chart and CRD sources (contract)", () => {
  it("an HTTPS repository, an OCI registry and a local directory become helm.v4.Chart arguments", () => {
    assert.deepStrictEqual(
      helmChartReference({ repo: "https://charts.example", chart: "loki", version: "8.1.3" }),
      { chart: "loki", version: "8.1.3", repositoryOpts: { repo: "https://charts.example" } },
    );
    assert.deepStrictEqual(
      helmChartReference({ repo: "oci://registry.bank.internal/charts/", chart: "loki", version: "8.1.3" }),
      { chart: "oci://registry.bank.internal/charts/loki", version: "8.1.3" },
    );
    assert.deepStrictEqual(helmChartReference({ path: "/srv/charts/loki", version: "8.1.3" }), {
      chart: "/srv/charts/loki",
      version: "8.1.3",
    });
  });

  it("a local directory replaces the default repository; an OCI mirror keeps the default chart name", () => {
    const { load } = stackWith(
      "  kafka-platform:monitoring:\n    charts:\n      loki: { path: mirror/loki, version: 1.2.3 }\n      tempo: { repo: oci://registry.bank.internal/charts }\n",
    );
    const config = load();
    assert.deepStrictEqual(config.monitoring.charts.loki, { path: "mirror/loki", version: "1.2.3" });
    assert.strictEqual(config.monitoring.charts.tempo.repo, "oci://registry.bank.internal/charts");
    assert.strictEqual(config.monitoring.charts.tempo.chart, "tempo");
  });

  it("rejects a path beside a repo, a plain-HTTP repository and a source without a chart, located", () => {
    const { text, load } = stackWith(
      "  kafka-platform:monitoring:\n    charts:\n      loki: { path: mirror/loki, repo: https://x.example, version: 1.2.3 }\n      tempo: { repo: http://charts.example }\n  kafka-platform:addons:\n    argocd: { chart: { repo: oci://r.example/c, chart: null } }\n",
    );
    const problems = problemsOf(load);
    const expect = [
      `${lineOf(text, "loki:")}: kafka-platform:monitoring.charts.loki.repo: "https://x.example": not allowed with path`,
      `${lineOf(text, "tempo:")}: kafka-platform:monitoring.charts.tempo.repo: "http://charts.example" is not an https:// Helm repository or an oci:// registry path`,
      `kafka-platform:addons.argocd.chart.chart: expected string, got null`,
    ];
    for (const e of expect)
      assert.ok(
        problems.some((p) => p.includes(e)),
        `${e}\nin\n${problems.join("\n")}`,
      );
  });

  it("Strimzi: the plain OCI string still works; an object's version must equal strimzi.version", () => {
    const ok = stackWith(
      "  kafka-platform:strimzi: { chart: oci://registry.bank.internal/strimzi/strimzi-kafka-operator }\n",
    );
    assert.strictEqual(
      ok.load().strimzi.chart,
      "oci://registry.bank.internal/strimzi/strimzi-kafka-operator",
    );
    const { text, load } = stackWith(
      "  kafka-platform:strimzi:\n    chart:\n      repo: https://strimzi.io/charts/\n      chart: strimzi-kafka-operator\n      version: 1.1.0\n",
    );
    assert.deepStrictEqual(problemsOf(load), [
      `${lineOf(text, "version: 1.1.0")}: kafka-platform:strimzi.chart.version: "1.1.0": differs from strimzi.version "1.2.0": the chart and the CRDs move together; remove it or make them equal`,
    ]);
  });

  it("Strimzi CRDs: a URL needs its sha256, crdsUrl is a local file only, not both", () => {
    const unpinned = stackWith(
      "  kafka-platform:strimzi:\n    crds: { url: https://mirror.example/crds.yaml }\n",
    );
    assert.deepStrictEqual(problemsOf(unpinned.load), [
      `${lineOf(unpinned.text, "crds:")}: kafka-platform:strimzi.crds.sha256: is required with url: nothing is fetched at deploy time without a pin`,
    ]);
    const legacyUrl = stackWith(
      "  kafka-platform:strimzi:\n    crdsUrl: https://github.com/strimzi/strimzi-kafka-operator/releases/download/1.2.0/strimzi-crds-1.2.0.yaml\n",
    );
    const [problem] = problemsOf(legacyUrl.load);
    assert.match(problem, /^\d+: kafka-platform:strimzi\.crdsUrl: ".*" is a URL without a pin/);
    const both = stackWith("  kafka-platform:strimzi: { crdsUrl: crds.yaml, crds: { path: crds } }\n");
    assert.match(problemsOf(both.load)[0], /strimzi\.crdsUrl: "crds.yaml": not allowed with crds/);
    const unknownRelease = stackWith("  kafka-platform:strimzi: { version: 9.9.9 }\n");
    assert.match(
      problemsOf(unknownRelease.load)[0],
      /strimzi\.version: .*knows no sha256 of strimzi-crds-9\.9\.9\.yaml/,
    );
  });

  it("a local chart directory must exist and carry the configured version in its Chart.yaml", () => {
    const { dir, text, source, load } = stackWith(
      "  kafka-platform:monitoring:\n    charts:\n      loki: { path: mirror/loki, version: 8.1.3 }\n      tempo: { path: mirror/tempo, version: 1.25.0 }\n  kafka-platform:strimzi:\n    crds: { path: crds }\n",
    );
    chartDir(path.join(dir, "mirror"), "loki", "8.1.2");
    assert.deepStrictEqual(
      localSourceProblems(load(), dir, source).map((p) => `${p.line}: ${p.path}: ${p.message}`),
      [
        `${lineOf(text, "loki:")}: kafka-platform:monitoring.charts.loki.path: its Chart.yaml has version "8.1.2", but version is "8.1.3"; mirror the published chart of that version (helm pull) or change version`,
        `${lineOf(text, "tempo:")}: kafka-platform:monitoring.charts.tempo.path: no Chart.yaml in "tempo": not a chart directory`,
        `${lineOf(text, "crds:")}: kafka-platform:strimzi.crds.path: no such file or directory`,
      ],
    );
    chartDir(path.join(dir, "mirror"), "loki", "8.1.3");
    chartDir(path.join(dir, "mirror"), "tempo", "1.25.0");
    mkdirSync(path.join(dir, "crds"));
    writeFileSync(path.join(dir, "crds", "040-Crd-kafka.yaml"), "kind: CustomResourceDefinition\n");
    assert.deepStrictEqual(localSourceProblems(load(), dir, source), []);
  });

  it("local paths are made absolute against the project root; a local chart directory reaches helm.v4.Chart", async () => {
    const { load } = stackWith(
      "  kafka-platform:monitoring:\n    charts:\n      loki: { path: mirror/loki, version: 8.1.3 }\n  kafka-platform:strimzi:\n    crds: { path: crds }\n",
    );
    const config = withAbsolutePaths(load(), "/srv/platform");
    assert.strictEqual(config.monitoring.charts.loki.path, "/srv/platform/mirror/loki");
    assert.strictEqual(config.strimzi.crds?.path, "/srv/platform/crds");
    assert.strictEqual(config.strimzi.chart, "oci://quay.io/strimzi-helm/strimzi-kafka-operator");

    const dir = chartDir(mkdtempSync(path.join(tmpdir(), "kp-mirror-")), "loki", "8.1.3");
    const local = (version: string) =>
      runProgram({
        stack: "dev",
        configOverrides: { monitoring: { charts: { loki: { path: dir, version } } } },
      });
    const loki = (await local("8.1.3")).resources.find(
      (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "loki",
    )!;
    assert.deepStrictEqual(
      [loki.inputs.chart, loki.inputs.version, loki.inputs.repositoryOpts],
      [dir, "8.1.3", undefined],
    );
    await assert.rejects(local("8.1.2"), (e: unknown) => {
      assert.ok(isUserError(e));
      assert.deepStrictEqual(
        (e as UserError).problems.map((p) => p.path),
        ["kafka-platform:monitoring.charts.loki.path"],
      );
      assert.match(
        (e as UserError).problems[0].message,
        /Chart\.yaml has version "8\.1\.3", but version is "8\.1\.2"/,
      );
      return true;
    });
  });

  it("the program passes mirrored sources to helm.v4.Chart without renaming any resource", async () => {
    const plain = await runProgram({ stack: "dev" });
    const mirrored = await runProgram({
      stack: "dev",
      configOverrides: {
        monitoring: { charts: { loki: { repo: "oci://registry.bank.internal/charts" } } },
        strimzi: { chart: { repo: "https://strimzi.example/charts", chart: "strimzi-kafka-operator" } },
      },
    });
    const chart = (name: string) =>
      mirrored.resources.find((r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === name)!.inputs;
    assert.strictEqual(chart("loki").chart, "oci://registry.bank.internal/charts/loki");
    assert.strictEqual(chart("loki").repositoryOpts, undefined);
    assert.deepStrictEqual(
      [
        chart("strimzi").chart,
        chart("strimzi").version,
        (chart("strimzi").repositoryOpts as { repo: string }).repo,
      ],
      ["strimzi-kafka-operator", "1.2.0", "https://strimzi.example/charts"],
    );
    assert.deepStrictEqual(
      mirrored.resources.map((r) => r.urn),
      plain.resources.map((r) => r.urn),
    );
  });

  it("a CRD manifest that fails its pin stops the program before anything is registered, located", async () => {
    const { platformProgram } = await import("../../../program");
    const prodFile = readFileSync(path.join(PROJECT_ROOT, "Pulumi.prod.yaml"), "utf8");
    await assert.rejects(
      runProgram({
        stack: "prod",
        program: () =>
          platformProgram({
            projectRoot: PROJECT_ROOT,
            resolveCrdsFile: async () => {
              throw new CrdSourceError("sha256", "the file at url has sha256 0000, not the pinned 6f30");
            },
          }),
      }),
      (e: unknown) => {
        assert.ok(isUserError(e));
        const [p] = (e as UserError).problems;
        // The default source: the located field is strimzi.version, whose release it pins.
        assert.deepStrictEqual(
          [p.file, p.line, p.path],
          ["Pulumi.prod.yaml", lineOf(prodFile, "version: 1.2.0"), "kafka-platform:strimzi.version"],
        );
        assert.match(p.message, /not the pinned/);
        return true;
      },
    );
  });
});
