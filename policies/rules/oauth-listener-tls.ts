import { ResourceValidationPolicy } from "@pulumi/policy";
import { isStrimziOAuthListener, OAUTH_PRINCIPAL_BUILDER } from "../../core/strimzi/oauth-listener";
import { environments } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { Clock, systemClock } from "../lib/waivers";

/**
 * Bearer tokens are credentials: whoever reads one off the wire is that client until it expires.
 * A listener authenticating with the Strimzi OAuth library must therefore be encrypted where the
 * environment requires it, and the brokers must build OAuth principals with the library's builder.
 */
export function oauthListenerTls(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"Kafka", { tlsRequiredIn: Environment[] }>(
    {
      name: "oauth-listener-tls",
      description:
        "A Kafka listener that accepts OAuth bearer tokens uses TLS where the environment requires it, with the OAuth principal builder.",
      severity: "critical",
      remediationSteps:
        "Set `tls: true` on the OAuth listener (kafka-platform:addons.keycloak.listener.tls) and principal.builder.class to io.strimzi.kafka.oauth.server.OAuthKafkaPrincipalBuilder.",
      configSchema: {
        properties: {
          tlsRequiredIn: environments(["prod"], "Environments in which OAuth listeners must use TLS."),
        },
      },
      kind: "Kafka",
      validate(kafka, { config, environment, report }) {
        const oauth = (kafka.spec?.kafka?.listeners ?? []).filter(isStrimziOAuthListener);
        for (const listener of oauth) {
          const where = `Kafka "${kafka.metadata?.name}" OAuth listener "${listener.name}" (port ${listener.port})`;
          if (config.tlsRequiredIn.includes(environment) && listener.tls !== true) {
            report(`${where} sends bearer tokens unencrypted; set tls: true (required in ${environment})`);
          }
        }
        const builder = kafka.spec?.kafka?.config?.["principal.builder.class"];
        if (oauth.length > 0 && builder !== OAUTH_PRINCIPAL_BUILDER) {
          report(
            `Kafka "${kafka.metadata?.name}" has an OAuth listener but principal.builder.class is ${builder === undefined ? "unset" : `"${builder}"`}; set ${OAUTH_PRINCIPAL_BUILDER}`,
          );
        }
      },
    },
    clock,
  );
}
