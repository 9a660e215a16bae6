import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../../../harness/engine";

/** A kubeconfig like kind writes, with a second context. */
export const KIND_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: kind-kafka
clusters:
  - name: kind-kafka
    cluster: { server: "https://127.0.0.1:39255", certificate-authority-data: QUJD }
  - name: other
    cluster: { server: "https://10.0.0.1:6443" }
users:
  - name: kind-kafka
    user: { client-certificate-data: QUJD, client-key-data: QUJD }
  - name: other
    user: { token: other-token }
contexts:
  - name: kind-kafka
    context: { cluster: kind-kafka, user: kind-kafka }
  - name: other
    context: { cluster: other, user: other }
`;

/** Writes {@link KIND_KUBECONFIG} into a fresh directory; returns the file's path. */
export function writeKubeconfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-kubeconfig-"));
  const file = path.join(dir, "config");
  writeFileSync(file, KIND_KUBECONFIG);
  return file;
}

/** `cluster` config override for existing mode. */
export function existingCluster(kubeconfig: string, extra: Record<string, unknown> = {}) {
  return { cluster: { mode: "existing", existing: { kubeconfig, ...extra } } };
}

/**
 * Runs the program and also captures the stack's outputs as registered with the engine (the
 * harness' `outputs` are resolved values and lose their secret marking).
 */
export async function runCapturingOutputs(
  options: RunOptions,
): Promise<ProgramRun & { registeredOutputs: Record<string, unknown> }> {
  const proto = MockMonitor.prototype as unknown as {
    registerResourceOutputs: (req: { getUrn(): string; getOutputs(): unknown }, cb: unknown) => void;
  };
  const original = proto.registerResourceOutputs;
  let registeredOutputs: Record<string, unknown> = {};
  proto.registerResourceOutputs = function (req, cb) {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::"))
      registeredOutputs = rpc.deserializeProperties(req.getOutputs() as never);
    return original.call(this, req, cb);
  };
  try {
    const run = await runProgram(options);
    return { ...run, registeredOutputs };
  } finally {
    proto.registerResourceOutputs = original;
  }
}

/** The only resource of a type (fails loudly when there is not exactly one). */
export function single(run: ProgramRun, type: string): RecordedResource {
  const found = run.resources.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

export function named(run: ProgramRun, type: string, name: string): RecordedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${run.resources.filter((r) => r.type === type).map((r) => r.name)}`,
    );
  return found;
}

/** The run reduced to the cluster component and its descendants (other layers add resources too). */
export function clusterPart<T extends ProgramRun>(run: T): T {
  const inCluster = (r: RecordedResource) => /[:$]kafka-platform:cluster:[A-Za-z0-9]+([$]|::)/.test(r.urn);
  return { ...run, resources: run.resources.filter(inCluster) };
}

/** Runs `fn` while recording the type of every resource registered with the mock engine. */
export async function recordingRegistrations<T>(
  fn: () => Promise<T>,
): Promise<{ types: string[]; result: Promise<T> }> {
  const proto = MockMonitor.prototype as unknown as {
    registerResource: (req: { getType(): string }, cb: unknown) => Promise<void>;
  };
  const original = proto.registerResource;
  const types: string[] = [];
  proto.registerResource = function (req, cb) {
    types.push(req.getType());
    return original.call(this, req, cb);
  };
  try {
    const value = await fn().then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    return { types, result: value.ok ? Promise.resolve(value.v) : Promise.reject(value.e) };
  } finally {
    proto.registerResource = original;
  }
}
