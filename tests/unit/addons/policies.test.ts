import * as assert from "assert";
import * as path from "path";
import { checkPolicies } from "../../../cli/commands/policy";
import { PROJECT_ROOT } from "../../../harness/engine";
import { readPackConfig } from "../../../policies/offline/config";
import { addonsRun } from "./support/program";

async function violations(stack: "dev" | "prod", on: Parameters<typeof addonsRun>[1]) {
  const configFile = path.join(PROJECT_ROOT, "policies", "config", `${stack}.json`);
  const result = await checkPolicies(await addonsRun(stack, on), {
    config: readPackConfig(configFile),
    configFile,
  });
  return result.violations;
}

describe("add-ons under the policy pack", function () {
  this.timeout(120_000);

  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: with Argo CD and Keycloak on, no mandatory violation, none from the add-on policies`, async () => {
      const found = await violations(stack, { argocd: true, keycloak: true });
      const messages = found.map((v) => `[${v.level}] ${v.policy}: ${v.message}`);
      assert.deepStrictEqual(
        messages.filter((m) => m.startsWith("[mandatory]")),
        [],
      );
      assert.deepStrictEqual(
        found.filter((v) =>
          ["oauth-listener-tls", "argocd-application-namespace", "kafka-listener-security"].includes(
            v.policy,
          ),
        ),
        [],
      );
    });
  }

  it("prod: an unencrypted OAuth listener is a mandatory violation", async () => {
    const found = await violations("prod", { keycloak: true, oauthTls: false });
    const oauth = found.filter((v) => v.policy === "oauth-listener-tls");
    assert.strictEqual(oauth.length, 1);
    assert.strictEqual(oauth[0].level, "mandatory");
    assert.match(oauth[0].message, /sends bearer tokens unencrypted/);
  });
});
