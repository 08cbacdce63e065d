import assert from "node:assert/strict";
import { test } from "node:test";

import {
  EXAMPLES,
  cleanName,
  describe,
  modeOf,
  pairs,
  scenarioPayload,
  setupText,
  stateFromParams,
  stateParams,
  utilitySeries,
} from "../static/js/negotiate.js";

// The shape of POST /api/negotiations's answer for the Rubinstein pie (two offers shown).
const REPORT = {
  scenario: "pie",
  protocol: "alternating",
  parties: ["A", "B"],
  issues: [{ name: "share", low: 0, high: 1 }],
  setup: [
    {
      name: "A",
      strategy: "rubinstein",
      ideal: { share: 1 },
      weights: { share: 1 },
      reservation: 0,
      discount: 0.9,
    },
    {
      name: "B",
      strategy: "linear",
      ideal: { share: 0 },
      weights: { share: 1 },
      reservation: 0.1,
      discount: 0.9,
    },
  ],
  steps: 100,
  seed: 3,
  mediator: null,
  trace: [
    { step: 0, agent: "A", outcome: { share: 0.6 }, utilities: { A: 0.6, B: 0.4 } },
    {
      step: 1,
      agent: "B",
      outcome: { share: 0.5263157894736843 },
      utilities: { A: 0.5263157894736843, B: 0.4736842105263157 },
    },
  ],
  agreement: { share: 0.5263157894736843 },
  step: 1,
};

test("modeOf keeps the known modes and falls back to forecast", () => {
  assert.equal(modeOf("mediated"), "mediated");
  assert.equal(modeOf("alternating"), "alternating");
  assert.equal(modeOf("auction"), "forecast");
  assert.equal(modeOf(undefined), "forecast");
});

test("cleanName turns the URL lists' separators into spaces", () => {
  assert.equal(cleanName(" a,b;c:d|e "), "a b c d e");
  assert.equal(cleanName(null), "");
});

test("a state survives the URL: stateParams then stateFromParams", () => {
  const state = EXAMPLES.mediated;
  const params = stateParams(state, "mediated");
  assert.equal(params.issues, "price:0:100;volume:0:100");
  assert.equal(params.parties, "Seller,linear,0.2,1,100,3,20,1;Buyer,linear,0.2,1,0,1,100,3");
  assert.deepEqual(
    { iterations: params.iterations, medstep: params.medstep, favour: params.favour },
    { iterations: 400, medstep: 0.05, favour: "Seller" },
  );
  // the URL holds strings
  const text = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  assert.deepEqual(stateFromParams(text, EXAMPLES.alternating), state);
});

test("stateParams leaves the mediator out of alternating offers", () => {
  assert.deepEqual(Object.keys(stateParams(EXAMPLES.alternating, "alternating")), [
    "name",
    "steps",
    "seed",
    "issues",
    "parties",
  ]);
});

test("stateFromParams falls back to the example without two whole parties", () => {
  const one = { issues: "share:0:1", parties: "A,linear,0,1,1,1" };
  assert.deepEqual(stateFromParams(one, EXAMPLES.alternating), EXAMPLES.alternating);
  const short = { issues: "share:0:1", parties: "A,linear,0,1,1;B,linear,0,1,0,1" };
  assert.deepEqual(stateFromParams(short, EXAMPLES.alternating), EXAMPLES.alternating);
  assert.notEqual(stateFromParams({}, EXAMPLES.alternating), EXAMPLES.alternating); // a copy
});

test("stateFromParams fills bad numbers from defaults and keeps no seed as null", () => {
  const state = stateFromParams(
    { issues: "x:0:10", parties: "A,,oops,0.5,4,2;B,boulware,0.1,,6,", steps: "20" },
    EXAMPLES.alternating,
  );
  assert.deepEqual(state.parties[0], {
    name: "A",
    strategy: "linear",
    reservation: 0,
    discount: 0.5,
    ideal: { x: 4 },
    weights: { x: 2 },
  });
  assert.deepEqual([state.parties[1].discount, state.parties[1].weights.x], [1, 1]);
  assert.deepEqual([state.steps, state.seed, state.name], [20, null, "pie"]);
});

test("scenarioPayload sends the mediator only for mediation, and no empty favour or seed", () => {
  const alternating = scenarioPayload(EXAMPLES.alternating, "alternating");
  assert.equal(alternating.mediator, undefined);
  assert.deepEqual(alternating.parties[0], {
    name: "A",
    strategy: "rubinstein",
    reservation: 0,
    discount: 0.9,
    ideal: { share: 1 },
    weights: { share: 1 },
  });
  assert.deepEqual([alternating.protocol, alternating.seed, alternating.steps], ["alternating", 3, 100]);
  const noFavour = { ...EXAMPLES.alternating, seed: null };
  assert.deepEqual(scenarioPayload(noFavour, "mediated").mediator, { iterations: 500, step: 0.05, bias: 0 });
  assert.equal("seed" in scenarioPayload(noFavour, "mediated"), false);
  assert.equal(scenarioPayload(EXAMPLES.mediated, "mediated").mediator.favour, "Seller");
});

test("utilitySeries draws each party's utility of every offer by step", () => {
  assert.deepEqual(utilitySeries(REPORT), [
    {
      name: "A",
      points: [
        { x: 0, y: 0.6 },
        { x: 1, y: 0.5263157894736843 },
      ],
    },
    {
      name: "B",
      points: [
        { x: 0, y: 0.4 },
        { x: 1, y: 0.4736842105263157 },
      ],
    },
  ]);
});

test("pairs and setupText name the scenario and its whole set-up", () => {
  assert.equal(pairs({ share: 0.5263157894736843, x: 2 }), "share=0.5263, x=2");
  assert.equal(pairs(null), "none");
  assert.equal(
    setupText(REPORT),
    'Scenario "pie" (alternating): issues share [0, 1]; parties A (rubinstein; ideal share=1; ' +
      "weights share=1; reservation 0; discount 0.9), B (linear; ideal share=0; weights share=1; " +
      "reservation 0.1; discount 0.9); deadline 100 steps; seed 3.",
  );
  const mediated = {
    ...REPORT,
    protocol: "mediated",
    seed: null,
    mediator: { iterations: 400, step: 0.05, bias: 0.5, favour: "A" },
  };
  assert.match(setupText(mediated), /; 400 drafts, step 0.05, bias 0.5 towards A; no seed\.$/);
});

test("describe finds a catalogue entry by kind and name", () => {
  const catalogue = { strategies: [{ name: "zeuthen", summary: "s", reference: "Zeuthen (1930)" }] };
  assert.equal(describe(catalogue, "strategies", "zeuthen").reference, "Zeuthen (1930)");
  assert.equal(describe(catalogue, "strategies", "boulware"), null);
  assert.equal(describe(catalogue, "models", "eum"), null);
  assert.equal(describe(null, "models", "eum"), null);
});
