// Pure helpers of the negotiation page's protocol modes (alternating offers, mediated): the
// editor's state to and from the URL, the request body, and the answer shaped for a chart.
// A state is {name, steps, seed, issues: [{name, low, high}], parties: [{name, strategy,
// reservation, discount, ideal: {issue: x}, weights: {issue: w}}], mediator: {iterations, step,
// bias, favour}}.

// The page's modes, in the order of its switch.
export const MODES = [
  { key: "forecast", label: "Forecast" },
  { key: "alternating", label: "Alternating offers" },
  { key: "mediated", label: "Mediated" },
];

// Illustrative scenarios (hypothetical figures): the Rubinstein pie (a share of 1 between two
// patient parties), and a seller and a buyer who trade price against volume through a mediator.
export const EXAMPLES = {
  alternating: {
    name: "pie",
    steps: 100,
    seed: 3,
    issues: [{ name: "share", low: 0, high: 1 }],
    parties: [
      {
        name: "A",
        strategy: "rubinstein",
        reservation: 0,
        discount: 0.9,
        ideal: { share: 1 },
        weights: { share: 1 },
      },
      {
        name: "B",
        strategy: "rubinstein",
        reservation: 0,
        discount: 0.9,
        ideal: { share: 0 },
        weights: { share: 1 },
      },
    ],
    mediator: { iterations: 500, step: 0.05, bias: 0, favour: "" },
  },
  mediated: {
    name: "price and volume",
    steps: 100,
    seed: 7,
    issues: [
      { name: "price", low: 0, high: 100 },
      { name: "volume", low: 0, high: 100 },
    ],
    parties: [
      {
        name: "Seller",
        strategy: "linear",
        reservation: 0.2,
        discount: 1,
        ideal: { price: 100, volume: 20 },
        weights: { price: 3, volume: 1 },
      },
      {
        name: "Buyer",
        strategy: "linear",
        reservation: 0.2,
        discount: 1,
        ideal: { price: 0, volume: 100 },
        weights: { price: 1, volume: 3 },
      },
    ],
    mediator: { iterations: 400, step: 0.05, bias: 0, favour: "Seller" },
  },
};

// The mode a URL parameter names (unknown: forecast).
export function modeOf(value) {
  return MODES.some((m) => m.key === value) ? value : "forecast";
}

// A name safe inside the URL's lists (their separators become spaces), trimmed.
export function cleanName(text) {
  return String(text ?? "")
    .replaceAll(/[;,:|]/g, " ")
    .trim();
}

const num = (v, fallback) => {
  const x = Number(v);
  return v === "" || v === null || v === undefined || !Number.isFinite(x) ? fallback : x;
};

// The URL parameters of a state: issues "share:0:1;...", parties
// "A,rubinstein,0,0.9,<ideal>,<weight>,...;..." (ideal and weight per issue, in issue order);
// the mediator's settings only for mediation.
export function stateParams(state, protocol) {
  const issues = state.issues.map((i) => `${cleanName(i.name)}:${i.low}:${i.high}`).join(";");
  const parties = state.parties
    .map((p) =>
      [
        cleanName(p.name),
        p.strategy,
        p.reservation,
        p.discount,
        ...state.issues.flatMap((i) => [p.ideal[i.name] ?? "", p.weights[i.name] ?? 1]),
      ].join(","),
    )
    .join(";");
  const params = { name: state.name, steps: state.steps, seed: state.seed, issues, parties };
  if (protocol !== "mediated") return params;
  const m = state.mediator;
  return { ...params, iterations: m.iterations, medstep: m.step, bias: m.bias, favour: m.favour };
}

// The state the URL parameters describe, filling what they leave out from `example`; the
// example itself when they hold no usable issues or fewer than two parties.
export function stateFromParams(params, example) {
  const issues = String(params.issues || "")
    .split(";")
    .map((t) => t.split(":"))
    .filter((t) => t.length === 3 && t[0].trim())
    .map(([name, low, high]) => ({ name: name.trim(), low: num(low, 0), high: num(high, 1) }));
  const use = issues.length ? issues : example.issues;
  const parties = String(params.parties || "")
    .split(";")
    .map((t) => t.split(","))
    .filter((t) => t.length === 4 + 2 * use.length && t[0].trim())
    .map(([name, strategy, reservation, discount, ...rest]) => ({
      name: name.trim(),
      strategy: strategy.trim() || "linear",
      reservation: num(reservation, 0),
      discount: num(discount, 1),
      ideal: Object.fromEntries(use.map((i, k) => [i.name, num(rest[2 * k], i.low)])),
      weights: Object.fromEntries(use.map((i, k) => [i.name, num(rest[2 * k + 1], 1)])),
    }));
  if (!issues.length || parties.length < 2) return structuredClone(example);
  const m = example.mediator;
  return {
    name: cleanName(params.name) || example.name,
    steps: Math.round(num(params.steps, example.steps)),
    seed: params.seed === undefined || params.seed === "" ? null : Math.round(num(params.seed, 0)),
    issues,
    parties,
    mediator: {
      iterations: Math.round(num(params.iterations, m.iterations)),
      step: num(params.medstep, m.step),
      bias: num(params.bias, m.bias),
      favour: cleanName(params.favour),
    },
  };
}

// The body of POST /api/negotiations for a state and protocol.
export function scenarioPayload(state, protocol) {
  const body = {
    name: cleanName(state.name) || "scenario",
    protocol,
    steps: state.steps,
    issues: state.issues.map((i) => ({ name: i.name, low: i.low, high: i.high })),
    parties: state.parties.map((p) => ({
      name: p.name,
      strategy: p.strategy,
      reservation: p.reservation,
      discount: p.discount,
      ideal: { ...p.ideal },
      weights: { ...p.weights },
    })),
  };
  if (state.seed !== null && state.seed !== undefined) body.seed = state.seed;
  if (protocol === "mediated") {
    const { iterations, step, bias, favour } = state.mediator;
    body.mediator = { iterations, step, bias, ...(favour ? { favour } : {}) };
  }
  return body;
}

// One series per party: its (undiscounted) utility of each offer or draft, by step.
export function utilitySeries(report) {
  return report.parties.map((party) => ({
    name: party,
    points: report.trace.map((t) => ({ x: t.step, y: t.utilities[party] })),
  }));
}

// "name=value, ..." of a mapping with numbers to `digits` significant digits ("none" for null).
export function pairs(values, digits = 4) {
  if (!values) return "none";
  return Object.entries(values)
    .map(([k, v]) => `${k}=${Number(v.toPrecision(digits))}`)
    .join(", ");
}

// The sentence naming the scenario a report came from, with its whole set-up.
export function setupText(report) {
  const issues = report.issues.map((i) => `${i.name} [${i.low}, ${i.high}]`).join(", ");
  const parties = report.setup
    .map(
      (p) =>
        `${p.name} (${p.strategy}; ideal ${pairs(p.ideal)}; weights ${pairs(p.weights, 3)}; ` +
        `reservation ${p.reservation}; discount ${p.discount})`,
    )
    .join(", ");
  const run =
    report.protocol === "mediated" && report.mediator
      ? `${report.mediator.iterations} drafts, step ${report.mediator.step}, bias ${report.mediator.bias} towards ${report.mediator.favour}`
      : `deadline ${report.steps} steps`;
  const seed = report.seed === null ? "no seed" : `seed ${report.seed}`;
  return `Scenario "${report.scenario}" (${report.protocol}): issues ${issues}; parties ${parties}; ${run}; ${seed}.`;
}

// The catalogue entry ({name, summary, reference}) of a model, protocol or strategy, or null.
export function describe(catalogue, kind, name) {
  return ((catalogue && catalogue[kind]) || []).find((d) => d.name === name) || null;
}
