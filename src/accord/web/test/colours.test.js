import assert from "node:assert/strict";
import { test } from "node:test";

import { PALETTE, colourOf, quadColours, relationColours, scoreToUnit } from "../static/js/colours.js";
import { QUAD_CLASSES } from "./meta.fixture.js";

test("colourOf cycles through the palette", () => {
  assert.equal(PALETTE.length, 10);
  assert.equal(colourOf(0), "#2b6cb0");
  assert.equal(colourOf(12), "#2f855a");
  assert.equal(colourOf(-1), "#3182ce");
});

test("quadColours maps each series key to the served colour", () => {
  assert.deepEqual(quadColours(QUAD_CLASSES), {
    verbal_coop: "#6baed6",
    material_coop: "#08519c",
    verbal_conflict: "#fb6a4a",
    material_conflict: "#a50f15",
  });
});

test("the network draws cooperation and conflict in the quad-class colours", () => {
  assert.deepEqual(relationColours(QUAD_CLASSES), { cooperation: "#08519c", conflict: "#a50f15" });
});

test("scoreToUnit maps [-1, 1] onto [0, 1] and clamps", () => {
  assert.equal(scoreToUnit(-1), 0);
  assert.equal(scoreToUnit(0), 0.5);
  assert.equal(scoreToUnit(0.5), 0.75);
  assert.equal(scoreToUnit(3), 1);
});
