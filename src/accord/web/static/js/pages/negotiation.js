// Negotiation: edit or upload a stakeholder table, run every bargaining model, see positions over rounds.
import { post } from "../api.js";
import { lineChart } from "../chart.js";
import { fmt } from "../format.js";
import { casePayload, roundSeries } from "../shape.js";
import { el, requireCapability, setStatus, showError, table } from "../ui.js";

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

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "forecast", "Negotiation")) return;
  const issueName = el("input", { id: "issue-name", value: "Emissions target", "aria-label": "Issue name" });
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
  EXAMPLE.forEach((r) => addRow(r));
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
    editor,
    el(
      "div",
      { class: "controls" },
      el("button", { type: "button", class: "secondary", onclick: () => addRow() }, "Add stakeholder"),
      el("label", {}, "…or upload a case file (BDM, KTAB, decide, DEU, YAML)", upload),
      run,
    ),
  );
  container.append(el("h2", {}, "Negotiation"), form, results);

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
        const rows = [...body.querySelectorAll("tr")].map((tr) =>
          [...tr.querySelectorAll("input")].map((i) => i.value),
        );
        answer = await post("/api/forecasts", casePayload(issueName.value, rows));
      }
      showResults(results, answer);
      setStatus("Forecast ready");
    } catch (err) {
      showError(results, err);
      setStatus("Forecast failed", "error");
    } finally {
      run.disabled = false;
    }
  });
}

function showResults(box, answer) {
  box.replaceChildren(el("h3", {}, `Forecasts: ${answer.case}`));
  box.append(
    table(
      [
        { label: "Model", value: (r) => r.model },
        ...answer.issues.map((issue, k) => ({
          label: issue.name,
          value: (r) => r.issues[k].label || fmt(r.issues[k].forecast),
        })),
      ],
      answer.results,
    ),
  );
  const iterative = answer.results.find((r) => r.iterative && r.issues.some((i) => i.rounds.length));
  if (!iterative) return;
  for (const issue of iterative.issues) {
    const series = roundSeries(answer.stakeholders, issue);
    const figure = el(
      "figure",
      { class: "chart", id: "rounds-chart" },
      el("figcaption", {}, `${issue.issue}: positions over rounds (${iterative.model})`),
    );
    box.append(figure);
    lineChart(figure, {
      series,
      xLabel: "round",
      yLabel: "position",
      title: `Positions over rounds for ${issue.issue}`,
    });
  }
}
