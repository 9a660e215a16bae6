import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * A generated password of 32 letters and digits, as a Pulumi secret: it goes into JAAS config
 * strings, URLs and Helm values, where special characters would need quoting. `name` is the
 * `RandomPassword`'s Pulumi name: renaming it (or moving it to another parent) generates a new
 * password, so it needs an alias (tests/unit/data-safety.test.ts pins the URNs).
 */
export function generatedPassword(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  const password = new random.RandomPassword(name, { length: 32, special: false }, { parent });
  return pulumi.secret(password.result);
}
