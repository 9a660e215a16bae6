import { strict as assert } from "assert";
import { userAuthentication } from "../../rules/user-authentication";
import { messages, user } from "../helpers";

describe("policy user-authentication", () => {
  const policies = [userAuthentication()];

  it("accepts SCRAM-SHA-512 and TLS users", async () => {
    const tls = user("tls-app", { spec: { authentication: { type: "tls" } } });
    assert.deepEqual(await messages(policies, [user(), tls]), []);
  });

  it("rejects users without authentication or with another type", async () => {
    const none = user("a", { spec: { authentication: undefined } });
    const external = user("b", { spec: { authentication: { type: "tls-external" } } });
    const [m1, m2] = await messages(policies, [none, external]);
    assert.match(m1, /user "payments-a" authenticates with nothing/);
    assert.match(
      m2,
      /user "payments-b" authenticates with "tls-external"; set spec\.authentication\.type to one of scram-sha-512, tls/,
    );
  });

  it("takes the allowed types from config", async () => {
    const config = { "user-authentication": { allowedTypes: ["scram-sha-512"] } };
    const tls = user("tls-app", { spec: { authentication: { type: "tls" } } });
    assert.equal((await messages(policies, [tls], { config })).length, 1);
  });
});
