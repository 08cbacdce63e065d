// Dyad explorer: quad-class counts, Goldstein and net cooperation of a pair, its alerts and events.
import { get } from "../api.js";
import { lineChart } from "../chart.js";
import { fmt } from "../format.js";
import { dyadHash, dyadPair } from "../route.js";
import { goldsteinSeries, quadSeries } from "../shape.js";
import { countrySelect, el, requireCapability, setStatus, showError, table } from "../ui.js";

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "relations", "Dyad explorer")) return;
  const { meta } = ctx;
  const [a0, b0] = dyadPair(ctx.arg);
  const a = countrySelect("dyad-a", "Country A", ctx.states, a0);
  const b = countrySelect("dyad-b", "Country B", ctx.states, b0);
  const by = el(
    "select",
    { id: "dyad-by" },
    meta.periods.map((p) => el("option", { value: p, selected: p === meta.default_period }, p)),
  );
  const show = el("button", { type: "submit" }, "Show");
  const out = el("section", { id: "dyad-results", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "controls" },
    el("div", {}, a),
    el("div", {}, b),
    el("label", {}, "Period", by),
    show,
  );
  container.append(el("h2", {}, "Dyad explorer"), form, out);
  const load = async () => {
    const A = a[1].value;
    const B = b[1].value;
    history.replaceState(null, "", dyadHash(A, B));
    show.disabled = true;
    try {
      const [series, alerts, events] = await Promise.all([
        get("/api/relations/dyad", { a: A, b: B, by: by.value }),
        get("/api/relations/alerts", { a: A, b: B }),
        get("/api/events", { a: A, b: B, limit: 50 }),
      ]);
      showDyad(out, meta, A, B, series, alerts, events);
      setStatus("");
    } catch (err) {
      // the old chart belongs to another pair: clear it and say what the API refused
      showError(out, err);
      setStatus("Dyad failed", "error");
    } finally {
      show.disabled = false;
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  await load();
}

function showDyad(out, meta, A, B, series, alerts, events) {
  out.replaceChildren();
  if (!series.points.length) {
    out.append(
      el(
        "p",
        { class: "note", id: "dyad-empty" },
        `No events between ${A} and ${B} in the store. Ingest event files (accord events ingest) to fill it.`,
      ),
    );
    return;
  }
  const quad = el(
    "figure",
    { class: "chart", id: "dyad-quad" },
    el("figcaption", {}, "Events per quad class"),
  );
  const gold = el(
    "figure",
    { class: "chart", id: "dyad-goldstein" },
    el("figcaption", {}, "Goldstein mean and net cooperation"),
  );
  out.append(quad, gold);
  lineChart(quad, {
    xType: "time",
    series: quadSeries(series.points, meta.quad_classes),
    yLabel: "events",
    title: "Events per quad class",
  });
  lineChart(gold, {
    xType: "time",
    series: goldsteinSeries(series.points, meta.goldstein),
    title: "Goldstein and net cooperation",
  });
  out.append(
    el("h3", {}, `Alerts (${alerts.length})`),
    alerts.length
      ? table(
          [
            { label: "Period", value: (r) => r.period },
            { label: "Value", value: (r) => fmt(r.value) },
            { label: "Baseline", value: (r) => fmt(r.baseline) },
            { label: "z", value: (r) => fmt(r.z) },
          ],
          alerts,
        )
      : el("p", { class: "muted" }, "none"),
    el("h3", {}, "Events"),
    table(
      [
        { label: "Date", value: (e) => e.event_date },
        { label: "Source", value: (e) => e.source_country },
        { label: "Target", value: (e) => e.target_country },
        { label: "CAMEO", value: (e) => e.cameo_code },
        { label: "Goldstein", value: (e) => fmt(e.goldstein, 1) },
        { label: "Dataset", value: (e) => e.dataset },
      ],
      events,
    ),
  );
}
