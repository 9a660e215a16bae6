import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  KEYCLOAK_OBJECTS,
  KEYCLOAK_RELEASE,
  keycloakRealm,
  keycloakUrls,
  keycloakValues,
  oauthApplications,
  oauthCredentialsSecretName,
  realmDigest,
  DATABASE,
} from "../../core/addons/keycloak";
import {
  databaseServiceSpec,
  databaseStatefulSetSpec,
  REALM_FILE_KEY,
  realmJobSpec,
} from "../../core/addons/keycloak-objects";
import type { Environment } from "../../core/config";
import type { KeycloakConfig } from "../../core/config/addons";
import { APP_LABEL, ENVIRONMENT_LABEL, TEAM_LABEL } from "../../core/labels";
import { oauthBootstrapAddress, oauthClientConfig } from "../../core/strimzi/oauth-listener";
import type { Team } from "../../core/teams";
import type { KafkaCluster } from "../kafka-cluster";
import { pinnedChart } from "../monitoring/pinned-chart";
import { generatedPassword } from "../generated-password";

export interface KeycloakArgs {
  /** The `kafka-platform:addons.keycloak` configuration. */
  config: KeycloakConfig;
  /** The platform environment (`dev`, `prod`), labelled on the team Secrets. */
  environment: Environment;
  /** All teams: every application gets a client and an OAuth credentials Secret. */
  teams: readonly Team[];
  /** Namespace resource per team name (KafkaTeam), where the OAuth credentials Secrets go. */
  teamNamespaces: Record<string, k8s.core.v1.Namespace>;
  /** The Kafka cluster with the OAuth listener: its name, namespace and CA certificate. */
  kafka: Pick<KafkaCluster, "clusterName" | "namespace" | "clusterCaCertPem">;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/**
 * Keycloak (keycloakx chart) with its PostgreSQL database, the realm with one client per team
 * application (applied by a keycloak-config-cli Job), and per application a Secret in the team's
 * namespace with the settings for the Kafka OAuth listener. Passwords and client secrets are
 * generated and stay Pulumi secrets.
 */
export class Keycloak extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;
  /** Password of the bootstrap admin `admin` (secret). */
  readonly adminPassword: pulumi.Output<string>;
  /** The token endpoint clients use. */
  readonly tokenEndpoint: string;
  /** Client secret per principal (`<team>-<app>`), as Pulumi secrets. */
  readonly clientSecrets: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: KeycloakArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:addons:Keycloak", name, {}, opts);
    const { config, provider } = args;
    const k8sOpts = { parent: this, provider };
    const password = (id: string) => generatedPassword(id, this);

    const namespace = new k8s.core.v1.Namespace(name, { metadata: { name: config.namespace } }, k8sOpts);
    const ns = namespace.metadata.name;
    const secret = (id: string, secretName: string, stringData: Record<string, pulumi.Input<string>>) =>
      new k8s.core.v1.Secret(
        id,
        { metadata: { name: secretName, namespace: ns }, type: "Opaque", stringData },
        k8sOpts,
      );

    // Database.
    const dbSecret = secret(`${name}-db`, KEYCLOAK_OBJECTS.database, {
      [DATABASE.passwordKey]: password(`${name}-db-password`),
    });
    const dbService = new k8s.core.v1.Service(
      `${name}-db`,
      { metadata: { name: KEYCLOAK_OBJECTS.database, namespace: ns }, spec: databaseServiceSpec() },
      k8sOpts,
    );
    const db = new k8s.apps.v1.StatefulSet(
      `${name}-db`,
      { metadata: { name: KEYCLOAK_OBJECTS.database, namespace: ns }, spec: databaseStatefulSetSpec(config) },
      { ...k8sOpts, dependsOn: [dbSecret, dbService] },
    );

    // Keycloak.
    this.adminPassword = password(`${name}-admin-password`);
    const adminSecret = secret(`${name}-admin`, KEYCLOAK_OBJECTS.adminSecret, {
      username: "admin",
      password: this.adminPassword,
    });
    this.chart = pinnedChart(KEYCLOAK_RELEASE, config.chart, ns, keycloakValues(config), {
      ...k8sOpts,
      dependsOn: [db, adminSecret],
    });

    // The realm: a client per team application, applied by a Job whenever the realm changes.
    const applications = oauthApplications(args.teams);
    for (const { app } of applications)
      this.clientSecrets[app.principal] = password(`${name}/${app.principal}`);
    const realmText = pulumi
      .all(this.clientSecrets)
      .apply((secrets) => JSON.stringify(keycloakRealm(config, args.teams, secrets), null, 2));
    const realmSecret = secret(`${name}-realm`, KEYCLOAK_OBJECTS.realmSecret, {
      [REALM_FILE_KEY]: pulumi.secret(realmText),
    });
    new k8s.batch.v1.Job(
      `${name}-realm`,
      {
        metadata: { name: KEYCLOAK_OBJECTS.realmJob, namespace: ns },
        spec: realmJobSpec(config, realmDigest(config, args.teams)),
      },
      { ...k8sOpts, dependsOn: [this.chart, realmSecret, adminSecret], deleteBeforeReplace: true },
    );

    // Per application: its OAuth client settings in its team's namespace.
    this.tokenEndpoint = keycloakUrls(config).token;
    const bootstrap = oauthBootstrapAddress(args.kafka.clusterName, args.kafka.namespace);
    for (const { team, app } of applications) {
      const teamNamespace = args.teamNamespaces[team.name];
      if (!teamNamespace) throw new Error(`no namespace for team ${team.name}`);
      const client = this.clientSecrets[app.principal].apply((clientSecret) =>
        oauthClientConfig({
          bootstrapServers: bootstrap,
          tls: config.listener.tls,
          clientId: app.principal,
          clientSecret,
          tokenEndpointUri: this.tokenEndpoint,
        }),
      );
      new k8s.core.v1.Secret(
        `${name}/${team.name}/${app.name}/oauth`,
        {
          metadata: {
            name: oauthCredentialsSecretName(app.name),
            namespace: teamNamespace.metadata.name,
            labels: { [TEAM_LABEL]: team.name, [APP_LABEL]: app.name, [ENVIRONMENT_LABEL]: args.environment },
          },
          type: "Opaque",
          stringData: pulumi.all([pulumi.secret(client), args.kafka.clusterCaCertPem]).apply(([c, ca]) => ({
            ...c,
            "ca.crt": ca,
          })),
        },
        k8sOpts,
      );
    }
    this.registerOutputs({ adminPassword: this.adminPassword, tokenEndpoint: this.tokenEndpoint });
  }
}
