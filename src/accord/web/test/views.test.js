import assert from "node:assert/strict";
import { test } from "node:test";

import { NO_DATA, NEUTRAL, scoreColour } from "../static/js/colours.js";
import { csvField, csvText, fileName } from "../static/js/format.js";
import { labelled, nextPeriod, previousPeriod, stepDate, topEdges, withGaps } from "../static/js/shape.js";
import { QUAD_CLASSES } from "./meta.fixture.js";

test("scoreColour runs from material conflict through neutral to material cooperation", () => {
  assert.equal(scoreColour(-1, QUAD_CLASSES), "#a50f15");
  assert.equal(scoreColour(0, QUAD_CLASSES), NEUTRAL);
  assert.equal(scoreColour(1, QUAD_CLASSES), "#08519c");
  assert.equal(scoreColour(5, QUAD_CLASSES), "#08519c");
  // halfway to conflict: each channel halfway between #f7f7f7 and #a50f15
  assert.equal(scoreColour(-0.5, QUAD_CLASSES), "#ce8386");
  assert.equal(scoreColour(null, QUAD_CLASSES), NO_DATA);
  assert.equal(scoreColour(Number.NaN, QUAD_CLASSES), NO_DATA);
});

test("csvText quotes what needs quoting and keeps raw values", () => {
  const columns = [
    { label: "Country", csv: (r) => r.name },
    { label: "Score", csv: (r) => r.score },
  ];
  const text = csvText(columns, [
    { name: "Korea, Republic of", score: -0.123456 },
    { name: 'The "Bahamas"', score: null },
  ]);
  assert.equal(text, 'Country,Score\r\n"Korea, Republic of",-0.123456\r\n"The ""Bahamas""",\r\n');
  assert.equal(csvField(new Date("2022-06-01T00:00:00Z")), "2022-06-01");
  assert.equal(csvField("a\nb"), '"a\nb"');
});

test("fileName makes a safe file name from parts", () => {
  assert.equal(fileName(["Dyad", "RUS/UKR", "2022-06-01"], "csv"), "dyad-rus-ukr-2022-06-01.csv");
  assert.equal(fileName(["", null, "Map: ties"], "png"), "map-ties.png");
  assert.equal(fileName([], "svg"), "accord.svg");
});

test("periods step by their length, months at the end of the year included", () => {
  assert.equal(nextPeriod("2021-12-01", "month"), "2022-01-01");
  assert.equal(nextPeriod("2021-10-01", "quarter"), "2022-01-01");
  assert.equal(nextPeriod("2021-01-01", "year"), "2022-01-01");
  assert.equal(nextPeriod("2022-02-28", "day"), "2022-03-01");
  assert.equal(nextPeriod("2022-02-28", "week"), "2022-03-07");
  assert.equal(previousPeriod("2022-01-01", "month"), "2021-12-01");
});

test("withGaps drops counts to zero and breaks means across periods without events", () => {
  const p = (start, events) => ({
    start,
    events,
    verbal_coop: events,
    goldstein_mean: 1,
    net_cooperation: 1,
  });
  const out = withGaps([p("2014-01-01", 3), p("2014-02-01", 1), p("2019-12-01", 2)], "month");
  assert.deepEqual(
    out.map((x) => [x.start, x.events, x.net_cooperation]),
    [
      ["2014-01-01", 3, 1],
      ["2014-02-01", 1, 1],
      ["2014-03-01", 0, null],
      ["2019-11-01", 0, null],
      ["2019-12-01", 2, 1],
    ],
  );
  // a gap of one period gets one empty point; no gap, none
  assert.equal(withGaps([p("2014-01-01", 1), p("2014-03-01", 1)], "month").length, 3);
  assert.equal(withGaps([p("2014-01-01", 1), p("2014-02-01", 1)], "month").length, 2);
});

test("topEdges keeps the strongest ties and the nodes they touch", () => {
  const net = {
    nodes: [{ code: "A" }, { code: "B" }, { code: "C" }, { code: "D" }],
    edges: [
      { a: "A", b: "B", weight: 0.5, events: 10 },
      { a: "A", b: "C", weight: -0.9, events: 10 },
      { a: "C", b: "D", weight: 1, events: 2 },
    ],
  };
  const top = topEdges(net, 2);
  assert.deepEqual(
    top.edges.map((e) => `${e.a}${e.b}`),
    ["AC", "AB"],
  );
  assert.deepEqual(
    top.nodes.map((n) => [n.code, n.degree]),
    [
      ["A", 2],
      ["B", 1],
      ["C", 1],
    ],
  );
  assert.deepEqual([...labelled(top.nodes, 2)], ["A", "B"]);
});

test("stepDate puts simulation steps on the calendar", () => {
  assert.equal(stepDate("2024-01-01", 30, 0).toISOString().slice(0, 10), "2024-01-01");
  assert.equal(stepDate("2024-01-01", 30, 2).toISOString().slice(0, 10), "2024-03-01");
});
