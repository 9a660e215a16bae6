/**
 * Labels and annotations the program puts on Kubernetes objects. They are a contract between the
 * team component (which writes them) and the policy pack (which reads them, also in the real engine
 * where only resource inputs are visible).
 */

/** Strimzi: which Kafka cluster a KafkaTopic/KafkaUser/KafkaNodePool belongs to. */
export const STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";

const DOMAIN = "kafka-platform.io";

/** Label: the team that owns the object. */
export const TEAM_LABEL = `${DOMAIN}/team`;
/** Label: the application (KafkaUser, credentials Secret) within the team. */
export const APP_LABEL = `${DOMAIN}/application`;
/** Label: the platform environment (`dev`, `prod`). */
export const ENVIRONMENT_LABEL = `${DOMAIN}/environment`;
/** Annotation: the team's name prefix (every Kafka name it owns starts with `<prefix>.`); absent: the team name. */
export const PREFIX_ANNOTATION = `${DOMAIN}/prefix`;
/** Annotation on KafkaTopic: `allow` where the team file allows deletion; absent: `protect`. */
export const DELETION_ANNOTATION = `${DOMAIN}/deletion`;
/** Annotation on KafkaTopic: JSON array of `{team, access}` grants the owner gave to other teams; absent: none. */
export const GRANTS_ANNOTATION = `${DOMAIN}/grants`;
/** Annotation: JSON array of waivers (`{policy, resource, reason, expires}`) that apply to the object. */
export const WAIVERS_ANNOTATION = `${DOMAIN}/waivers`;
/** Annotation on KafkaUser: JSON map of rule index → the intent that produced the ACL rule. */
export const ACL_INTENTS_ANNOTATION = `${DOMAIN}/acl-intents`;
/** Annotation on KafkaTopics and KafkaUsers: the source team file (without the line: see sourceAnnotation). */
export const SOURCE_ANNOTATION = `${DOMAIN}/source`;
/** Annotation on KafkaTopic: the topic's classification from its team file (catalog); absent: unclassified. */
export const CLASSIFICATION_ANNOTATION = `${DOMAIN}/classification`;
/** Annotation on KafkaTopic: the topic's one-line description from its team file; absent: none. */
export const DESCRIPTION_ANNOTATION = `${DOMAIN}/description`;
