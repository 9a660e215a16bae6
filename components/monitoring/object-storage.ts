import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ComponentStoragePlan } from "../../core/monitoring/object-storage";

export interface ObjectStorageArgs {
  /** Buckets, service accounts and the Workload Identity member, from `componentStoragePlan`. */
  plan: ComponentStoragePlan;
  /** GCP project of the buckets and the service account. */
  project: string;
  /** Bucket location (the cluster's region). */
  location: string;
}

/**
 * The GCS buckets of one component (Mimir, Loki or Tempo), a Google service account with object admin
 * rights on exactly those buckets, and the Workload Identity binding that lets the component's
 * Kubernetes service account act as it.
 */
export class ObjectStorage extends pulumi.ComponentResource {
  readonly buckets: Record<string, gcp.storage.Bucket>;
  readonly serviceAccount: gcp.serviceaccount.Account;

  constructor(name: string, args: ObjectStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:ObjectStorage", name, {}, opts);
    const { plan, project } = args;
    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-sa`,
      {
        project,
        accountId: plan.serviceAccount.accountId,
        displayName: `${plan.component} (monitoring, Workload Identity)`,
      },
      { parent: this },
    );
    const workloadIdentity = new gcp.serviceaccount.IAMMember(
      `${name}-workload-identity`,
      {
        serviceAccountId: this.serviceAccount.name,
        role: "roles/iam.workloadIdentityUser",
        member: plan.workloadIdentityMember,
      },
      { parent: this },
    );
    this.buckets = {};
    for (const [purpose, bucketName] of Object.entries(plan.buckets)) {
      const bucket = new gcp.storage.Bucket(
        `${name}-${purpose}`,
        {
          project,
          name: bucketName,
          location: args.location,
          uniformBucketLevelAccess: true,
          publicAccessPrevention: "enforced",
          // Monitoring data: deleting the stack must not silently delete it.
          forceDestroy: false,
        },
        { parent: this },
      );
      new gcp.storage.BucketIAMMember(
        `${name}-${purpose}-object-admin`,
        { bucket: bucket.name, role: "roles/storage.objectAdmin", member: this.serviceAccount.member },
        { parent: this },
      );
      this.buckets[purpose] = bucket;
    }
    this.registerOutputs({
      serviceAccountEmail: this.serviceAccount.email,
      workloadIdentity: workloadIdentity.id,
      buckets: Object.fromEntries(Object.entries(this.buckets).map(([p, b]) => [p, b.name])),
    });
  }
}
