// Dyad explorer: quad-class counts, Goldstein and net cooperation of a pair up to the header's
// date, from one dataset or all; its alerts and its events, newest first, a page at a time.
import { get } from "../api.js";
import { lineChart } from "../chart.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt } from "../format.js";
import { dyadPair } from "../route.js";
import { datasetChoices, goldsteinSeries, quadSeries, withGaps } from "../shape.js";
import { countryPicker, el, requireCapability, setStatus, showError, simulatedNote, table } from "../ui.js";

const PAGE = 50;

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "relations", "Dyad explorer")) return;
  const { meta, params } = ctx;
  const [a0, b0] = dyadPair(ctx.arg).map((c) => ctx.resolveName(c) || c.toUpperCase());
  const stats = await get("/api/events/stats");
  const a = countryPicker("dyad-a", "Country A", ctx.states, a0, ctx.resolveName, () => {});
  const b = countryPicker("dyad-b", "Country B", ctx.states, b0, ctx.resolveName, () => {});
  const by = el(
    "select",
    { id: "dyad-by" },
    meta.periods.map((p) =>
      el("option", { value: p, selected: p === (params.by || meta.default_period) }, p),
    ),
  );
  const datasets = stats.datasets.map((d) => d.dataset);
  const choices = datasetChoices(stats.datasets, params.run);
  const dataset = el(
    "select",
    { id: "dyad-dataset" },
    el("option", { value: "" }, params.run ? "all of the run" : "all datasets"),
    choices.offered.map((d) =>
      el(
        "option",
        { value: d.dataset, selected: d.dataset === params.dataset },
        `${d.dataset} (${d.first || "?"} to ${d.last || "?"})`,
      ),
    ),
  );
  const from = el("input", { type: "date", id: "dyad-from", value: params.from || "" });
  const show = el("button", { type: "submit" }, "Show");
  const out = el("section", { id: "dyad-results", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "controls" },
    a.nodes,
    b.nodes,
    el("label", {}, "Period ", by),
    el("label", {}, "Dataset ", dataset),
    el("label", {}, "From ", from),
    el("span", { class: "muted" }, `to ${ctx.on} (the header's date)`),
    show,
  );
  container.append(
    ...[el("h2", {}, "Dyad explorer"), form, simulatedNote(choices.left), out].filter(Boolean),
  );
  if (params.dataset && !datasets.includes(params.dataset))
    out.append(el("p", { class: "error", role: "alert" }, `no dataset ${params.dataset} in the store`));
  const load = async () => {
    const A = a.select.value;
    const B = b.select.value;
    const q = {
      by: by.value,
      dataset: dataset.value || null,
      from: from.value || null,
      run: params.run || null,
    };
    ctx.setState(`${A}/${B}`, { ...q, by: q.by === meta.default_period ? null : q.by });
    show.disabled = true;
    try {
      const filters = { a: A, b: B, dataset: q.dataset, from: q.from, to: ctx.on, run: q.run };
      const [series, alerts] = await Promise.all([
        get("/api/relations/dyad", { ...filters, by: q.by }),
        q.run
          ? []
          : get("/api/relations/alerts", { a: A, b: B, dataset: q.dataset, from: q.from, to: ctx.on }),
      ]);
      showDyad(out, ctx, { A, B, q, series, alerts, filters });
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

function chartFigure(id, caption) {
  return el("figure", { class: "chart", id }, el("figcaption", {}, caption));
}

function showDyad(out, ctx, { A, B, q, series, alerts, filters }) {
  const { meta } = ctx;
  out.replaceChildren();
  const scope = `${q.run ? `simulated run ${q.run}, ` : ""}${q.dataset || "all datasets"}, ${q.from || "first event"} to ${ctx.on}, per ${q.by}`;
  if (!series.points.length) {
    out.append(
      el(
        "p",
        { class: "note", id: "dyad-empty" },
        `No events between ${A} and ${B} (${scope}): no data. Ingest event files (accord events ingest) to fill the store.`,
      ),
    );
    return;
  }
  const total = series.points.reduce((n, p) => n + p.events, 0);
  const points = withGaps(series.points, q.by);
  const stem = ["dyad", A, B, q.dataset, q.by, ctx.on];
  const quad = chartFigure(
    "dyad-quad",
    `Events per quad class (counts per ${q.by} at their dates; zero in a ${q.by} without events, no line across longer stretches without any; ${total} events; ${scope})`,
  );
  const gold = chartFigure(
    "dyad-goldstein",
    `Goldstein mean (scaled to [−1, 1]) and net cooperation ((cooperative − conflictual) / events), per ${q.by}; no line where a ${q.by} has no events (${scope})`,
  );
  out.append(quad, gold);
  lineChart(quad, {
    xType: "time",
    series: quadSeries(points, meta.quad_classes),
    yLabel: "events",
    title: "Events per quad class",
  });
  lineChart(gold, {
    xType: "time",
    series: goldsteinSeries(points, meta.goldstein).map((s, i) => ({ ...s, colour: i ? "#333" : "#888" })),
    title: "Goldstein and net cooperation",
  });
  chartDownloads(quad, [...stem, "quad"]);
  chartDownloads(gold, [...stem, "goldstein"]);
  const seriesColumns = [
    "period",
    "start",
    "events",
    ...meta.quad_classes.map((c) => c.key),
    "goldstein_mean",
    "net_cooperation",
  ].map((k) => ({ label: k, value: (p) => p[k], csv: (p) => p[k] }));
  out.append(
    el("p", { class: "downloads" }, "Series: ", csvButton(seriesColumns, series.points, [...stem, "series"])),
  );
  const alertColumns = [
    { label: "Period", value: (r) => r.period, csv: (r) => r.period },
    { label: "Value", value: (r) => fmt(r.value), csv: (r) => r.value },
    { label: "Baseline", value: (r) => fmt(r.baseline), csv: (r) => r.baseline },
    { label: "z", value: (r) => fmt(r.z), csv: (r) => r.z },
  ];
  out.append(
    el("h3", {}, `Alerts (${alerts.length})`),
    alerts.length
      ? el(
          "div",
          {},
          csvButton(alertColumns, alerts, [...stem, "alerts"]),
          el("div", { class: "scroll" }, table(alertColumns, alerts)),
        )
      : el("p", { class: "muted" }, "none"),
  );
  const events = el("section", { id: "dyad-events" });
  out.append(events);
  showEvents(events, filters, 0);
}

const EVENT_COLUMNS = [
  ["Date", "event_date"],
  ["Source", "source_country"],
  ["Target", "target_country"],
  ["CAMEO", "cameo_code"],
  ["Quad class", "quad_class"],
  ["Goldstein", "goldstein"],
  ["Dataset", "dataset"],
  ["Id", "event_id"],
].map(([label, key]) => ({ label, value: (e) => e[key], csv: (e) => e[key] }));

async function showEvents(box, filters, offset) {
  try {
    const page = await get("/api/events/page", { ...filters, offset, limit: PAGE, order: "newest" });
    const last = offset + page.events.length;
    const pager = el(
      "p",
      { class: "controls" },
      el(
        "button",
        {
          type: "button",
          class: "secondary",
          id: "events-newer",
          disabled: offset === 0,
          onclick: () => showEvents(box, filters, Math.max(0, offset - PAGE)),
        },
        "Newer",
      ),
      el(
        "button",
        {
          type: "button",
          class: "secondary",
          id: "events-older",
          disabled: last >= page.total,
          onclick: () => showEvents(box, filters, last),
        },
        "Older",
      ),
      csvButton(EVENT_COLUMNS, page.events, [
        "events",
        filters.a,
        filters.b,
        filters.dataset,
        `from-${offset + 1}`,
      ]),
    );
    box.replaceChildren(
      el(
        "h3",
        { id: "events-count" },
        page.total ? `Events ${offset + 1}–${last} of ${page.total}, newest first` : "Events: none",
      ),
      pager,
      el("div", { class: "scroll" }, table(EVENT_COLUMNS, page.events)),
    );
  } catch (err) {
    showError(box, err);
  }
}
