import * as assert from "assert";
import { parse } from "yaml";
import {
  clientCertificateKubeconfig,
  gkeKubeconfig,
  KubeconfigError,
  selectContext,
} from "../../../core/cluster/kubeconfig";

const CA_B64 = Buffer.from("-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n").toString("base64");

describe("cluster kubeconfigs", () => {
  it("GKE: a single context that authenticates through gke-gcloud-auth-plugin", () => {
    const doc = parse(
      gkeKubeconfig({
        contextName: "gke_p_europe-west6_kafka",
        endpoint: "34.1.2.3",
        caCertificateBase64: CA_B64,
      }),
    );
    assert.strictEqual(doc["current-context"], "gke_p_europe-west6_kafka");
    assert.deepStrictEqual(doc.clusters[0].cluster, {
      server: "https://34.1.2.3",
      "certificate-authority-data": CA_B64,
    });
    const exec = doc.users[0].user.exec;
    assert.strictEqual(exec.command, "gke-gcloud-auth-plugin");
    assert.strictEqual(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
    assert.strictEqual(doc.users[0].user.token, undefined, "no long-lived token in the file");
    assert.deepStrictEqual(doc.contexts[0].context, {
      cluster: "gke_p_europe-west6_kafka",
      user: "gke_p_europe-west6_kafka",
    });
  });

  it("K3s: CA and client certificate embedded as base64 data", () => {
    const doc = parse(
      clientCertificateKubeconfig({
        contextName: "k3s",
        server: "https://34.1.2.3:6443",
        caCertPem: "CA",
        clientCertPem: "CERT",
        clientKeyPem: "KEY",
      }),
    );
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    assert.strictEqual(doc.clusters[0].cluster.server, "https://34.1.2.3:6443");
    assert.strictEqual(doc.clusters[0].cluster["certificate-authority-data"], b64("CA"));
    assert.deepStrictEqual(doc.users[0].user, {
      "client-certificate-data": b64("CERT"),
      "client-key-data": b64("KEY"),
    });
  });

  describe("selectContext (existing clusters)", () => {
    const file = `
apiVersion: v1
kind: Config
current-context: kind-kafka
clusters:
  - name: kind-kafka
    cluster: { server: "https://127.0.0.1:39255", certificate-authority-data: QUJD }
  - name: minikube
    cluster: { server: "https://192.168.49.2:8443", certificate-authority: ca.crt }
users:
  - name: kind-kafka
    user: { client-certificate-data: QUJD, client-key-data: QUJD }
  - name: minikube
    user: { client-certificate: profiles/minikube/client.crt, client-key: /abs/client.key }
contexts:
  - name: kind-kafka
    context: { cluster: kind-kafka, user: kind-kafka }
  - name: minikube
    context: { cluster: minikube, user: minikube, namespace: default }
`;

    it("defaults to the current context and keeps only its cluster and user", () => {
      const selected = selectContext(file);
      assert.strictEqual(selected.context, "kind-kafka");
      assert.strictEqual(selected.server, "https://127.0.0.1:39255");
      const doc = parse(selected.kubeconfig);
      assert.deepStrictEqual(
        [doc.clusters.map((c: { name: string }) => c.name), doc.users.map((u: { name: string }) => u.name)],
        [["kind-kafka"], ["kind-kafka"]],
      );
      assert.strictEqual(doc["current-context"], "kind-kafka");
    });

    it("picks a named context and makes relative file paths absolute against the file's directory", () => {
      const selected = selectContext(file, "minikube", "/home/me/.kube");
      const doc = parse(selected.kubeconfig);
      assert.strictEqual(doc["current-context"], "minikube");
      assert.strictEqual(doc.clusters[0].cluster["certificate-authority"], "/home/me/.kube/ca.crt");
      assert.strictEqual(
        doc.users[0].user["client-certificate"],
        "/home/me/.kube/profiles/minikube/client.crt",
      );
      assert.strictEqual(doc.users[0].user["client-key"], "/abs/client.key");
    });

    it("names the available contexts when the wanted one is missing", () => {
      assert.throws(
        () => selectContext(file, "docker-desktop"),
        (e: Error) =>
          e instanceof KubeconfigError &&
          /no context "docker-desktop"; contexts: kind-kafka, minikube/.test(e.message),
      );
    });

    it("rejects a file without a current context when none is configured", () => {
      assert.throws(
        () => selectContext("apiVersion: v1\nkind: Config\ncontexts: []\n"),
        /no current context/,
      );
      assert.throws(() => selectContext("::: not yaml"), KubeconfigError);
    });
  });
});
