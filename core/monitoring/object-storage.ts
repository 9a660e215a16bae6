/**
 * The GCS buckets, Google service accounts and Workload Identity bindings of Mimir, Loki and Tempo in
 * prod. Names are derived here, deterministically, so that the Helm values (bucket names, the
 * `iam.gke.io/gcp-service-account` annotation) and the GCP resources always agree.
 */

/** The components that keep their data in object storage. */
export type StorageComponent = "mimir" | "loki" | "tempo";

/** The buckets of each component, by purpose. */
export const BUCKET_PURPOSES: Record<StorageComponent, readonly string[]> = {
  mimir: ["blocks", "ruler", "alertmanager"],
  loki: ["chunks", "ruler", "admin"],
  tempo: ["traces"],
};

/** Everything needed to let one component's pods use its buckets. */
export interface ComponentStoragePlan {
  component: StorageComponent;
  /** Bucket name per purpose (globally unique: prefixed with the project ID). */
  buckets: Record<string, string>;
  /** The component's Google service account. */
  serviceAccount: { accountId: string; email: string };
  /** The Kubernetes service account its pods run as. */
  kubernetesServiceAccount: { namespace: string; name: string };
  /** IAM member that lets that Kubernetes service account impersonate the Google one. */
  workloadIdentityMember: string;
}

export interface StoragePlanInput {
  project: string;
  /** Workload Identity pool, `<project>.svc.id.goog`. */
  workloadIdentityPool: string;
  namespace: string;
}

export function componentStoragePlan(
  component: StorageComponent,
  input: StoragePlanInput,
): ComponentStoragePlan {
  const accountId = `monitoring-${component}`;
  const ksa = component;
  return {
    component,
    buckets: Object.fromEntries(
      BUCKET_PURPOSES[component].map((p) => [p, `${input.project}-${component}-${p}`]),
    ),
    serviceAccount: { accountId, email: `${accountId}@${input.project}.iam.gserviceaccount.com` },
    kubernetesServiceAccount: { namespace: input.namespace, name: ksa },
    workloadIdentityMember: `serviceAccount:${input.workloadIdentityPool}[${input.namespace}/${ksa}]`,
  };
}

/** The annotation that binds a Kubernetes service account to a Google one (GKE Workload Identity). */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = "iam.gke.io/gcp-service-account";

/** Helm `serviceAccount` values: a fixed name, annotated for Workload Identity when there is a plan. */
export function serviceAccountValues(name: string, plan?: ComponentStoragePlan) {
  return {
    create: true,
    name,
    annotations: plan ? { [GKE_SERVICE_ACCOUNT_ANNOTATION]: plan.serviceAccount.email } : {},
  };
}
