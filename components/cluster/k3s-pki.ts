import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import {
  adminCertEarlyRenewalHours,
  K3S_ADMIN_SUBJECT,
  K3S_CA_VALIDITY_HOURS,
  K3S_CAS,
  K3S_SERVICE_KEY,
  pkiBundle,
} from "../../core/cluster/k3s";

/** The K3s cluster's PKI, generated before any VM exists. */
export interface K3sPki {
  /** Every CA file K3s reads on first start, as one {@link pkiBundle} (secret). */
  bundle: pulumi.Output<string>;
  /** The server CA: trust anchor of the kubeconfig and of the agents' secure token. */
  serverCaPem: pulumi.Output<string>;
  /** The admin client certificate (`system:masters`) and its key (secret). */
  adminCertPem: pulumi.Output<string>;
  adminKeyPem: pulumi.Output<string>;
}

/**
 * The five CAs and the service-account key K3s would otherwise generate itself, and an admin
 * client certificate signed by the client CA. Resources are named `<name>-…`, children of `parent`.
 */
export function k3sPki(
  name: string,
  args: { clusterName: string; adminCertValidityHours: number },
  parent: pulumi.Resource,
): K3sPki {
  const opts = { parent };
  const caKeys = new Map<string, tls.PrivateKey>();
  const caCerts = new Map<string, tls.SelfSignedCert>();
  for (const ca of K3S_CAS) {
    const resourceName = `${name}-${ca.replace("/", "-")}`;
    const key = new tls.PrivateKey(resourceName, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
    caKeys.set(ca, key);
    caCerts.set(
      ca,
      new tls.SelfSignedCert(
        resourceName,
        {
          privateKeyPem: key.privateKeyPem,
          subject: { commonName: `k3s-${ca.replace("/", "-")}@${args.clusterName}` },
          isCaCertificate: true,
          validityPeriodHours: K3S_CA_VALIDITY_HOURS,
          // A new CA would not reach a running K3s (it keeps its files); rotation is a manual step.
          earlyRenewalHours: 0,
          allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
        },
        opts,
      ),
    );
  }
  const serviceKey = new tls.PrivateKey(`${name}-service-key`, { algorithm: "RSA", rsaBits: 2048 }, opts);

  const adminKey = new tls.PrivateKey(`${name}-admin`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, opts);
  const adminCsr = new tls.CertRequest(
    `${name}-admin`,
    { privateKeyPem: adminKey.privateKeyPem, subject: { ...K3S_ADMIN_SUBJECT } },
    opts,
  );
  const adminCert = new tls.LocallySignedCert(
    `${name}-admin`,
    {
      certRequestPem: adminCsr.certRequestPem,
      caPrivateKeyPem: caKeys.get("client-ca")!.privateKeyPem,
      caCertPem: caCerts.get("client-ca")!.certPem,
      validityPeriodHours: args.adminCertValidityHours,
      earlyRenewalHours: adminCertEarlyRenewalHours(args.adminCertValidityHours),
      allowedUses: ["digital_signature", "key_encipherment", "client_auth"],
    },
    opts,
  );

  const bundle = pulumi
    .all([
      pulumi.all(K3S_CAS.map((ca) => caCerts.get(ca)!.certPem)),
      pulumi.all(K3S_CAS.map((ca) => caKeys.get(ca)!.privateKeyPem)),
      serviceKey.privateKeyPem,
    ])
    .apply(([certs, keys, service]) => {
      const files: Record<string, string> = { [K3S_SERVICE_KEY]: service };
      K3S_CAS.forEach((ca, i) => {
        files[`${ca}.crt`] = certs[i];
        files[`${ca}.key`] = keys[i];
      });
      return pkiBundle(files);
    });

  return {
    bundle: pulumi.secret(bundle),
    serverCaPem: caCerts.get("server-ca")!.certPem,
    adminCertPem: adminCert.certPem,
    adminKeyPem: pulumi.secret(adminKey.privateKeyPem),
  };
}
