import assert from "node:assert/strict";
import { test } from "node:test";

import { alertText, badgeText, listen, STREAM } from "../static/js/live.js";

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
