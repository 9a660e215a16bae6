import { strict as assert } from "assert";
import { ARGOCD_API_VERSION, teamApplication, teamAppProject } from "../../../core/addons/argocd";
import { ArgoCdConfig, addonsDefaults } from "../../../core/config/addons";
import { TEAM_LABEL } from "../../../core/labels";
import type { Team } from "../../../core/teams";
import { OfflineResource } from "../../offline/run";
import { argocdApplicationNamespace } from "../../rules/argocd-application-namespace";
import { kafka, messages, PROVIDER, user } from "../helpers";

const STACK = "urn:pulumi:prod::kafka-platform::pulumi:pulumi:Stack::kafka-platform-prod";

function k8sResource(type: string, name: string, inputs: Record<string, unknown>): OfflineResource {
  return {
    type,
    name,
    urn: `urn:pulumi:prod::kafka-platform::${type}::${name}`,
    parent: STACK,
    provider: PROVIDER,
    protect: false,
    inputs,
  };
}

const namespace = (name: string, team: string) =>
  k8sResource("kubernetes:core/v1:Namespace", name, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { [TEAM_LABEL]: team } },
  });

const argo = (object: { kind: string; metadata: { name: string } }) =>
  k8sResource(
    `kubernetes:${ARGOCD_API_VERSION}:${object.kind}`,
    `argocd/${object.metadata.name}/${object.kind}`,
    object,
  );

const config = ArgoCdConfig.parse({ ...(addonsDefaults("prod").argocd as object), enabled: true });
const team = (name: string, ns = name) =>
  ({
    name,
    namespace: ns,
    gitops: { repoURL: `https://github.com/acme/${name}.git`, path: "deploy", targetRevision: "HEAD" },
  }) as Team & { gitops: NonNullable<Team["gitops"]> };

describe("policy argocd-application-namespace", () => {
  const policies = [argocdApplicationNamespace()];
  const cluster = [kafka(), user(), namespace("payments", "payments"), namespace("fraud", "fraud")];
  const payments = team("payments");

  it("accepts the program's AppProject and Application (the team's own namespace)", async () => {
    const objects = [teamAppProject(payments, config, "prod"), teamApplication(payments, config, "prod")];
    assert.deepEqual(await messages(policies, [...cluster, ...objects.map(argo)]), []);
  });

  it("rejects an Application targeting the Kafka namespace", async () => {
    const app = teamApplication(team("payments", "kafka"), config, "prod");
    const [m, ...rest] = await messages(policies, [...cluster, argo(app)]);
    assert.deepEqual(rest, []);
    assert.match(m, /^Application "payments" of team "payments" targets the Kafka namespace "kafka"/);
  });

  it("rejects an Application and an AppProject targeting another team's namespace", async () => {
    const intruder = team("payments", "fraud");
    const found = await messages(policies, [
      ...cluster,
      argo(teamApplication(intruder, config, "prod")),
      argo(teamAppProject(intruder, config, "prod")),
    ]);
    assert.equal(found.length, 2);
    for (const m of found) assert.match(m, /targets "fraud", the namespace of team "fraud"/);
  });

  it("rejects wildcards, unknown or configured-forbidden namespaces and cluster-scoped resources", async () => {
    const project = teamAppProject(payments, config, "prod");
    const wide = {
      ...project,
      spec: {
        ...project.spec,
        destinations: [
          { server: "https://kubernetes.default.svc", namespace: "*" },
          { server: "https://kubernetes.default.svc", namespace: "scratch" },
          { server: "https://kubernetes.default.svc", namespace: "monitoring" },
        ],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    };
    const found = await messages(policies, [...cluster, argo(wide)], {
      config: { "argocd-application-namespace": { forbiddenNamespaces: ["monitoring"] } },
    });
    assert.equal(found.length, 4);
    assert.match(found[0], /targets the namespace pattern "\*"/);
    assert.match(found[1], /targets "scratch", which is no team's namespace/);
    assert.match(found[2], /targets the platform namespace "monitoring"/);
    assert.match(found[3], /allows cluster-scoped resources/);
  });
});
