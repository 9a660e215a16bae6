import { strict as assert } from "assert";
import { CLASSIFICATION_ANNOTATION, DESCRIPTION_ANNOTATION } from "../../../core/labels";
import { topicCatalogMetadata } from "../../rules/topic-catalog-metadata";
import { messages, topic } from "../helpers";

describe("policy topic-catalog-metadata", () => {
  const policies = [topicCatalogMetadata()];
  const on = { "topic-catalog-metadata": { environments: ["prod"] } };
  const described = {
    [DESCRIPTION_ANNOTATION]: "Orders placed by customers.",
    [CLASSIFICATION_ANNOTATION]: "confidential",
  };

  it("is off by default", async () => {
    assert.deepEqual(await messages(policies, [topic()]), []);
  });

  it("accepts a prod topic with a description and a classification when switched on", async () => {
    assert.deepEqual(
      await messages(policies, [topic(undefined, { annotations: described })], { config: on }),
      [],
    );
  });

  it("rejects a prod topic without them when switched on, naming what is missing", async () => {
    const [m] = await messages(policies, [topic()], { config: on });
    assert.match(m, /topic "payments\.orders\.v1" has no description and no classification in its team file/);
  });

  it("can require only the classification", async () => {
    const config = { "topic-catalog-metadata": { environments: ["prod"], requireDescription: false } };
    const classified = topic(undefined, { annotations: { [CLASSIFICATION_ANNOTATION]: "internal" } });
    assert.deepEqual(await messages(policies, [classified], { config }), []);
  });
});
