import * as assert from "assert";
import { addonsDefaults, KeycloakConfig } from "../../../core/config/addons";
import { keycloakValues, realmDigest } from "../../../core/addons/keycloak";
import { loadTeams } from "../../../core/teams";
import { isSecret, plain, ProgramRun, PROJECT_ROOT, redactedText } from "../../../harness/engine";
import { kubernetesObjects } from "../../../harness/kubernetes-objects";
import { assertValidStrimzi } from "../strimzi/crd-assert";
import { addonsRun, resourcesUnder } from "./support/program";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const strimziObjects = (run: ProgramRun) =>
  kubernetesObjects(run).filter((o) => o.apiVersion === "kafka.strimzi.io/v1");
const kafkaSpec = (run: ProgramRun): Any => strimziObjects(run).find((o) => o.kind === "Kafka")!.spec;
const oauthListenerOf = (run: ProgramRun): Any =>
  kafkaSpec(run).kafka.listeners.find((l: Any) => l.name === "oauth");

describe("add-on Keycloak and the OAuth listener", () => {
  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      it("off (the committed stack): no Keycloak, no OAuth listener, no OAuth principal builder", async () => {
        const run = await addonsRun(stack, {});
        assert.deepStrictEqual(resourcesUnder(run, "kafka-platform:addons:Keycloak"), []);
        assert.strictEqual(oauthListenerOf(run), undefined);
        assert.ok(!("principal.builder.class" in kafkaSpec(run).kafka.config));
        assert.ok(!kubernetesObjects(run).some((o) => o.metadata.name?.endsWith("-kafka-oauth")));
        assert.ok(!("keycloakAdminPassword" in run.outputs));
      });

      it("on: the keycloakx chart at its pinned version, its PostgreSQL and generated secrets", async () => {
        const run = await addonsRun(stack, { keycloak: true });
        const chart = run.resources.find(
          (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "keycloak",
        );
        assert.ok(chart, "keycloak chart");
        const args = plain(chart.inputs) as Any;
        const pinned = (addonsDefaults(stack).keycloak as Any).chart;
        assert.deepStrictEqual(
          [args.chart, args.version, args.repositoryOpts.repo, args.namespace],
          [pinned.chart, pinned.version, pinned.repo, "keycloak"],
        );
        assert.strictEqual(args.values.database.vendor, "postgres");
        assert.strictEqual(args.values.database.existingSecret, "keycloak-db");
        assert.match(args.values.extraEnv, /KC_HOSTNAME\n\s+value: http:\/\/keycloak-http\.keycloak\.svc/);

        const objects = kubernetesObjects(run);
        const db = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === "keycloak-db") as Any;
        assert.strictEqual(db.metadata.namespace, "keycloak");
        assert.match(db.spec.template.spec.containers[0].image, /^docker\.io\/library\/postgres:\d/);
        for (const name of ["keycloak-db", "keycloak-admin", "keycloak-realm"]) {
          const secret = run.resources.find(
            (r) => r.type === "kubernetes:core/v1:Secret" && (r.inputs as Any).metadata.name === name,
          )!;
          // Its credentials (the long values: passwords, the realm with client secrets) show nowhere in plain text.
          const data = plain((secret.inputs as Any).stringData) as Record<string, string>;
          const credentials = Object.values(data).filter((v) => v.length >= 16);
          assert.ok(credentials.length > 0, name);
          for (const value of credentials)
            assert.ok(!redactedText(run).includes(value), `${name} shows in plain text`);
        }
        assert.ok(isSecret(run.outputs.keycloakAdminPassword));
      });

      it("on: a Kafka listener with custom authentication for Strimzi OAuth, and the OAuth principal builder", async () => {
        const run = await addonsRun(stack, { keycloak: true });
        const listener = oauthListenerOf(run);
        assert.strictEqual(listener.port, 9095);
        assert.strictEqual(listener.tls, true);
        assert.strictEqual(listener.authentication.type, "custom");
        assert.strictEqual(listener.authentication.sasl, true);
        const lc = listener.authentication.listenerConfig;
        assert.strictEqual(lc["sasl.enabled.mechanisms"], "OAUTHBEARER");
        assert.strictEqual(
          lc["oauthbearer.sasl.server.callback.handler.class"],
          "io.strimzi.kafka.oauth.server.JaasServerOauthValidatorCallbackHandler",
        );
        const jaas: string = lc["oauthbearer.sasl.jaas.config"];
        assert.match(
          jaas,
          /^org\.apache\.kafka\.common\.security\.oauthbearer\.OAuthBearerLoginModule required /,
        );
        assert.match(
          jaas,
          /oauth\.valid\.issuer\.uri="http:\/\/keycloak-http\.keycloak\.svc\/realms\/kafka"/,
        );
        assert.match(
          jaas,
          /oauth\.jwks\.endpoint\.uri="http:\/\/keycloak-http\.keycloak\.svc\/realms\/kafka\/protocol\/openid-connect\/certs"/,
        );
        assert.match(jaas, /oauth\.username\.claim="kafka_principal"/);
        assert.match(jaas, /oauth\.custom\.claim\.check="@\.aud anyof \['kafka'\]"/);
        assert.match(jaas, / ;$/);
        assert.deepStrictEqual(
          listener.networkPolicyPeers,
          kafkaSpec(run).kafka.listeners.find((l: Any) => l.name === "tls").networkPolicyPeers,
        );
        assert.strictEqual(
          kafkaSpec(run).kafka.config["principal.builder.class"],
          "io.strimzi.kafka.oauth.server.OAuthKafkaPrincipalBuilder",
        );
        // SCRAM stays the default: the internal listener is unchanged.
        const tls = kafkaSpec(run).kafka.listeners.find((l: Any) => l.name === "tls");
        assert.deepStrictEqual(tls.authentication, { type: "scram-sha-512" });
      });

      it("on: every rendered Strimzi object still validates against the CRDs", async function () {
        assertValidStrimzi(this, strimziObjects(await addonsRun(stack, { keycloak: true, argocd: true })));
      });

      it("on: a client per team application whose principal claim is its KafkaUser, so the same ACLs apply", async () => {
        const run = await addonsRun(stack, { keycloak: true });
        const revealed = kubernetesObjects(run, { secrets: "reveal" });
        const realmSecret = revealed.find(
          (o) => o.kind === "Secret" && o.metadata.name === "keycloak-realm",
        ) as Any;
        const realm = JSON.parse(realmSecret.stringData["realm.json"]);
        assert.strictEqual(realm.realm, "kafka");
        const users = strimziObjects(run).filter(
          (o) => o.kind === "KafkaUser" && o.metadata.labels?.["kafka-platform.io/team"],
        );
        assert.deepStrictEqual(
          realm.clients.map((c: Any) => c.clientId).sort(),
          users.map((u) => u.metadata.name).sort(),
        );
        for (const client of realm.clients) {
          const claim = client.protocolMappers.find(
            (m: Any) => m.protocolMapper === "oidc-hardcoded-claim-mapper",
          );
          assert.strictEqual(claim.config["claim.name"], "kafka_principal");
          assert.strictEqual(claim.config["claim.value"], client.clientId);
          const audience = client.protocolMappers.find(
            (m: Any) => m.protocolMapper === "oidc-audience-mapper",
          );
          assert.strictEqual(audience.config["included.custom.audience"], "kafka");
          assert.deepStrictEqual(
            [
              client.serviceAccountsEnabled,
              client.standardFlowEnabled,
              client.directAccessGrantsEnabled,
              client.publicClient,
            ],
            [true, false, false, false],
          );
          assert.strictEqual(client.secret.length, 32, "a generated secret of 32 characters");
        }

        // The team's Secret carries the same client secret, the OAuth bootstrap and the cluster CA.
        const payments = revealed.find(
          (o) => o.kind === "Secret" && o.metadata.name === "order-service-kafka-oauth",
        ) as Any;
        assert.strictEqual(payments.metadata.namespace, "payments");
        const data = payments.stringData;
        const client = realm.clients.find((c: Any) => c.clientId === "payments-order-service");
        assert.strictEqual(data["oauth.client.id"], "payments-order-service");
        assert.strictEqual(data["oauth.client.secret"], client.secret);
        assert.strictEqual(data["bootstrap.servers"], "kafka-kafka-bootstrap.kafka.svc:9095");
        assert.strictEqual(data["security.protocol"], "SASL_SSL");
        assert.strictEqual(data["sasl.mechanism"], "OAUTHBEARER");
        assert.strictEqual(
          data["oauth.token.endpoint.uri"],
          "http://keycloak-http.keycloak.svc/realms/kafka/protocol/openid-connect/token",
        );
        assert.ok(data["sasl.jaas.config"].includes(`oauth.client.secret="${client.secret}"`));
        assert.match(data["ca.crt"], /BEGIN CERTIFICATE/);
        const recorded = run.resources.find((r) => r.name === "keycloak/payments/order-service/oauth")!;
        assert.ok(recorded, "the team's OAuth Secret is registered");
        assert.ok(!redactedText(run).includes(client.secret), "the client secret shows in plain text");
      });

      it("on: the realm Job runs after Keycloak and re-runs when the realm changes", async () => {
        const run = await addonsRun(stack, { keycloak: true });
        const job = run.resources.find(
          (r) => r.type === "kubernetes:batch/v1:Job" && r.urn.includes("kafka-platform:addons:Keycloak"),
        )!;
        const chart = run.resources.find(
          (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "keycloak",
        )!;
        assert.ok(job.dependsOn.includes(chart.urn));
        const digest = (job.inputs as Any).spec.template.metadata.annotations[
          "kafka-platform.io/realm-digest"
        ];
        const config = keycloakConfig(stack);
        const teams = loadTeams(path.join(PROJECT_ROOT, "teams")).teams;
        assert.strictEqual(digest, realmDigest(config, teams));
        const fewer = teams.map((t) => ({ ...t, applications: t.applications.slice(1) }));
        assert.notStrictEqual(realmDigest(config, fewer), digest);
      });

      it("an OAuth listener without TLS when configured so (the policy oauth-listener-tls judges it)", async () => {
        const run = await addonsRun(stack, { keycloak: true, oauthTls: false });
        assert.strictEqual(oauthListenerOf(run).tls, false);
        const secret = kubernetesObjects(run, { secrets: "reveal" }).find(
          (o) => o.metadata.name === "order-service-kafka-oauth",
        ) as Any;
        assert.strictEqual(secret.stringData["security.protocol"], "SASL_PLAINTEXT");
      });
    });
  }

  it("chart values: one replica without a PodDisruptionBudget in dev, two with one in prod", () => {
    assert.deepStrictEqual(keycloakValues(keycloakConfig("dev")).podDisruptionBudget, {});
    const prod = keycloakValues(keycloakConfig("prod"));
    assert.strictEqual(prod.replicas, 2);
    assert.deepStrictEqual(prod.podDisruptionBudget, { maxUnavailable: 1 });
  });
});

function keycloakConfig(stack: "dev" | "prod"): KeycloakConfig {
  return KeycloakConfig.parse({ ...(addonsDefaults(stack).keycloak as object), enabled: true });
}
