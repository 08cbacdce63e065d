import assert from "node:assert/strict";
import { test } from "node:test";

import { blocMembers, datasetChoices, UNSTABLE_BELOW } from "../static/js/shape.js";

const DATASETS = [
  { dataset: "curated", events: 876, simulated: 0 },
  { dataset: "exercise", events: 1216, simulated: 1216 },
  { dataset: "icews", events: 3705, simulated: 0 },
  { dataset: "simulation", events: 124623, simulated: 124623 },
];

test("without a run the dataset picker offers only datasets with real events", () => {
  const { offered, left } = datasetChoices(DATASETS, null);
  assert.deepEqual(
    offered.map((d) => d.dataset),
    ["curated", "icews"],
  );
  assert.deepEqual(left, ["exercise", "simulation"]);
});

test("with a run the dataset picker offers the datasets of simulated events", () => {
  const { offered, left } = datasetChoices(DATASETS, "sanctions-coalition-s2024-r0000");
  assert.deepEqual(
    offered.map((d) => d.dataset),
    ["exercise", "simulation"],
  );
  assert.deepEqual(left, []);
});

test("bloc members mark a weak placement, below the documented 0.6", () => {
  assert.equal(UNSTABLE_BELOW, 0.6);
  const net = {
    blocs: [
      ["USA", "MLI"],
      ["RUS", "FRA", "XXX"],
    ],
    nodes: [
      { code: "USA", stability: 0.81 },
      { code: "MLI", stability: 0.5 },
      { code: "RUS", stability: 0.6 },
      { code: "FRA", stability: 0.489 },
      { code: "XXX", stability: null },
    ],
  };
  assert.deepEqual(blocMembers(net), ["USA, MLI*", "RUS, FRA*, XXX"]);
});
