import { readFileSync } from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadPlatformConfig, PlatformConfig } from "../../../core/config";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { PROJECT_ROOT, readStackConfig } from "../../../harness/engine";
import { platformMocks } from "../../../harness/mocks";
import type { PlatformCluster } from "../../../components/cluster/platform-cluster";

/** The validated configuration of a committed stack file, with `kafka-platform:*` overrides. */
export function stackConfig(stack: "dev" | "prod", overrides: Record<string, unknown> = {}): PlatformConfig {
  const file = `Pulumi.${stack}.yaml`;
  const { config } = readStackConfig(PROJECT_ROOT, stack, overrides);
  return loadPlatformConfig(config, {
    file,
    yaml: parseYamlSource(file, readFileSync(path.join(PROJECT_ROOT, file), "utf8")),
  });
}

/** A resource as the mocks saw it. */
export interface MockedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

const waitForRPCs = require("@pulumi/pulumi/runtime/settings").waitForRPCs as () => Promise<void>;

/** Runs `build` under the platform mocks and returns every resource registered and the resolved outputs. */
export async function runComponents<T>(
  build: () => T,
): Promise<{ resources: MockedResource[]; outputs: pulumi.Unwrap<T> }> {
  const resources: MockedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        return platformMocks.newResource(args);
      },
      call: (args) => platformMocks.call(args),
    },
    "kafka-platform",
    "test",
    false,
  );
  const built = build();
  const outputs = await new Promise<pulumi.Unwrap<T>>((resolve) =>
    pulumi.output(built).apply((v) => resolve(v as pulumi.Unwrap<T>)),
  );
  await waitForRPCs();
  return { resources, outputs };
}

/** A PlatformCluster with fake values, standing in for the cluster layer. */
export function fakeCluster(kind: "dedicated" | "plain"): PlatformCluster {
  const dedicated = kind === "dedicated";
  return {
    provider: new k8s.Provider("test", { kubeconfig: "apiVersion: v1\nkind: Config\n" }),
    providerSettings: { name: "test", clusterIdentifier: "test-cluster" },
    name: pulumi.output("test-cluster"),
    endpoint: pulumi.output("https://203.0.113.10"),
    kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n"),
    kafkaStorageClass: dedicated ? "premium-rwo" : undefined,
    zones: dedicated ? ["europe-west6-a", "europe-west6-b", "europe-west6-c"] : [],
    kafkaNodeSelector: dedicated ? { "kafka-platform.io/node-pool": "kafka" } : {},
    kafkaTolerations: dedicated
      ? [{ key: "dedicated", operator: "Equal", value: "kafka", effect: "NoSchedule" }]
      : [],
  };
}
