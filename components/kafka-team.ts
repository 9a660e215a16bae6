import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Environment, TeamsConfig } from "../core/config";
import { APP_LABEL, ENVIRONMENT_LABEL, TEAM_LABEL } from "../core/labels";
import { credentialsSecretName, passwordSecretName } from "../core/strimzi/names";
import { kafkaTopicObject, TeamObjectContext } from "../core/strimzi/topic";
import {
  CREDENTIALS_KEYS,
  kafkaUserObject,
  SASL_MECHANISM,
  scramJaasConfig,
  SECURITY_PROTOCOL,
  USER_PASSWORD_KEY,
} from "../core/strimzi/user";
import type { Team } from "../core/teams";
import type { KafkaCluster } from "./kafka-cluster";
import { customResource } from "./custom-resource";
import { generatedPassword } from "./generated-password";

/**
 * What a team needs of the Kafka cluster: the `KafkaCluster` component, or in a team stack the
 * platform stack's outputs (no `resource`: the platform stack is deployed first).
 */
export type KafkaClusterRef = Pick<
  KafkaCluster,
  "clusterName" | "namespace" | "bootstrapServers" | "clusterCaCertPem"
> & {
  /** The Kafka resource, where it is in the same stack: topics and users go after it (and before it on destroy). */
  resource?: pulumi.Resource;
};

export interface KafkaTeamArgs {
  /** The validated team, from `loadTeams` (core/teams). */
  team: Team;
  /** The Kafka cluster the team's topics and users belong to; they depend on its `resource`. */
  kafka: KafkaClusterRef;
  /** The platform environment (`dev`, `prod`). */
  environment: Environment;
  /** The `kafka-platform:teams` configuration: topic defaults, default quotas, `protectTopics`. */
  config: TeamsConfig;
  /** Label (`<label>=true`) that lets pods of a namespace reach Kafka's internal listener. */
  clientNamespaceLabel: string;
}

/**
 * One team: its namespace, a KafkaTopic per topic and, per application, a KafkaUser
 * (SCRAM-SHA-512, compiled ACLs, quotas) with a generated password and a credentials Secret in
 * the team's namespace. Pass the cluster's Kubernetes provider as `opts.provider`.
 *
 * Data safety: Pulumi names derive only from the team and topic/application names
 * (`<team>/<topic>`, `<team>/<app>`), so refactoring the program never replaces (deletes) a
 * topic. Renaming a topic or moving it to another team is a delete and create; do it with an alias.
 */
export class KafkaTeam extends pulumi.ComponentResource {
  /** The team's name (from its team file). */
  readonly teamName: string;
  /** The team's namespace (credentials Secrets). */
  readonly namespace: k8s.core.v1.Namespace;
  /** KafkaTopic per Kafka topic name. */
  readonly topics: Record<string, k8s.apiextensions.CustomResource> = {};
  /** KafkaUser per application name. */
  readonly users: Record<string, k8s.apiextensions.CustomResource> = {};
  /** Generated password per application name (Pulumi secrets). */
  readonly passwords: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: KafkaTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:teams:KafkaTeam", name, {}, opts);
    const { team, kafka, environment, config } = args;
    this.teamName = team.name;
    const ctx: TeamObjectContext = {
      environment,
      clusterName: kafka.clusterName,
      namespace: kafka.namespace,
      teams: config,
    };
    const labels = { [TEAM_LABEL]: team.name, [ENVIRONMENT_LABEL]: environment };

    this.namespace = new k8s.core.v1.Namespace(
      team.name,
      { metadata: { name: team.namespace, labels: { ...labels, [args.clientNamespaceLabel]: "true" } } },
      { parent: this },
    );

    // Topics and users go after the Kafka resource: a destroy removes them while the operators run.
    const afterKafka = { parent: this, dependsOn: kafka.resource ? [kafka.resource] : [] };
    const protect = config.protectTopics || environment === "prod";
    for (const topic of team.topics) {
      this.topics[topic.name] = customResource(
        `${team.name}/${topic.name}`,
        kafkaTopicObject(team, topic, ctx),
        {
          ...afterKafka,
          protect: protect && topic.deletion === "protect",
        },
      );
    }

    for (const app of team.applications) {
      const appLabels = { ...labels, [APP_LABEL]: app.name };
      const secretPassword = generatedPassword(`${team.name}/${app.name}`, this);
      this.passwords[app.name] = secretPassword;
      const passwordSecret = new k8s.core.v1.Secret(
        `${team.name}/${app.name}/password`,
        {
          metadata: {
            name: passwordSecretName(app.principal),
            namespace: kafka.namespace,
            labels: appLabels,
          },
          type: "Opaque",
          stringData: { [USER_PASSWORD_KEY]: secretPassword },
        },
        afterKafka,
      );
      this.users[app.name] = customResource(`${team.name}/${app.name}`, kafkaUserObject(team, app, ctx), {
        ...afterKafka,
        dependsOn: [...afterKafka.dependsOn, passwordSecret],
      });

      // Only the password and the JAAS config (which contains it) are secret; the rest is plain.
      const stringData: Record<(typeof CREDENTIALS_KEYS)[number], pulumi.Input<string>> = {
        "bootstrap.servers": kafka.bootstrapServers,
        username: app.principal,
        password: secretPassword,
        "sasl.mechanism": SASL_MECHANISM,
        "security.protocol": SECURITY_PROTOCOL,
        "sasl.jaas.config": pulumi.secret(secretPassword.apply((pw) => scramJaasConfig(app.principal, pw))),
        "ca.crt": kafka.clusterCaCertPem,
      };
      new k8s.core.v1.Secret(
        `${team.name}/${app.name}/credentials`,
        {
          metadata: {
            name: credentialsSecretName(app.name),
            namespace: this.namespace.metadata.name,
            labels: appLabels,
          },
          type: "Opaque",
          stringData,
        },
        { parent: this },
      );
    }

    this.registerOutputs({
      namespace: this.namespace.metadata.name,
      topics: Object.keys(this.topics),
      users: team.applications.map((a) => a.principal),
    });
  }
}
