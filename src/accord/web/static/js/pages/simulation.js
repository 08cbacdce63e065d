// Simulation: pick a shipped scenario, run its ensemble with a live progress bar, see every
// metric's bands over calendar dates with the scenario's shocks marked, open each run's network
// and dyads, and download charts and tables.
import { cancelJob, followJob, get, post } from "../api.js";
import { lineChart } from "../chart.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt, percent, words } from "../format.js";
import { buildHash } from "../route.js";
import { bandSeries, chartedMetrics, stepDate } from "../shape.js";
import { el, requireCapability, setStatus, showError, table } from "../ui.js";

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "simulation", "Simulation")) return;
  const scenarios = await get("/api/scenarios");
  const { params } = ctx;
  const pick = el(
    "select",
    { id: "scenario" },
    scenarios.map((s) => el("option", { value: s.name, selected: s.name === params.scenario }, s.name)),
  );
  const runs = el("input", {
    id: "runs",
    type: "number",
    min: 1,
    max: ctx.meta.max_runs,
    value: params.runs || 5,
  });
  const seed = el("input", { id: "seed", type: "number", min: 0, value: params.seed || 1 });
  const about = el("p", { class: "note", id: "scenario-about" });
  const start = el("button", { type: "submit", id: "run-simulation" }, "Run");
  const bar = el("progress", { id: "sim-progress", max: 100, value: 0, "aria-label": "Simulation progress" });
  const cancel = el("button", { type: "button", id: "cancel-simulation", hidden: true }, "Cancel");
  const label = el("p", { class: "note", id: "sim-message" });
  const output = el("section", { id: "sim-results", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "panel" },
    el(
      "div",
      { class: "controls" },
      el("label", {}, "Scenario ", pick),
      el("label", {}, "Runs ", runs),
      el("label", {}, "Seed ", seed),
      start,
    ),
    about,
    bar,
    cancel,
    label,
  );
  container.append(el("h2", {}, "Simulation"), form, output);
  const scenario = () => scenarios.find((x) => x.name === pick.value);
  const remember = () => ctx.setState(null, { scenario: pick.value, runs: runs.value, seed: seed.value });
  const describe = () => {
    const s = scenario();
    about.textContent = s
      ? `${s.description} (${s.steps} steps of ${s.step_days} days from ${s.start}; ${s.shocks} shocks)`
      : "";
    remember();
  };
  pick.addEventListener("change", describe);
  runs.addEventListener("change", remember);
  seed.addEventListener("change", remember);
  describe();

  let running = null; // the id of the job under way
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      if (running) await cancelJob(running);
    } catch (err) {
      showError(output, err);
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    start.disabled = true;
    bar.value = 0;
    output.replaceChildren();
    try {
      const job = await post("/api/simulations", {
        scenario: pick.value,
        runs: Number(runs.value),
        seed: Number(seed.value),
      });
      running = job.id;
      cancel.hidden = false;
      cancel.disabled = false;
      const result = await followJob(job.id, (e) => {
        bar.value = percent(e.progress);
        label.textContent = `${percent(e.progress)}% — ${e.message}`;
      });
      bar.value = 100;
      showBands(output, result, ctx.meta.simulation_metrics, scenario());
      setStatus("Simulation finished");
    } catch (err) {
      const stopped = cancel.disabled && running !== null;
      showError(output, err);
      setStatus(stopped ? "Simulation cancelled" : "Simulation failed", stopped ? "info" : "error");
    } finally {
      running = null;
      cancel.hidden = true;
      start.disabled = false;
    }
  });
}

function showRuns(box, result) {
  const first = String(result.start).slice(0, 10);
  const last = stepDate(result.start, result.step_days, result.steps).toISOString().slice(0, 10);
  box.append(
    el("h3", {}, `Runs (${result.run_ids.length}; ${result.events} simulated events)`),
    el(
      "ul",
      { class: "runs", id: "sim-runs" },
      result.run_ids.map((id) =>
        el(
          "li",
          {},
          el("a", { href: buildHash("network", null, { run: id, from: first, on: last, min: 1 }) }, id),
          el("span", { class: "muted" }, " its network of simulated ties (click a tie for its dyad)"),
        ),
      ),
    ),
  );
}

function showBands(box, result, metrics, scenario) {
  const when = (step) => stepDate(result.start, result.step_days, step);
  const markers = (scenario ? scenario.shock_list : []).map((s) => ({
    x: when(s.step),
    label: s.kind,
    title: `step ${s.step}: ${s.kind} ${s.args}`,
  }));
  box.append(
    el(
      "h3",
      {},
      `${result.scenario}: ${result.runs} runs, seed ${result.seed}, from ${String(result.start).slice(0, 10)}`,
    ),
    el(
      "p",
      { class: "note" },
      `Dashed lines: the scenario's shocks (${markers.map((m) => m.title).join("; ") || "none"}).`,
    ),
  );
  showRuns(box, result);
  const finalColumns = [
    { label: "Metric", value: (m) => words(m), csv: (m) => m },
    ...["mean", "q05", "q25", "q50", "q75", "q95"].map((k) => ({
      label: k,
      value: (m) => fmt(result.final[m][k]),
      csv: (m) => result.final[m][k],
    })),
  ];
  const finals = metrics.filter((m) => result.final[m]);
  box.append(
    el("h3", {}, "Final step, every metric"),
    csvButton(finalColumns, finals, [result.scenario, "final", `seed${result.seed}`]),
    el("div", { class: "scroll" }, table(finalColumns, finals)),
  );
  for (const metric of chartedMetrics(result, metrics)) {
    const rows = result.bands[metric];
    const figure = el(
      "figure",
      { class: "chart", "data-metric": metric },
      el("figcaption", {}, `${words(metric)}: median and 25–75% / 5–95% bands across ${result.runs} runs`),
    );
    box.append(figure);
    const shape = bandSeries(rows);
    const dated = (points) => points.map((p) => ({ ...p, x: when(p.x) }));
    lineChart(figure, {
      xType: "time",
      bands: shape.bands.map((b) => ({ ...b, points: dated(b.points) })),
      series: shape.series.map((s) => ({ ...s, points: dated(s.points) })),
      markers,
      xLabel: `date (steps of ${result.step_days} days)`,
      yLabel: words(metric),
      title: `${metric} across the ensemble`,
    });
    chartDownloads(figure, [result.scenario, metric, `seed${result.seed}`]);
    const bandColumns = ["step", "q05", "q25", "q50", "q75", "q95"].map((k) => ({
      label: k,
      csv: (r) => r[k],
    }));
    bandColumns.splice(1, 0, { label: "date", csv: (r) => when(r.step).toISOString().slice(0, 10) });
    figure
      .querySelector(".downloads")
      .append(csvButton(bandColumns, rows, [result.scenario, metric, "bands"]));
  }
}
