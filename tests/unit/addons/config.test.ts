import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { addonNamespaces } from "../../../core/config/addons";
import { loadPlatformConfig } from "../../../core/config";
import { isUserError, UserError } from "../../../core/errors";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { PROJECT_ROOT, readStackConfig } from "../../../harness/engine";

function load(stack: "dev" | "prod", addons?: unknown) {
  const file = `Pulumi.${stack}.yaml`;
  const { config } = readStackConfig(PROJECT_ROOT, stack, addons === undefined ? {} : { addons });
  return loadPlatformConfig(config, {
    file,
    yaml: parseYamlSource(file, readFileSync(path.join(PROJECT_ROOT, file), "utf8")),
  });
}

function problems(stack: "dev" | "prod", addons: unknown): string[] {
  try {
    load(stack, addons);
  } catch (e) {
    if (isUserError(e)) return (e as UserError).problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("add-ons configuration (kafka-platform:addons)", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: the committed stack has both add-ons off, with pinned charts filled in`, () => {
      const { addons } = load(stack);
      assert.strictEqual(addons.argocd.enabled, false);
      assert.strictEqual(addons.keycloak.enabled, false);
      assert.match(addons.argocd.chart.version, /^\d+\.\d+\.\d+$/);
      assert.match(addons.keycloak.chart.version, /^\d+\.\d+\.\d+$/);
      // Reserved for the teams' namespaces even while off (a team could otherwise block enabling them).
      assert.deepStrictEqual(addonNamespaces(addons), ["argocd", "keycloak"]);
    });
  }

  it("prod defaults run two Keycloak replicas and a larger database than dev", () => {
    const dev = load("dev", { argocd: { enabled: true }, keycloak: { enabled: true } }).addons;
    const prod = load("prod", { argocd: { enabled: true }, keycloak: { enabled: true } }).addons;
    assert.deepStrictEqual([dev.keycloak.replicas, prod.keycloak.replicas], [1, 2]);
    assert.deepStrictEqual(
      [dev.keycloak.database.storageSize, prod.keycloak.database.storageSize],
      ["5Gi", "20Gi"],
    );
    assert.deepStrictEqual(addonNamespaces(prod), ["argocd", "keycloak"]);
  });

  it("refuses chart ranges, unpinned images, bad namespaces and unknown keys, each named", () => {
    const found = problems("prod", {
      argocd: { enabled: true, chart: { version: "^9.0.0" }, namespce: "argo" },
      keycloak: {
        enabled: true,
        namespace: "Keycloak",
        database: { image: "docker.io/library/postgres:latest" },
        listener: { tls: "yes" },
      },
    });
    const expect = [
      /^kafka-platform:addons\.argocd\.chart\.version: /,
      /^kafka-platform:addons\.argocd\.namespce: unknown key .*did you mean "namespace"/,
      /^kafka-platform:addons\.keycloak\.namespace: /,
      /^kafka-platform:addons\.keycloak\.database\.image: .*latest/,
      /^kafka-platform:addons\.keycloak\.listener\.tls: /,
    ];
    for (const re of expect)
      assert.ok(
        found.some((p) => re.test(p)),
        `${re} in ${JSON.stringify(found)}`,
      );
  });
});
