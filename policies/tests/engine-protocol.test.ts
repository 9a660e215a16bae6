/**
 * Loads the pack the way the Pulumi CLI does (`run-policy-pack` from `policies/`, ts-node with
 * type checking and policies/tsconfig.json) and speaks the analyzer gRPC protocol to it as the
 * engine would: pack metadata, config from config/prod.json, stack tags, and `analyze` calls.
 */
import { strict as assert } from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { ENVIRONMENT_TAG } from "../lib/environment";
import { readPackConfig, resolvePackConfig } from "../offline/config";
import { OfflineResource } from "../offline/run";
import { createPolicies } from "../rules";
import { topic } from "./helpers";

const PACK_DIR = path.join(__dirname, "..");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
const LEVELS: Record<string, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};

function call<Req, Res>(client: AnalyzerClient, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (
      client as unknown as Record<string, (r: Req, cb: (e: Error | null, res: Res) => void) => void>
    )[method];
    fn.call(client, request, (e, res) => (e ? reject(e) : resolve(res)));
  });
}

function analyzeRequest(r: OfflineResource): analyzer.AnalyzeRequest {
  const options = new analyzer.AnalyzerResourceOptions();
  options.setProtect(r.protect);
  const request = new analyzer.AnalyzeRequest();
  request.setType(r.type);
  request.setName(r.name);
  request.setUrn(r.urn);
  request.setProperties(Struct.fromJavaScript(r.inputs as never));
  request.setOptions(options);
  return request;
}

describe("policy pack under the Pulumi policy runtime (analyzer gRPC)", function () {
  this.timeout(120_000);
  let pack: ChildProcess | undefined;
  let client: AnalyzerClient;

  before(async () => {
    pack = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", "."], { cwd: PACK_DIR });
    let stderr = "";
    pack.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      pack!.stdout!.on("data", (d) => {
        stdout += d;
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match) resolve(match[1]);
      });
      pack!.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}${stdout}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    pack?.kill();
  });

  it("serves every policy with its description, severity and config schema", async () => {
    const info = await call<Empty, analyzer.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
    assert.equal(info.getName(), "kafka-platform");
    assert.equal(info.getVersion(), require("../package.json").version);
    const served = info.getPoliciesList().map((p) => p.getName());
    assert.deepEqual(
      served,
      createPolicies().map((p) => p.name),
    );
    const retention = info.getPoliciesList().find((p) => p.getName() === "topic-retention")!;
    assert.match(retention.getDescription(), /retention\.ms/);
    assert.ok(retention.getConfigschema()?.getProperties()?.toJavaScript().maxRetentionMs);
  });

  it("reports prod violations at the configured level, and waived ones as advisory", async () => {
    const policies = createPolicies();
    const resolved = resolvePackConfig(policies, readPackConfig(path.join(PACK_DIR, "config", "prod.json")));
    const configure = new analyzer.ConfigureAnalyzerRequest();
    for (const [name, settings] of resolved) {
      const config = new analyzer.PolicyConfig();
      config.setEnforcementlevel(LEVELS[settings.enforcementLevel]);
      config.setProperties(Struct.fromJavaScript(settings.properties as never));
      configure.getPolicyconfigMap().set(name, config);
    }
    await call(client, "configure", configure);
    const stack = new analyzer.AnalyzerStackConfigureRequest();
    stack.setStack("prod");
    stack.getTagsMap().set(ENVIRONMENT_TAG, "prod");
    await call(client, "configureStack", stack);

    const tooLong = topic(undefined, { config: { "retention.ms": 31 * 86_400_000 } });
    const response = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      client,
      "analyze",
      analyzeRequest(tooLong),
    );
    const diagnostics = response
      .getDiagnosticsList()
      .map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage()]);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0][0], "topic-retention");
    assert.equal(diagnostics[0][1], analyzer.EnforcementLevel.MANDATORY);
    assert.match(String(diagnostics[0][2]), /31d .* more than the prod maximum of 30d/);

    const waived = topic(undefined, {
      config: { "retention.ms": 31 * 86_400_000 },
      waivers: [
        {
          policy: "topic-retention",
          resource: "payments.orders.v1",
          reason: "migration",
          expires: "2999-12-31",
        },
      ],
    });
    const waivedResponse = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      client,
      "analyze",
      analyzeRequest(waived),
    );
    const [d] = waivedResponse.getDiagnosticsList();
    assert.equal(d.getEnforcementlevel(), analyzer.EnforcementLevel.ADVISORY);
    assert.match(d.getMessage(), /waived until 2999-12-31: migration/);

    const compliant = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
      client,
      "analyze",
      analyzeRequest(topic()),
    );
    assert.deepEqual(compliant.getDiagnosticsList(), []);
  });
});
