import { EnforcementLevel, Policies } from "@pulumi/policy";
import { Clock, systemClock } from "../lib/waivers";
import { aclTopicReferences } from "./acl-topic-references";
import { argocdApplicationNamespace } from "./argocd-application-namespace";
import { kafkaAuthorization } from "./kafka-authorization";
import { kafkaBrokerDurability } from "./kafka-broker-durability";
import { kafkaControllerQuorum } from "./kafka-controller-quorum";
import { kafkaListenerSecurity } from "./kafka-listener-security";
import { kafkaStorage } from "./kafka-storage";
import { oauthListenerTls } from "./oauth-listener-tls";
import { sharedBrokerCapacity } from "./shared-broker-capacity";
import { topicBrokerCompatibility } from "./topic-broker-compatibility";
import { userQuotaCeilings } from "./user-quota-ceilings";
import { teamCapacityBudget } from "./team-capacity-budget";
import { teamPrefixOverlap } from "./team-prefix-overlap";
import { topicCatalogMetadata } from "./topic-catalog-metadata";
import { topicDeletionProtection } from "./topic-deletion-protection";
import { topicDurability } from "./topic-durability";
import { topicNaming } from "./topic-naming";
import { topicRetention } from "./topic-retention";
import { topicSingleOwner } from "./topic-single-owner";
import { userAclLeastPrivilege } from "./user-acl-least-privilege";
import { userAuthentication } from "./user-authentication";
import { userQuotas } from "./user-quotas";

/** The pack's name, as PolicyPack and the offline runner report it. */
export const POLICY_PACK_NAME = "kafka-platform";

/** Level of policies that neither the config file nor `all` sets (the files set every one). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

/** Every policy of the pack; the clock decides whether waivers are still in force. */
export function createPolicies(clock: Clock = systemClock): Policies {
  return [
    topicNaming(clock),
    topicRetention(clock),
    topicDurability(clock),
    topicDeletionProtection(clock),
    topicBrokerCompatibility(clock),
    sharedBrokerCapacity(clock),
    userAuthentication(clock),
    userAclLeastPrivilege(clock),
    userQuotas(clock),
    userQuotaCeilings(clock),
    kafkaListenerSecurity(clock),
    kafkaAuthorization(clock),
    kafkaBrokerDurability(clock),
    kafkaStorage(clock),
    kafkaControllerQuorum(clock),
    teamPrefixOverlap(clock),
    topicSingleOwner(clock),
    aclTopicReferences(clock),
    teamCapacityBudget(clock),
    oauthListenerTls(clock),
    argocdApplicationNamespace(),
    topicCatalogMetadata(clock),
  ];
}
