import * as assert from "assert";
import { plain } from "../../../harness/engine";
import { kubernetesObjects, KubernetesObject } from "../../../harness/kubernetes-objects";
import { addonsDefaults } from "../../../core/config/addons";
import { isUserError } from "../../../core/errors";
import { runProgram } from "../../../harness/engine";
import { addonsOverride, addonsRun, GITOPS, resourcesUnder, teamsWithGitOps } from "./support/program";

const ARGO = "argoproj.io/v1alpha1";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const argoObjects = (objects: KubernetesObject[], kind: string) =>
  objects.filter((o) => o.apiVersion === ARGO && o.kind === kind) as Any[];

describe("add-on Argo CD", () => {
  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      it("off (the committed stack): nothing of Argo CD is rendered", async () => {
        const run = await addonsRun(stack, {});
        assert.deepStrictEqual(resourcesUnder(run, "kafka-platform:addons:ArgoCd"), []);
        assert.ok(!run.resources.some((r) => r.type.includes("argoproj.io") || r.name === "argocd"));
      });

      it("on: the argo-cd chart at its pinned version in its own namespace", async () => {
        const run = await addonsRun(stack, { argocd: true });
        const chart = run.resources.find(
          (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "argocd",
        );
        assert.ok(chart, "argocd chart");
        const args = plain(chart.inputs) as Any;
        const pinned = (addonsDefaults(stack).argocd as Any).chart;
        assert.deepStrictEqual(
          [args.chart, args.version, args.repositoryOpts.repo, args.namespace],
          [pinned.chart, pinned.version, pinned.repo, "argocd"],
        );
        assert.strictEqual(args.values.crds.install, true);
        const ns = kubernetesObjects(run).find((o) => o.kind === "Namespace" && o.metadata.name === "argocd");
        assert.ok(ns, "argocd namespace");
      });

      it("on: one AppProject per team with gitops, bound to its repository and namespace, nothing cluster-wide", async () => {
        const objects = kubernetesObjects(await addonsRun(stack, { argocd: true }));
        const projects = argoObjects(objects, "AppProject");
        assert.deepStrictEqual(projects.map((p) => p.metadata.name).sort(), Object.keys(GITOPS).sort());
        for (const project of projects) {
          const team = project.metadata.name as keyof typeof GITOPS;
          assert.strictEqual(project.metadata.namespace, "argocd");
          assert.strictEqual(project.metadata.labels["kafka-platform.io/team"], team);
          assert.strictEqual(project.metadata.labels["kafka-platform.io/environment"], stack);
          assert.deepStrictEqual(project.spec.sourceRepos, [GITOPS[team].repoURL]);
          assert.deepStrictEqual(project.spec.destinations, [
            { server: "https://kubernetes.default.svc", namespace: team },
          ]);
          assert.deepStrictEqual(project.spec.clusterResourceWhitelist, []);
          assert.ok(project.spec.namespaceResourceBlacklist.some((k: Any) => k.kind === "ResourceQuota"));
        }
      });

      it("on: one Application per team with gitops, syncing its path into the namespace of its credentials", async () => {
        const objects = kubernetesObjects(await addonsRun(stack, { argocd: true }));
        const apps = argoObjects(objects, "Application");
        assert.deepStrictEqual(apps.map((a) => a.metadata.name).sort(), ["fraud", "payments"]);
        const fraud = apps.find((a) => a.metadata.name === "fraud");
        assert.deepStrictEqual(fraud.spec.source, {
          repoURL: GITOPS.fraud.repoURL,
          path: "deploy",
          targetRevision: "v1.4.0",
        });
        const payments = apps.find((a) => a.metadata.name === "payments");
        assert.strictEqual(payments.spec.source.targetRevision, "HEAD");
        for (const app of apps) {
          assert.strictEqual(app.spec.project, app.metadata.name);
          assert.strictEqual(app.spec.syncPolicy.automated.prune, true);
          assert.ok(app.spec.syncPolicy.syncOptions.includes("CreateNamespace=false"));
          // The destination is where KafkaTeam put the application credentials Secrets.
          const credentials = objects.filter(
            (o) =>
              o.kind === "Secret" &&
              o.metadata.labels?.["kafka-platform.io/team"] === app.metadata.name &&
              o.metadata.name?.endsWith("-kafka-credentials"),
          );
          assert.ok(credentials.length > 0);
          for (const s of credentials)
            assert.strictEqual(s.metadata.namespace, app.spec.destination.namespace);
        }
      });

      it("on: projects and applications wait for the chart (CRDs) and the team namespaces", async () => {
        const run = await addonsRun(stack, { argocd: true });
        const chart = run.resources.find(
          (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "argocd",
        )!;
        const namespace = run.resources.find(
          (r) => r.type === "kubernetes:core/v1:Namespace" && r.name === "payments",
        )!;
        const app = run.resources.find((r) => r.name === "argocd/payments/application")!;
        const project = run.resources.find((r) => r.name === "argocd/payments/project")!;
        for (const dep of [chart.urn, namespace.urn, project.urn])
          assert.ok(app.dependsOn.includes(dep), dep);
        assert.ok(project.dependsOn.includes(chart.urn));
        assert.strictEqual(app.provider, chart.provider);
      });
    });
  }

  it("a team may not use the Argo CD namespace", async () => {
    const dir = teamsWithGitOps();
    const { writeFileSync, readFileSync } = await import("fs");
    const file = `${dir}/payments.yaml`;
    writeFileSync(file, `${readFileSync(file, "utf8")}\nnamespace: argocd\n`);
    const run = runProgram({
      stack: "dev",
      teamsDir: dir,
      configOverrides: addonsOverride({ argocd: true }),
    });
    await assert.rejects(run, (e: unknown) => isUserError(e) && /argocd/.test(String((e as Error).message)));
  });
});
