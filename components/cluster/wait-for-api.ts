import * as https from "https";
import * as pulumi from "@pulumi/pulumi";

/** How to reach and authenticate to a freshly booted API server. */
export interface ApiServerProbe {
  /** `https://host:port` of the API server. */
  server: string;
  caCertPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

function readyz(probe: ApiServerProbe): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      `${probe.server}/readyz`,
      { ca: probe.caCertPem, cert: probe.clientCertPem, key: probe.clientKeyPem, timeout: 5000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/**
 * Waits until the API server answers `/readyz` with 200, so that resources on a VM that is still
 * booting do not fail with "connection refused". Only during a real update: previews and the
 * offline engine (no Pulumi engine attached) do not wait.
 */
export async function waitForApiServer(probe: ApiServerProbe, timeoutMs = 15 * 60 * 1000): Promise<void> {
  if (pulumi.runtime.isDryRun() || pulumi.runtime.getEngine() === undefined) return;
  const deadline = Date.now() + timeoutMs;
  while (!(await readyz(probe))) {
    if (Date.now() > deadline)
      throw new Error(
        `the K3s API server at ${probe.server} did not become ready within ${timeoutMs / 60000} minutes`,
      );
    await new Promise((r) => setTimeout(r, 10_000));
  }
}
