import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiError, problemMessage } from "../static/js/api.js";

const BODY = {
  error: "invalid input",
  problems: [{ message: "unknown state 'XXX'", field: "a" }, { message: "same country twice" }],
};

test("problemMessage joins the error and each problem, field first", () => {
  assert.equal(problemMessage(422, BODY), "invalid input — a: unknown state 'XXX' — same country twice");
});

test("problemMessage falls back to the HTTP status", () => {
  assert.equal(problemMessage(502, null), "HTTP 502");
  assert.equal(problemMessage(404, { problems: [] }), "HTTP 404");
});

test("ApiError keeps the status and the problems", () => {
  const err = new ApiError(422, BODY);
  assert.equal(err.status, 422);
  assert.equal(err.problems.length, 2);
  assert.equal(err.message, problemMessage(422, BODY));
});
