import { strict as assert } from "assert";
import { DELETION_ANNOTATION } from "../../../core/labels";
import { topicDeletionProtection } from "../../rules/topic-deletion-protection";
import { messages, topic } from "../helpers";

describe("policy topic-deletion-protection", () => {
  const policies = [topicDeletionProtection()];

  it("accepts protected prod topics", async () => {
    assert.deepEqual(await messages(policies, [topic(undefined, { protect: true })]), []);
  });

  it("rejects an unprotected prod topic", async () => {
    const [m] = await messages(policies, [topic(undefined, { protect: false })]);
    assert.match(m, /topic "payments\.orders\.v1" is not protected in prod/);
  });

  it("accepts an unprotected prod topic whose file says deletion: allow", async () => {
    const t = topic(undefined, { protect: false, annotations: { [DELETION_ANNOTATION]: "allow" } });
    assert.deepEqual(await messages(policies, [t]), []);
  });

  it("does not apply in dev unless configured", async () => {
    const dev = topic(undefined, { env: "dev", protect: false });
    assert.deepEqual(await messages(policies, [dev]), []);
    const config = { "topic-deletion-protection": { environments: ["dev", "prod"] } };
    assert.equal((await messages(policies, [dev], { config })).length, 1);
  });
});
