// The CrossGuard policy pack: `pulumi preview --policy-pack policies --policy-pack-config policies/config/<stack>.json`.
// Policies live in rules/ (one per file); the offline runner (offline/) uses the same objects.
import { PolicyPack } from "@pulumi/policy";
import { createPolicies, PACK_ENFORCEMENT_LEVEL, POLICY_PACK_NAME } from "./rules";

new PolicyPack(POLICY_PACK_NAME, { enforcementLevel: PACK_ENFORCEMENT_LEVEL, policies: createPolicies() });
