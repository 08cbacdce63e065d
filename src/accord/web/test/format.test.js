import assert from "node:assert/strict";
import { test } from "node:test";

import { fmt, percent, words } from "../static/js/format.js";

test("fmt rounds to the given digits", () => {
  assert.equal(fmt(0.12345), "0.12");
  assert.equal(fmt(-3.25, 1), "-3.3");
  assert.equal(fmt(7, 0), "7");
  assert.equal(fmt("2.5"), "2.50");
});

test("fmt shows an en dash for missing values", () => {
  assert.equal(fmt(null), "–");
  assert.equal(fmt(undefined), "–");
  assert.equal(fmt(Number.NaN), "–");
});

test("words turns every underscore into a space", () => {
  assert.equal(words("material_conflict"), "material conflict");
  assert.equal(words("a_b_c"), "a b c");
  assert.equal(words("events"), "events");
});

test("percent is a clamped whole percentage", () => {
  assert.equal(percent(0.456), 46);
  assert.equal(percent(1.7), 100);
  assert.equal(percent(-0.2), 0);
  assert.equal(percent(undefined), 0);
});
