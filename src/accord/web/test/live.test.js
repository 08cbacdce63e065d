import assert from "node:assert/strict";
import { test } from "node:test";

import { alertText, badgeText, listen, problemText, STREAM } from "../static/js/live.js";

const MESSAGE = {
  kind: "alert",
  source: "gdelt2",
  alert: { a: "CHN", b: "USA", period: "2024-07", metric: "net_cooperation", z: -40.04 },
};

test("alertText names the dyad, period, metric and z-score", () => {
  assert.equal(alertText(MESSAGE), "New alert: CHN–USA 2024-07, net cooperation z = -40.0");
});

test("badgeText counts alerts", () => {
  assert.equal(badgeText(1), "1 new alert");
  assert.equal(badgeText(3), "3 new alerts");
});

class FakeSource {
  constructor(url) {
    this.url = url;
    this.handlers = {};
  }
  addEventListener(kind, handler) {
    this.handlers[kind] = handler;
  }
}

test("listen hands each alert event to the callback and reports the connection", () => {
  const alerts = [];
  const states = [];
  const source = listen(
    (m) => alerts.push(m),
    (s) => states.push(s),
    FakeSource,
  );
  assert.equal(source.url, STREAM);
  source.handlers.open();
  source.handlers.alert({ data: JSON.stringify(MESSAGE) });
  source.handlers.error();
  assert.deepEqual(alerts, [MESSAGE]);
  assert.deepEqual(states, ["live", "reconnecting"]);
});

test("a problem the follower reports is not a dropped connection", () => {
  const problems = [];
  const states = [];
  const report = { kind: "error", source: "gdelt2", message: "lastupdate.txt: HTTP 404" };
  const source = listen(
    () => {},
    (s) => states.push(s),
    FakeSource,
    (m) => problems.push(m),
  );
  source.handlers.open();
  source.handlers.error({ data: JSON.stringify(report) });
  assert.deepEqual(problems, [report]);
  assert.deepEqual(states, ["live"]);
  assert.equal(problemText(report), "Following gdelt2: lastupdate.txt: HTTP 404");
  source.handlers.error(new Event("error"));
  assert.deepEqual(states, ["live", "reconnecting"]);
});
