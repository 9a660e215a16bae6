import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KafkaConfig } from "../core/config";
import { groupConfigJob } from "../core/strimzi/group-config-job";
import type { Team } from "../core/teams";

export interface GroupConfigsArgs {
  /** The validated team whose share groups' configs are applied. */
  team: Team;
  /** The Kafka cluster's configuration (name, namespace, admin user, Kafka version). */
  kafka: KafkaConfig;
  /** The Strimzi release, which names the Kafka image the Job runs (`kafka-configs.sh`). */
  strimziVersion: string;
  /** The Kafka resource, where it is in the same stack: the Job runs once the cluster exists. */
  kafkaResource?: pulumi.Resource;
}

/**
 * The group configs a team file declares for its share groups, applied by a Kubernetes Job that
 * runs `kafka-configs.sh --alter --entity-type groups` as the platform admin (core/strimzi/group-config-job.ts).
 * The Job's name is a hash of the desired configs: a change replaces it, so it runs again, and
 * Pulumi waits for it to complete, so a rejected config fails `pulumi up`. Pass the cluster's
 * Kubernetes provider as `opts.provider`.
 */
export class GroupConfigs extends pulumi.ComponentResource {
  /** The Job, or undefined when the team has no share group. */
  readonly job?: k8s.batch.v1.Job;

  constructor(name: string, args: GroupConfigsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:kafka:GroupConfigs", name, {}, opts);
    const job = groupConfigJob(args.team, args.kafka, args.strimziVersion);
    if (job) {
      this.job = new k8s.batch.v1.Job(`${name}-job`, job, {
        parent: this,
        dependsOn: args.kafkaResource ? [args.kafkaResource] : [],
      });
    }
    this.registerOutputs({ jobName: this.job?.metadata.name });
  }
}
