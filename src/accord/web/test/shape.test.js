import assert from "node:assert/strict";
import { test } from "node:test";

import {
  bandSeries,
  casePayload,
  chartedMetrics,
  goldsteinSeries,
  quadSeries,
  queryString,
  roundSeries,
  yValues,
} from "../static/js/shape.js";
import { QUAD_CLASSES } from "./meta.fixture.js";

const POINTS = [
  {
    start: "2020-01-01",
    verbal_coop: 3,
    material_coop: 1,
    verbal_conflict: 2,
    material_conflict: 0,
    goldstein_mean: 2.5,
    net_cooperation: 0.33,
  },
  {
    start: "2020-02-01",
    verbal_coop: 0,
    material_coop: 0,
    verbal_conflict: 1,
    material_conflict: 4,
    goldstein_mean: null,
    net_cooperation: -1,
  },
];

test("queryString drops empty values and repeats arrays", () => {
  assert.equal(queryString({ a: "USA", b: "", c: null, d: undefined, n: 0 }), "a=USA&n=0");
  assert.equal(queryString({ code: ["USA", "CHN"], by: "month" }), "code=USA&code=CHN&by=month");
  assert.equal(queryString(), "");
});

test("quadSeries gives one series per class in its served colour", () => {
  const series = quadSeries(POINTS, QUAD_CLASSES);
  assert.deepEqual(
    series.map((s) => [s.name, s.colour]),
    [
      ["verbal cooperation", "#6baed6"],
      ["material cooperation", "#08519c"],
      ["verbal conflict", "#fb6a4a"],
      ["material conflict", "#a50f15"],
    ],
  );
  assert.deepEqual(
    series[3].points.map((p) => p.y),
    [0, 4],
  );
  assert.equal(series[0].points[1].x.toISOString(), "2020-02-01T00:00:00.000Z");
});

test("goldsteinSeries scales the mean by the Goldstein bound and keeps gaps", () => {
  const [gold, net] = goldsteinSeries(POINTS, { min: -10, max: 10 });
  assert.equal(gold.name, "Goldstein mean / 10");
  assert.deepEqual(
    gold.points.map((p) => p.y),
    [0.25, null],
  );
  assert.deepEqual(
    net.points.map((p) => p.y),
    [0.33, -1],
  );
});

test("chartedMetrics keeps the meta's order and skips metrics without rows", () => {
  const result = { bands: { polarisation: [{ step: 0 }], cooperation: [{ step: 0 }], wars: [] } };
  assert.deepEqual(chartedMetrics(result, ["cooperation", "goldstein_mean", "wars", "polarisation"]), [
    "cooperation",
    "polarisation",
  ]);
});

test("bandSeries turns quantile rows into two bands and a median", () => {
  const rows = [
    { step: 0, q05: -1, q25: -0.5, q50: 0, q75: 0.5, q95: 1 },
    { step: 1, q05: 0, q25: 0.1, q50: 0.2, q75: 0.3, q95: 0.4 },
  ];
  const { bands, series } = bandSeries(rows);
  assert.deepEqual(bands[0].points[0], { x: 0, lo: -1, hi: 1 });
  assert.deepEqual(bands[1].points[1], { x: 1, lo: 0.1, hi: 0.3 });
  assert.deepEqual(series[0].points, [
    { x: 0, y: 0 },
    { x: 1, y: 0.2 },
  ]);
});

test("casePayload builds a one-issue case from the editor's strings", () => {
  const payload = casePayload("  Tariffs ", [[" Germany ", "40", "80", "0.8"]]);
  assert.deepEqual(payload, {
    case: {
      name: "dashboard",
      issues: [{ name: "Tariffs", low: 0, high: 100 }],
      stakeholders: [
        { name: "Germany", capability: 40, positions: { Tariffs: 80 }, saliences: { Tariffs: 0.8 } },
      ],
    },
  });
  assert.equal(casePayload("", []).case.issues[0].name, "issue");
});

test("roundSeries starts each stakeholder at its stated position and adds the median", () => {
  const stakeholders = [
    { name: "A", positions: { x: 20 } },
    { name: "B", positions: { x: 80 } },
    { name: "C", positions: { y: 50 } },
  ];
  const issue = {
    issue: "x",
    rounds: [
      { round: 1, positions: { A: 30, B: 70 }, median: 50 },
      { round: 2, positions: { A: 40 }, median: 45 },
    ],
  };
  const series = roundSeries(stakeholders, issue);
  assert.deepEqual(
    series.map((s) => s.name),
    ["A", "B", "median"],
  );
  assert.deepEqual(
    series[1].points.map((p) => p.y),
    [80, 70, null],
  );
  assert.deepEqual(
    series[2].points.map((p) => p.y),
    [null, 50, 45],
  );
});

test("yValues keeps only finite numbers of lines and bands", () => {
  const series = [{ points: [{ y: 1 }, { y: null }, { y: Number.NaN }] }];
  const bands = [{ points: [{ lo: -2, hi: 3 }] }];
  assert.deepEqual(yValues(series, bands), [1, -2, 3]);
});
