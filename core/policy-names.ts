/**
 * The policy pack's policy names (policies/rules/), for validating references to them where the
 * pack itself is not loaded (the waiver file). policies/tests/pack.test.ts keeps the list equal to
 * the pack's.
 */
export const POLICY_NAMES = [
  "topic-naming",
  "topic-retention",
  "topic-durability",
  "topic-deletion-protection",
  "topic-catalog-metadata",
  "topic-broker-compatibility",
  "shared-broker-capacity",
  "user-authentication",
  "user-acl-least-privilege",
  "user-quotas",
  "user-quota-ceilings",
  "kafka-listener-security",
  "kafka-authorization",
  "kafka-broker-durability",
  "kafka-storage",
  "kafka-controller-quorum",
  "team-prefix-overlap",
  "topic-single-owner",
  "acl-topic-references",
  "team-capacity-budget",
  "oauth-listener-tls",
  "argocd-application-namespace",
] as const;
