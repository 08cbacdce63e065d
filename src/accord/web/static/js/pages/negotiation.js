// Negotiation: forecast where a case lands with every bargaining model (edit or upload a
// stakeholder table, see positions over rounds), or play a negotiation out with alternating
// offers or a mediator (pages/protocol.js). The mode is in the URL ("?mode=mediated").
import { get, post } from "../api.js";
import { lineChart } from "../chart.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt } from "../format.js";
import { MODES, describe, modeOf } from "../negotiate.js";
import { casePayload, roundSeries } from "../shape.js";
import { el, requireCapability, setStatus, showError, table } from "../ui.js";
import { renderProtocol } from "./protocol.js";

// An illustrative table (hypothetical figures) in the BDM layout: one issue on a 0-100 scale.
const EXAMPLE = [
  ["Germany", 40, 80, 0.8],
  ["France", 35, 70, 0.6],
  ["Poland", 20, 30, 0.9],
  ["Italy", 30, 55, 0.5],
  ["Spain", 25, 65, 0.4],
  ["Netherlands", 15, 85, 0.7],
  ["Hungary", 10, 20, 0.9],
];

let catalogue = null;

// What every model, protocol and strategy does (fetched once; null when the server has none).
async function loadCatalogue(ctx) {
  if (catalogue || !ctx.health.capabilities.includes("negotiation")) return catalogue;
  catalogue = await get("/api/negotiations/catalogue");
  return catalogue;
}

export async function render(container, ctx) {
  const mode = modeOf(ctx.params.mode);
  const known = await loadCatalogue(ctx);
  const switcher = el(
    "div",
    { class: "modes", role: "group", "aria-label": "Mode", id: "negotiation-mode" },
    MODES.map((m) =>
      el(
        "button",
        {
          type: "button",
          class: m.key === mode ? "" : "secondary",
          "aria-pressed": String(m.key === mode),
          "data-mode": m.key,
          onclick: () => {
            if (m.key === mode) return;
            const params = m.key === "forecast" ? {} : { mode: m.key };
            ctx.setState(null, params);
            container.replaceChildren();
            render(container, { ...ctx, params });
          },
        },
        m.label,
      ),
    ),
  );
  container.append(el("h2", {}, "Negotiation"), switcher);
  if (mode === "forecast") renderForecast(container, ctx, known);
  else if (requireCapability(container, ctx, "negotiation", MODES.find((m) => m.key === mode).label))
    renderProtocol(container, ctx, mode, known);
}

function renderForecast(container, ctx, known) {
  if (!requireCapability(container, ctx, "forecast", "Forecast")) return;
  const issueName = el("input", {
    id: "issue-name",
    value: ctx.params.issue || "Emissions target",
    "aria-label": "Issue name",
  });
  const body = el("tbody", {});
  const addRow = (row = ["", 10, 50, 0.5]) => {
    const cells = row.map((v, i) =>
      el(
        "td",
        {},
        el("input", {
          value: v,
          type: i ? "number" : "text",
          step: "any",
          "aria-label": ["Actor", "Capability", "Position", "Salience"][i],
        }),
      ),
    );
    const remove = el(
      "button",
      { type: "button", class: "secondary", "aria-label": "Remove row", onclick: () => tr.remove() },
      "×",
    );
    const tr = el("tr", {}, cells, el("td", {}, remove));
    body.append(tr);
  };
  const fromUrl = String(ctx.params.rows || "")
    .split(";")
    .map((r) => r.split(","))
    .filter((r) => r.length === 4 && r[0]);
  (fromUrl.length >= 2 ? fromUrl : EXAMPLE).forEach((r) => addRow(r));
  // The table lives in the URL ("rows=Germany,40,80,0.8;..."), so a link reopens the same case.
  const rowsOf = () =>
    [...body.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("input")].map((i) => i.value));
  const remember = () =>
    ctx.setState(null, {
      issue: issueName.value,
      rows: rowsOf()
        .map((r) => r.map((v) => String(v).replaceAll(/[;,]/g, " ")).join(","))
        .join(";"),
    });
  const editor = el(
    "table",
    { class: "edit", id: "stakeholders" },
    el("caption", {}, "Stakeholders (position on a 0–100 scale, salience 0–1)"),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ["Actor", "Capability", "Position", "Salience", ""].map((h) => el("th", { scope: "col" }, h)),
      ),
    ),
    body,
  );
  const upload = el("input", { type: "file", id: "case-file", accept: ".csv,.txt,.yaml,.yml" });
  const run = el("button", { type: "submit", id: "run-forecast" }, "Run the models");
  const results = el("section", { id: "forecast-results", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "panel" },
    el("div", { class: "controls" }, el("label", {}, "Issue", issueName)),
    el("div", { class: "scroll" }, editor),
    el(
      "div",
      { class: "controls" },
      el("button", { type: "button", class: "secondary", onclick: () => addRow() }, "Add stakeholder"),
      el("label", {}, "…or upload a case file (BDM, KTAB, decide, DEU, YAML)", upload),
      run,
    ),
  );
  container.append(form, results);
  form.addEventListener("change", remember);
  body.addEventListener("click", () => setTimeout(remember));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    run.disabled = true;
    setStatus("Running the models…");
    try {
      let answer;
      if (upload.files.length) {
        const data = new FormData();
        data.append("file", upload.files[0]);
        answer = await post("/api/forecasts/upload", data);
      } else {
        answer = await post("/api/forecasts", casePayload(issueName.value, rowsOf()));
      }
      showResults(results, answer, known);
      setStatus("Forecast ready");
    } catch (err) {
      showError(results, err);
      setStatus("Forecast failed", "error");
    } finally {
      run.disabled = false;
    }
  });
}

function showResults(box, answer, known) {
  const about = (r) => describe(known, "models", r.model);
  const columns = [
    { label: "Model", value: (r) => r.model, csv: (r) => r.model },
    {
      label: "What it does",
      value: (r) => (about(r) ? el("span", { title: about(r).reference }, about(r).summary) : ""),
      csv: (r) => (about(r) ? about(r).summary : ""),
    },
    {
      label: "Source",
      value: (r) => (about(r) ? about(r).reference : ""),
      csv: (r) => (about(r) ? about(r).reference : ""),
    },
    ...answer.issues.map((issue, k) => ({
      label: issue.name,
      value: (r) => r.issues[k].label || fmt(r.issues[k].forecast),
      csv: (r) => r.issues[k].label || r.issues[k].forecast,
    })),
  ];
  const people = answer.stakeholders.map((s) => s.name).join(", ");
  box.replaceChildren(
    el("h3", {}, `Forecasts: ${answer.case}`),
    el(
      "p",
      { class: "note", id: "forecast-case" },
      `Case "${answer.case}": ${answer.stakeholders.length} stakeholders (${people}); issues ${answer.issues.map((i) => i.name).join(", ")}. Every row below is a model's forecast of this case.`,
    ),
    csvButton(columns, answer.results, ["forecast", answer.case]),
    el("div", { class: "scroll" }, table(columns, answer.results)),
  );
  const iterative = answer.results.find((r) => r.iterative && r.issues.some((i) => i.rounds.length));
  if (!iterative) return;
  for (const issue of iterative.issues) {
    const series = roundSeries(answer.stakeholders, issue);
    const figure = el(
      "figure",
      { class: "chart", id: "rounds-chart" },
      el(
        "figcaption",
        {},
        `${issue.issue}: positions over rounds (${iterative.model}, case "${answer.case}")`,
      ),
    );
    box.append(figure);
    lineChart(figure, {
      series,
      xLabel: "round",
      yLabel: "position",
      title: `Positions over rounds for ${issue.issue}`,
    });
    chartDownloads(figure, ["forecast", answer.case, issue.issue, iterative.model]);
  }
}
