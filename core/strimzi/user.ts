/**
 * The KafkaUser of a team application (Strimzi v1) and the client settings its credentials Secret
 * holds, as plain data.
 */
import { compileAcls, aclIntentsAnnotation, aclRules } from "../acl/compile";
import { Quotas } from "../config/teams";
import { ACL_INTENTS_ANNOTATION, APP_LABEL, SOURCE_ANNOTATION, WAIVERS_ANNOTATION } from "../labels";
import { sourceAnnotation, Team, TeamApplication } from "../teams/model";
import { STRIMZI_API_VERSION, StrimziObject } from "./kafka-object";
import { passwordSecretName } from "./names";
import { prefixAnnotation, TeamObjectContext, teamLabels } from "./topic";

/** Key of the password in the Secret the KafkaUser reads it from. */
export const USER_PASSWORD_KEY = "password";

/** The application's quotas: its own, else its team's, else the environment's default. */
export function effectiveQuotas(app: TeamApplication, ctx: TeamObjectContext): Quotas {
  return app.quotas ?? ctx.teams.defaultQuotas;
}

export function kafkaUserObject(team: Team, app: TeamApplication, ctx: TeamObjectContext): StrimziObject {
  const compiled = compileAcls(app);
  return {
    apiVersion: STRIMZI_API_VERSION,
    kind: "KafkaUser",
    metadata: {
      name: app.principal,
      namespace: ctx.namespace,
      labels: { ...teamLabels(team, ctx), [APP_LABEL]: app.name },
      annotations: {
        ...prefixAnnotation(team),
        [ACL_INTENTS_ANNOTATION]: aclIntentsAnnotation(compiled),
        [SOURCE_ANNOTATION]: sourceAnnotation(app.source),
        ...(app.waivers.length > 0 ? { [WAIVERS_ANNOTATION]: JSON.stringify(app.waivers) } : {}),
      },
    },
    spec: {
      authentication: {
        type: "scram-sha-512",
        password: {
          valueFrom: { secretKeyRef: { name: passwordSecretName(app.principal), key: USER_PASSWORD_KEY } },
        },
      },
      authorization: { type: "simple", acls: aclRules(compiled) },
      quotas: effectiveQuotas(app, ctx),
    },
  };
}

/** Client settings of every application (the platform's only client listener: TLS + SCRAM). */
export const SASL_MECHANISM = "SCRAM-SHA-512";
export const SECURITY_PROTOCOL = "SASL_SSL";

/** The keys of the credentials Secret in the team's namespace (Kafka client property names where one exists). */
export const CREDENTIALS_KEYS = [
  "bootstrap.servers",
  "username",
  "password",
  "sasl.mechanism",
  "security.protocol",
  "sasl.jaas.config",
  "ca.crt",
] as const;

/** `sasl.jaas.config` for SCRAM (the password must not contain `"`; generated ones are alphanumeric). */
export function scramJaasConfig(username: string, password: string): string {
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
}
