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
    verbal_coop: "#4c9f70",
    material_coop: "#1b6b3a",
    verbal_conflict: "#e8a33d",
    material_conflict: "#b3261e",
  });
});

test("the network draws cooperation and conflict in the quad-class colours", () => {
  assert.deepEqual(relationColours(QUAD_CLASSES), { cooperation: "#1b6b3a", conflict: "#b3261e" });
});

test("scoreToUnit maps [-1, 1] onto [0, 1] and clamps", () => {
  assert.equal(scoreToUnit(-1), 0);
  assert.equal(scoreToUnit(0), 0.5);
  assert.equal(scoreToUnit(0.5), 0.75);
  assert.equal(scoreToUnit(3), 1);
});
