// The negotiation page's protocol modes: set up issues and parties (ideal point, weights,
// reservation value, discount, strategy), play the negotiation out with alternating offers or a
// mediator, and see the offers' utilities per step, the agreement, the Nash point and the
// distance to the Pareto frontier. The scenario lives in the URL; every result names it.
import { post } from "../api.js";
import { lineChart } from "../chart.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt } from "../format.js";
import {
  EXAMPLES,
  MODES,
  cleanName,
  describe,
  pairs,
  scenarioPayload,
  setupText,
  stateFromParams,
  stateParams,
  utilitySeries,
} from "../negotiate.js";
import { el, setStatus, showError, table } from "../ui.js";

const num = (input) => (input.value === "" ? NaN : Number(input.value));

function field(label, attrs) {
  return el("label", {}, label, el("input", { step: "any", ...attrs }));
}

// The issues editor: one row per issue (name, low, high).
function issueRows(state, onRemove) {
  return state.issues.map((issue, k) =>
    el(
      "tr",
      { "data-issue-row": k },
      el("td", {}, el("input", { value: issue.name, "data-field": "name", "aria-label": "Issue" })),
      el(
        "td",
        {},
        el("input", {
          value: issue.low,
          type: "number",
          step: "any",
          "data-field": "low",
          "aria-label": `${issue.name} low`,
        }),
      ),
      el(
        "td",
        {},
        el("input", {
          value: issue.high,
          type: "number",
          step: "any",
          "data-field": "high",
          "aria-label": `${issue.name} high`,
        }),
      ),
      el(
        "td",
        {},
        el(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-label": `Remove ${issue.name}`,
            onclick: () => onRemove(k),
          },
          "×",
        ),
      ),
    ),
  );
}

// The parties editor: one row per party, an ideal and a weight column per issue.
function partyTable(state, protocol, strategies, onRemove) {
  const alternating = protocol === "alternating";
  const head = [
    "Party",
    ...state.issues.flatMap((i) => [`Ideal ${i.name}`, `Weight ${i.name}`]),
    "Reservation (0–1)",
    "Discount (0–1)",
    ...(alternating ? ["Strategy"] : []),
    "",
  ];
  const input = (p, name, value, label, extra = {}) =>
    el(
      "td",
      {},
      el("input", {
        value,
        type: "number",
        step: "any",
        "data-field": name,
        "aria-label": `${p.name}: ${label}`,
        ...extra,
      }),
    );
  const rows = state.parties.map((p, k) =>
    el(
      "tr",
      { "data-party-row": k },
      el("td", {}, el("input", { value: p.name, "data-field": "name", "aria-label": "Party" })),
      state.issues.flatMap((i) => [
        input(p, "ideal", p.ideal[i.name] ?? i.low, `ideal ${i.name}`, { "data-issue": i.name }),
        input(p, "weight", p.weights[i.name] ?? 1, `weight ${i.name}`, { "data-issue": i.name, min: 0 }),
      ]),
      input(p, "reservation", p.reservation, "reservation", { min: 0, max: 1 }),
      input(p, "discount", p.discount, "discount", { min: 0, max: 1 }),
      alternating
        ? el(
            "td",
            {},
            el(
              "select",
              { "data-field": "strategy", "aria-label": `${p.name}: strategy` },
              strategies.map((s) =>
                el("option", { value: s.name, selected: s.name === p.strategy, title: s.summary }, s.name),
              ),
            ),
          )
        : null,
      el(
        "td",
        {},
        el(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-label": `Remove ${p.name}`,
            onclick: () => onRemove(k),
          },
          "×",
        ),
      ),
    ),
  );
  return el(
    "table",
    { class: "edit", id: "parties" },
    el(
      "caption",
      {},
      "Parties (utility 1 at the ideal, 0 at the far end of every issue; weights are normalised)",
    ),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        head.map((h) => el("th", { scope: "col" }, h)),
      ),
    ),
    el("tbody", {}, rows),
  );
}

// The editor's state read back from its inputs (`previous` keeps the strategies in mediated mode).
function readState(form, previous) {
  const value = (row, name) => row.querySelector(`[data-field="${name}"]`);
  const issues = [...form.querySelectorAll("[data-issue-row]")].map((row) => ({
    name: cleanName(value(row, "name").value) || "issue",
    low: num(value(row, "low")),
    high: num(value(row, "high")),
  }));
  const parties = [...form.querySelectorAll("[data-party-row]")].map((row, k) => {
    const per = (name) =>
      Object.fromEntries(
        [...row.querySelectorAll(`[data-field="${name}"]`)].map((i) => [i.dataset.issue, num(i)]),
      );
    const strategy = value(row, "strategy");
    return {
      name: cleanName(value(row, "name").value),
      strategy: strategy ? strategy.value : (previous.parties[k] || {}).strategy || "linear",
      reservation: num(value(row, "reservation")),
      discount: num(value(row, "discount")),
      ideal: per("ideal"),
      weights: per("weight"),
    };
  });
  const setting = (id) => form.querySelector(`#${id}`);
  const seed = setting("negotiation-seed").value;
  return {
    name: cleanName(setting("negotiation-name").value) || "scenario",
    steps: Math.round(num(setting("negotiation-steps"))),
    seed: seed === "" ? null : Math.round(Number(seed)),
    issues,
    parties,
    mediator: {
      iterations: Math.round(num(setting("mediator-iterations"))),
      step: num(setting("mediator-step")),
      bias: num(setting("mediator-bias")),
      favour: setting("mediator-favour").value,
    },
  };
}

export function renderProtocol(container, ctx, protocol, known) {
  let state = stateFromParams(ctx.params, EXAMPLES[protocol]);
  const about = describe(known, "protocols", protocol);
  const strategies = (known && known.strategies) || [];
  const label = MODES.find((m) => m.key === protocol).label;
  const form = el("form", { class: "panel", id: "negotiation-form" });
  const results = el("section", { id: "negotiation-results", "aria-live": "polite" });
  const remember = () => ctx.setState(null, { mode: protocol, ...stateParams(state, protocol) });
  const rebuild = () => {
    form.replaceChildren(...editor(state, protocol, strategies, { remove, add }));
    remember();
  };
  const remove = (kind, k) => {
    state = readState(form, state);
    if (state[kind].length > (kind === "issues" ? 1 : 2)) state[kind].splice(k, 1);
    rebuild();
  };
  const add = (kind) => {
    state = readState(form, state);
    if (kind === "issues") state.issues.push({ name: `issue ${state.issues.length + 1}`, low: 0, high: 1 });
    else
      state.parties.push({
        name: `Party ${state.parties.length + 1}`,
        strategy: "linear",
        reservation: 0,
        discount: 1,
        ideal: Object.fromEntries(state.issues.map((i) => [i.name, i.low])),
        weights: Object.fromEntries(state.issues.map((i) => [i.name, 1])),
      });
    rebuild();
  };
  form.addEventListener("change", (event) => {
    const old = state.issues.map((i) => i.name);
    state = readState(form, state);
    if (state.issues.some((i, j) => i.name !== old[j])) {
      // an issue renamed: each party keeps its ideal and weight on it (the table still has the old name)
      for (const p of state.parties) {
        p.ideal = Object.fromEntries(state.issues.map((i, j) => [i.name, p.ideal[old[j]]]));
        p.weights = Object.fromEntries(state.issues.map((i, j) => [i.name, p.weights[old[j]]]));
      }
      rebuild();
    } else if (event.target.closest("[data-party-row]") && event.target.dataset.field === "name") rebuild();
    else remember();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state = readState(form, state);
    remember();
    run(form, results, state, protocol, label, known);
  });
  container.append(
    about
      ? el("p", { class: "note", id: "protocol-about" }, `${label}: ${about.summary} (${about.reference})`)
      : null,
    form,
    results,
  );
  form.replaceChildren(...editor(state, protocol, strategies, { remove, add }));
}

// The editor's parts: settings, the issues and parties tables, the strategies explained, run.
function editor(state, protocol, strategies, { remove, add }) {
  const mediated = protocol === "mediated";
  const m = state.mediator;
  const names = state.parties.map((p) => p.name);
  const settings = el(
    "div",
    { class: "controls" },
    field("Scenario", { id: "negotiation-name", value: state.name, type: "text" }),
    el(
      "label",
      { hidden: mediated },
      "Deadline (steps)",
      el("input", { id: "negotiation-steps", type: "number", min: 1, value: state.steps }),
    ),
    field("Seed", { id: "negotiation-seed", type: "number", min: 0, step: 1, value: state.seed ?? "" }),
    el(
      "label",
      { hidden: !mediated },
      "Mediator drafts",
      el("input", { id: "mediator-iterations", type: "number", min: 1, step: 1, value: m.iterations }),
    ),
    el(
      "label",
      { hidden: !mediated },
      "Draft step (share of span)",
      el("input", { id: "mediator-step", type: "number", min: 0, max: 1, step: "any", value: m.step }),
    ),
    el(
      "label",
      { hidden: !mediated },
      "Bias (0 neutral – 1 partisan)",
      el("input", { id: "mediator-bias", type: "number", min: 0, max: 1, step: "any", value: m.bias }),
    ),
    el(
      "label",
      { hidden: !mediated },
      "Bias towards",
      el(
        "select",
        { id: "mediator-favour" },
        names.map((n) => el("option", { value: n, selected: n === m.favour }, n)),
      ),
    ),
  );
  const issues = el(
    "table",
    { class: "edit", id: "issues" },
    el("caption", {}, "Issues (range of outcomes)"),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ["Issue", "Low", "High", ""].map((h) => el("th", { scope: "col" }, h)),
      ),
    ),
    el(
      "tbody",
      {},
      issueRows(state, (k) => remove("issues", k)),
    ),
  );
  const notes = mediated
    ? null
    : el(
        "ul",
        { class: "note", id: "strategy-notes" },
        strategies.map((s) => el("li", {}, el("strong", {}, s.name), `: ${s.summary} (${s.reference})`)),
      );
  return [
    settings,
    el("div", { class: "scroll" }, issues),
    el(
      "div",
      { class: "scroll" },
      partyTable(state, protocol, strategies, (k) => remove("parties", k)),
    ),
    ...(notes ? [notes] : []),
    el(
      "div",
      { class: "controls" },
      el("button", { type: "button", class: "secondary", onclick: () => add("issues") }, "Add issue"),
      el("button", { type: "button", class: "secondary", onclick: () => add("parties") }, "Add party"),
      el(
        "label",
        {},
        "…or upload a scenario (YAML)",
        el("input", { type: "file", id: "scenario-file", accept: ".yaml,.yml" }),
      ),
      el("button", { type: "submit", id: "run-negotiation" }, "Run the negotiation"),
    ),
  ];
}

async function run(form, results, state, protocol, label, known) {
  const button = form.querySelector("#run-negotiation");
  const upload = form.querySelector("#scenario-file");
  button.disabled = true;
  setStatus(`Running the negotiation (${label})…`);
  try {
    let report;
    if (upload.files.length) {
      const data = new FormData();
      data.append("file", upload.files[0]);
      report = await post("/api/negotiations/upload", data);
    } else report = await post("/api/negotiations", scenarioPayload(state, protocol));
    showReport(results, report, known);
    setStatus("Negotiation done");
  } catch (err) {
    showError(results, err);
    setStatus("Negotiation failed", "error");
  } finally {
    button.disabled = false;
  }
}

// The chart's marker where the agreement came: the accepted offer's step, or the final draft
// (the last one adopted) of a mediation; none without an agreement.
function agreementMarker(report) {
  if (report.agreement === null || !report.trace.length) return [];
  const x = report.protocol === "mediated" ? report.trace[report.trace.length - 1].step : report.step;
  return [{ x, label: "agreement", title: `agreement: ${pairs(report.agreement)}` }];
}

// The agreement (or none) against the Nash point and the frontier, the utilities chart, the trace.
function showReport(box, report, known) {
  const about = describe(known, "protocols", report.protocol);
  const mediated = report.protocol === "mediated";
  const rows = [
    [
      "Agreement",
      report.agreement
        ? pairs(report.agreement)
        : "none: no agreement, every party keeps its reservation value",
    ],
    ["At step", report.step ?? "–"],
    [mediated ? "Utilities" : "Utilities (discounted to the step)", pairs(report.utilities)],
    [
      "Nash point",
      report.nash.outcome
        ? `${pairs(report.nash.outcome)} (utilities ${pairs(report.nash.utilities)})`
        : "none",
    ],
    ["Distance to the Pareto frontier", fmt(report.distance_to_frontier, 4)],
    ["Distance to the Nash point", fmt(report.distance_to_nash, 4)],
  ];
  const summary = [
    { label: "", value: (r) => r[0], csv: (r) => r[0] },
    { label: "value", value: (r) => String(r[1]), csv: (r) => r[1] },
  ];
  const trace = [
    { label: "step", value: (t) => t.step, csv: (t) => t.step },
    { label: "by", value: (t) => t.agent, csv: (t) => t.agent },
    ...report.issues.map((i) => ({
      label: i.name,
      value: (t) => fmt(t.outcome[i.name], 4),
      csv: (t) => t.outcome[i.name],
    })),
    ...report.parties.map((p) => ({
      label: `u(${p})`,
      value: (t) => fmt(t.utilities[p], 3),
      csv: (t) => t.utilities[p],
    })),
  ];
  const stem = ["negotiation", report.protocol, report.scenario];
  const shown = report.trace.slice(-50);
  box.replaceChildren(
    el(
      "h3",
      {},
      `${about ? MODES.find((m) => m.key === report.protocol).label : report.protocol}: ${report.scenario}`,
    ),
    el(
      "p",
      { class: "note", id: "negotiation-case" },
      setupText(report),
      " Everything below is the result of this scenario.",
    ),
    el(
      "div",
      { id: "negotiation-agreement", "data-agreed": String(report.agreement !== null) },
      csvButton(summary, rows, [...stem, "agreement"]),
      el(
        "div",
        { class: "scroll" },
        table(
          summary,
          rows,
          `Agreement of "${report.scenario}" against the Nash point and the Pareto frontier (distances in utilities, over ${report.frontier_size} frontier outcomes)`,
        ),
      ),
    ),
  );
  const figure = el(
    "figure",
    { class: "chart", id: "negotiation-chart" },
    el(
      "figcaption",
      {},
      `Each party's utility of every ${mediated ? "adopted draft" : "offer"} by step (${report.protocol}, scenario "${report.scenario}")`,
    ),
  );
  box.append(figure);
  lineChart(figure, {
    series: utilitySeries(report),
    markers: agreementMarker(report),
    xLabel: "step",
    yLabel: "utility",
    title: `Utilities per step, scenario ${report.scenario}`,
  });
  chartDownloads(figure, stem);
  box.append(
    el("h4", {}, `Offer trace of "${report.scenario}" (${shown.length} of ${report.trace.length}, the last)`),
    csvButton(trace, report.trace, [...stem, "trace"]),
    el("div", { class: "scroll", id: "negotiation-trace" }, table(trace, shown)),
  );
}
