// Relations network: the strongest ties of the signed graph over a window, nodes coloured by
// bloc; zoom and pan, labels for the best-connected countries, tooltips, a click on a tie opens
// its dyad.
import { get } from "../api.js";
import { relationColours } from "../colours.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt } from "../format.js";
import { dyadHash } from "../route.js";
import { blocMembers, datasetChoices, labelled, topEdges, UNSTABLE_BELOW } from "../shape.js";
import { el, requireCapability, showError, simulatedNote, table } from "../ui.js";

const DEFAULTS = { min: 5, top: 60 };

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "relations", "Relations network")) return;
  const { params } = ctx;
  const year = Number(ctx.on.slice(0, 4));
  const stats = await get("/api/events/stats");
  const from = el("input", { type: "date", id: "net-from", value: params.from || `${year - 10}-01-01` });
  const minEvents = el("input", { type: "number", id: "net-min", min: 1, value: params.min || DEFAULTS.min });
  const top = el("input", {
    type: "number",
    id: "net-top",
    min: 1,
    max: 500,
    value: params.top || DEFAULTS.top,
  });
  const choices = datasetChoices(stats.datasets, params.run);
  const dataset = el(
    "select",
    { id: "net-dataset" },
    el("option", { value: "" }, params.run ? "all of the run" : "all datasets"),
    choices.offered.map((d) =>
      el("option", { value: d.dataset, selected: d.dataset === params.dataset }, d.dataset),
    ),
  );
  const out = el("section", { id: "network", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "controls" },
    el("label", {}, "From ", from),
    el("span", { class: "muted" }, `to ${ctx.on}`),
    el("label", {}, "Min. events per tie ", minEvents),
    el("label", {}, "Strongest ties shown ", top),
    el("label", {}, "Dataset ", dataset),
    el("button", { type: "submit" }, "Show"),
  );
  container.append(
    ...[el("h2", {}, "Relations network"), form, simulatedNote(choices.left), out].filter(Boolean),
  );
  const load = async () => {
    const q = {
      from: from.value,
      min: minEvents.value,
      top: top.value,
      dataset: dataset.value || null,
      run: params.run || null,
    };
    ctx.setState(null, q);
    try {
      const net = await get("/api/relations/network", {
        from: q.from,
        to: ctx.on,
        min_events: q.min,
        dataset: q.dataset,
        run: q.run,
      });
      draw(out, net, ctx, q);
    } catch (err) {
      showError(out, err);
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  await load();
}

function draw(out, net, ctx, q) {
  const d3 = window.d3;
  const relation = relationColours(ctx.meta.quad_classes);
  out.replaceChildren();
  if (!net.nodes.length) {
    out.append(
      el(
        "p",
        { class: "note" },
        `No ties with at least ${q.min} events from ${q.from} to ${ctx.on}: no data.`,
      ),
    );
    return;
  }
  const shown = topEdges(net, Number(q.top));
  const names = new Map(net.nodes.map((n) => [n.code, n.name]));
  out.append(
    el(
      "p",
      { class: "note", id: "net-summary" },
      `The ${shown.edges.length} strongest of ${net.edges.length} ties (most events first; each tie has at least ${q.min} events, ${q.run ? `simulated run ${q.run}` : q.dataset || "all datasets"}, ${q.from} to ${ctx.on}) between ${shown.nodes.length} of ${net.nodes.length} countries. ` +
        `Line: net cooperation of the pair's events, blue cooperation, red conflict, width its strength. ` +
        `Node colour: bloc (${net.blocs.length} blocs over the whole network; balance ${fmt(net.balance)}, polarisation ${fmt(net.polarisation)}). ` +
        `Scroll or pinch to zoom, drag to pan, click a line for its dyad.`,
    ),
  );
  const width = 900;
  const height = 600;
  const figure = el("figure", { class: "chart", id: "net-chart" });
  out.append(figure);
  const colour = d3.scaleOrdinal(d3.schemeTableau10);
  const nodes = shown.nodes.map((n) => ({ ...n }));
  const radius = (d) => 4 + 2 * Math.sqrt(d.degree);
  const links = shown.edges.map((e) => ({ ...e, source: e.a, target: e.b }));
  const svg = d3
    .select(figure)
    .append("svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", "Signed network of relations");
  const view = svg.append("g").attr("class", "view");
  svg.call(
    d3
      .zoom()
      .scaleExtent([0.3, 8])
      .on("zoom", (event) => view.attr("transform", event.transform)),
  );
  const link = view
    .append("g")
    .selectAll("line")
    .data(links)
    .join("line")
    .attr("class", (d) => `link ${d.weight >= 0 ? "pos" : "neg"}`)
    .attr("stroke", (d) => (d.weight >= 0 ? relation.cooperation : relation.conflict))
    .attr("stroke-width", (d) => 1 + 4 * Math.abs(d.weight))
    .attr("data-pair", (d) => `${d.a}/${d.b}`)
    .on("click", (_, d) => {
      location.hash = dyadHash(d.a, d.b, { from: q.from, dataset: q.dataset, on: ctx.on, run: q.run });
    });
  link
    .append("title")
    .text(
      (d) =>
        `${names.get(d.a)} – ${names.get(d.b)}: net cooperation ${fmt(d.weight)} from ${d.events} events (click for the dyad)`,
    );
  const withLabel = labelled(nodes, 25);
  const node = view.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
  node
    .append("circle")
    .attr("r", radius)
    .attr("fill", (d) => colour(d.bloc));
  node
    .filter((d) => withLabel.has(d.code))
    .append("text")
    .attr("x", (d) => radius(d) + 2)
    .attr("y", 4)
    .text((d) => d.code);
  const weak = (d) => d.stability !== null && d.stability !== undefined && d.stability < UNSTABLE_BELOW;
  node
    .append("title")
    .text(
      (d) =>
        `${d.name} (${d.code}): bloc ${d.bloc}, stability ${fmt(d.stability)}${weak(d) ? " (weak placement)" : ""}, ${d.degree} ties shown`,
    );
  const sim = d3
    .forceSimulation(nodes)
    .force(
      "link",
      d3
        .forceLink(links)
        .id((d) => d.code)
        .distance((d) => (d.weight >= 0 ? 70 : 200)),
    )
    .force("charge", d3.forceManyBody().strength(-220))
    .force(
      "collide",
      d3.forceCollide((d) => radius(d) + 14),
    )
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08))
    .stop();
  for (let i = 0; i < 300; i += 1) sim.tick();
  link
    .attr("x1", (d) => d.source.x)
    .attr("y1", (d) => d.source.y)
    .attr("x2", (d) => d.target.x)
    .attr("y2", (d) => d.target.y);
  node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  // fit the laid-out graph into the view
  const xs = d3.extent(nodes, (d) => d.x);
  const ys = d3.extent(nodes, (d) => d.y);
  const pad = 30;
  svg.attr(
    "viewBox",
    `${xs[0] - pad} ${ys[0] - pad} ${xs[1] - xs[0] + 2 * pad + 30} ${ys[1] - ys[0] + 2 * pad}`,
  );
  chartDownloads(figure, ["network", q.from, ctx.on, q.dataset, `min${q.min}`]);
  const edgeColumns = [
    { label: "A", value: (e) => e.a, csv: (e) => e.a },
    { label: "B", value: (e) => e.b, csv: (e) => e.b },
    { label: "Net cooperation", value: (e) => fmt(e.weight), csv: (e) => e.weight },
    { label: "Events", value: (e) => e.events, csv: (e) => e.events },
    {
      label: "Dyad",
      value: (e) =>
        el(
          "a",
          { href: dyadHash(e.a, e.b, { from: q.from, dataset: q.dataset, on: ctx.on, run: q.run }) },
          "open",
        ),
      csv: () => "",
    },
  ];
  out.append(
    el("h3", {}, "Blocs"),
    el(
      "ol",
      { start: 0, id: "net-blocs" },
      blocMembers(net).map((b, i) => el("li", {}, el("span", { class: "swatch", "data-bloc": i }), b)),
    ),
    el(
      "p",
      { class: "muted" },
      `Blocs are numbered from 0, as in the API's "bloc". * a weak placement: stability below ${UNSTABLE_BELOW}, ` +
        "the bootstrap often groups the country otherwise.",
    ),
    el(
      "details",
      { id: "net-edges" },
      el("summary", {}, `Ties shown (${shown.edges.length})`),
      csvButton(edgeColumns.slice(0, 4), shown.edges, ["network-ties", q.from, ctx.on, q.dataset]),
      el("div", { class: "scroll" }, table(edgeColumns, shown.edges)),
    ),
  );
  out
    .querySelectorAll(".swatch")
    .forEach((s) => s.style.setProperty("background", colour(Number(s.dataset.bloc))));
}
