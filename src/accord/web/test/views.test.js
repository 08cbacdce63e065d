import assert from "node:assert/strict";
import { test } from "node:test";

import * as d3 from "d3";

import { xScale, xText, yAxis } from "../static/js/chart.js";
import { NO_DATA, NEUTRAL, scoreColour } from "../static/js/colours.js";
import { csvField, csvText, fileName } from "../static/js/format.js";
import {
  labelled,
  nextPeriod,
  periodLabel,
  previousPeriod,
  quadSeries,
  stepDate,
  topEdges,
  withGaps,
} from "../static/js/shape.js";
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

test("withGaps drops counts to zero and breaks every line across a stretch without events", () => {
  const p = (start, events, by = "month") => ({
    start,
    period: periodLabel(start, by),
    events,
    verbal_coop: events,
    goldstein_mean: 1,
    net_cooperation: 1,
  });
  const out = withGaps([p("2014-01-01", 3), p("2014-02-01", 1), p("2019-12-01", 2)], "month");
  assert.deepEqual(
    out.map((x) => [x.start, x.period, x.events, x.verbal_coop, x.net_cooperation, Boolean(x.gap)]),
    [
      ["2014-01-01", "2014-01", 3, 3, 1, false],
      ["2014-02-01", "2014-02", 1, 1, 1, false],
      ["2014-03-01", "2014-03", 0, 0, null, false],
      // the break point: nothing to join, so no count line runs along zero for five years
      ["2014-04-01", "2014-04", null, null, null, true],
      ["2019-11-01", "2019-11", 0, 0, null, false],
      ["2019-12-01", "2019-12", 2, 2, 1, false],
    ],
  );
  // one missing period: one empty point; two: two adjacent empty points, no break; none: none
  assert.equal(withGaps([p("2014-01-01", 1), p("2014-03-01", 1)], "month").length, 3);
  const two = withGaps([p("2014-01-01", 1), p("2014-04-01", 1)], "month");
  assert.deepEqual(
    two.map((x) => x.events),
    [1, 0, 0, 1],
  );
  assert.equal(withGaps([p("2014-01-01", 1), p("2014-02-01", 1)], "month").length, 2);
  const years = withGaps([p("1982-01-01", 1, "year"), p("2013-01-01", 1, "year")], "year");
  assert.deepEqual(
    years.map((x) => [x.period, x.events]),
    [
      ["1982", 1],
      ["1983", 0],
      ["1984", null],
      ["2012", 0],
      ["2013", 1],
    ],
  );
});

test("periodLabel names periods as the API does", () => {
  assert.equal(periodLabel("2014-03-01", "month"), "2014-03");
  assert.equal(periodLabel("2014-10-01", "quarter"), "2014-Q4");
  assert.equal(periodLabel("2014-01-01", "quarter"), "2014-Q1");
  assert.equal(periodLabel("2014-01-01", "year"), "2014");
  assert.equal(periodLabel("2014-03-03", "week"), "2014-03-03");
  assert.equal(periodLabel("2014-03-05", "day"), "2014-03-05");
});

test("the dyad's time axis puts periods at their dates: 1982-01 and 2013-06 far apart", () => {
  const points = withGaps(
    [
      { start: "1982-01-01", period: "1982-01", events: 2, verbal_coop: 2, net_cooperation: 1 },
      { start: "1982-02-01", period: "1982-02", events: 1, verbal_coop: 1, net_cooperation: 1 },
      { start: "2013-06-01", period: "2013-06", events: 4, verbal_coop: 4, net_cooperation: -1 },
    ],
    "month",
  );
  const [coop] = quadSeries(points, QUAD_CLASSES);
  const x = xScale(
    d3,
    coop.points.map((q) => q.x),
    "time",
    [0, 1000],
  );
  const at = (period) => x(coop.points.find((q) => q.label === period).x);
  assert.equal(at("1982-01"), 0);
  assert.equal(at("2013-06"), 1000);
  // 31 days of 11,474: a month is under 3 units wide, the 31-year gap the rest of the axis
  assert.ok(Math.abs(at("1982-02") - (31 / 11474) * 1000) < 1e-9);
  assert.ok(at("2013-05") > 997 && at("1982-03") < 6);
  // ranked evenly the three periods would stand at 0, 500 and 1000
  assert.ok(at("2013-06") - at("1982-02") > 300 * (at("1982-02") - at("1982-01")));
  // the counts break between 1982-03 and 2013-05 and the dots carry their period
  assert.deepEqual(
    coop.points.map((q) => [q.label, q.y]),
    [
      ["1982-01", 2],
      ["1982-02", 1],
      ["1982-03", 0],
      ["1982-04", null],
      ["2013-05", 0],
      ["2013-06", 4],
    ],
  );
  assert.equal(coop.digits, 0);
  // numbers stay on a linear scale
  assert.equal(xScale(d3, [0, 10], "linear", [0, 100])(3), 30);
  assert.equal(xText(new Date("2013-06-01T00:00:00Z")), "2013-06-01");
  assert.equal(xText(3), "3");
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

test("a count axis has whole-number ticks only; other axes keep d3's ticks", () => {
  const y = d3.scaleLinear().domain([0, 3]).range([100, 0]);
  const counts = [{ name: "verbal conflict", digits: 0, points: [] }];
  assert.deepEqual(yAxis(d3, y, counts).tickValues(), [0, 1, 2, 3]);
  assert.equal(yAxis(d3, y, counts).tickFormat()(2), "2");
  const means = [{ name: "Goldstein mean / 10", points: [] }];
  assert.equal(yAxis(d3, y, means).tickValues(), null);
  assert.equal(yAxis(d3, y, [...counts, ...means]).tickValues(), null);
});
