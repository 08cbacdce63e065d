// Simulation: pick a shipped scenario, run its ensemble with a live progress bar, see the bands.
import { followJob, get, post } from "../api.js";
import { lineChart } from "../chart.js";
import { fmt, percent, words } from "../format.js";
import { bandSeries, chartedMetrics } from "../shape.js";
import { el, requireCapability, setStatus, showError } from "../ui.js";

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "simulation", "Simulation")) return;
  const scenarios = await get("/api/scenarios");
  const pick = el(
    "select",
    { id: "scenario" },
    scenarios.map((s) => el("option", { value: s.name }, s.name)),
  );
  const runs = el("input", { id: "runs", type: "number", min: 1, max: ctx.meta.max_runs, value: 5 });
  const seed = el("input", { id: "seed", type: "number", min: 0, value: 1 });
  const about = el("p", { class: "note", id: "scenario-about" });
  const start = el("button", { type: "submit", id: "run-simulation" }, "Run");
  const bar = el("progress", { id: "sim-progress", max: 100, value: 0, "aria-label": "Simulation progress" });
  const label = el("p", { class: "note", id: "sim-message" });
  const output = el("section", { id: "sim-results", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "panel" },
    el(
      "div",
      { class: "controls" },
      el("label", {}, "Scenario", pick),
      el("label", {}, "Runs", runs),
      el("label", {}, "Seed", seed),
      start,
    ),
    about,
    bar,
    label,
  );
  container.append(el("h2", {}, "Simulation"), form, output);
  const describe = () => {
    const s = scenarios.find((x) => x.name === pick.value);
    about.textContent = s
      ? `${s.description} (${s.steps} steps of ${s.step_days} days from ${s.start}; ${s.shocks} shocks)`
      : "";
  };
  pick.addEventListener("change", describe);
  describe();

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
      const result = await followJob(job.id, (e) => {
        bar.value = percent(e.progress);
        label.textContent = `${percent(e.progress)}% — ${e.message}`;
      });
      bar.value = 100;
      showBands(output, result, ctx.meta.simulation_metrics);
      setStatus("Simulation finished");
    } catch (err) {
      showError(output, err);
      setStatus("Simulation failed", "error");
    } finally {
      start.disabled = false;
    }
  });
}

function showBands(box, result, metrics) {
  box.append(el("h3", {}, `${result.scenario}: ${result.runs} runs, seed ${result.seed}`));
  for (const metric of chartedMetrics(result, metrics)) {
    const rows = result.bands[metric];
    const figure = el(
      "figure",
      { class: "chart", "data-metric": metric },
      el("figcaption", {}, words(metric)),
    );
    box.append(figure);
    lineChart(figure, {
      ...bandSeries(rows),
      xLabel: `step (${result.step_days} days)`,
      yLabel: metric,
      title: `${metric} across the ensemble`,
    });
    const last = result.final[metric];
    if (last)
      figure.append(
        el(
          "p",
          { class: "note" },
          `final step: median ${fmt(last.q50)}, 5–95% ${fmt(last.q05)}–${fmt(last.q95)}`,
        ),
      );
  }
}
