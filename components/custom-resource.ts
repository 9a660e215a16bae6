import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** A custom resource as the pure builders in core/ describe it. */
export interface CustomResourceObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: unknown;
}

/** Declares a custom resource built in core/ (Strimzi, Argo CD objects) under the given Pulumi name. */
export function customResource(
  name: string,
  object: CustomResourceObject,
  opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    name,
    { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec },
    opts,
  );
}
