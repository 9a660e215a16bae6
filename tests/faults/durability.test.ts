import { strict as assert } from "node:assert";
import { compareDelivery } from "./durability";

const m = (key: string, seq: number) => ({ key, seq });

describe("fault drill: delivery comparison", () => {
  it("finds nothing wrong when every acknowledged message is read once, in order", () => {
    const acked = [m("a", 0), m("a", 1), m("b", 0)];
    const figures = compareDelivery(acked, [m("b", 0), m("a", 0), m("a", 1)]);
    assert.deepEqual(figures, {
      acknowledged: 3,
      consumed: 3,
      lost: 0,
      duplicated: 0,
      reordered: 0,
      unacknowledgedButWritten: 0,
    });
  });

  it("counts an acknowledged message that is missing as lost", () => {
    assert.equal(compareDelivery([m("a", 0), m("a", 1)], [m("a", 0)]).lost, 1);
  });

  it("counts a second copy as a duplicate, not as reordering", () => {
    const figures = compareDelivery([m("a", 0), m("a", 1)], [m("a", 0), m("a", 1), m("a", 1), m("a", 0)]);
    assert.equal(figures.duplicated, 2);
    assert.equal(figures.reordered, 0);
  });

  it("counts a lower sequence number after a higher one of the same key as reordered", () => {
    const figures = compareDelivery([m("a", 0), m("a", 1), m("a", 2)], [m("a", 0), m("a", 2), m("a", 1)]);
    assert.equal(figures.reordered, 1);
    assert.equal(figures.lost, 0);
  });

  it("tells written-but-unacknowledged messages apart from acknowledged ones", () => {
    const figures = compareDelivery([m("a", 0)], [m("a", 0), m("a", 1)]);
    assert.equal(figures.unacknowledgedButWritten, 1);
    assert.equal(figures.lost, 0);
  });
});
