// Relations network: the signed graph of dyads over a period, nodes coloured by bloc.
import { get } from "../api.js";
import { relationColours } from "../colours.js";
import { fmt } from "../format.js";
import { el, requireCapability } from "../ui.js";

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "relations", "Relations network")) return;
  const d3 = window.d3;
  const relation = relationColours(ctx.meta.quad_classes);
  const year = Number(ctx.on.slice(0, 4));
  const from = el("input", { type: "date", id: "net-from", value: `${year - 10}-01-01` });
  const to = el("input", { type: "date", id: "net-to", value: ctx.on });
  const minEvents = el("input", { type: "number", id: "net-min", min: 1, value: 1 });
  const out = el("section", { id: "network", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "controls" },
    el("label", {}, "From", from),
    el("label", {}, "To", to),
    el("label", {}, "Min. events", minEvents),
    el("button", { type: "submit" }, "Show"),
  );
  container.append(el("h2", {}, "Relations network"), form, out);
  const load = async () => {
    const net = await get("/api/relations/network", {
      from: from.value,
      to: to.value,
      min_events: minEvents.value,
    });
    out.replaceChildren();
    if (!net.nodes.length) {
      out.append(
        el(
          "p",
          { class: "note" },
          "No dyads with enough events in this period. Ingest event files to fill the store.",
        ),
      );
      return;
    }
    out.append(
      el(
        "p",
        { class: "note" },
        `${net.nodes.length} countries, ${net.edges.length} dyads, ${net.blocs.length} blocs; balance ${fmt(net.balance)}, polarisation ${fmt(net.polarisation)}. Solid: cooperation, dashed: conflict (colours of material cooperation and material conflict).`,
      ),
    );
    const width = 900;
    const height = 600;
    const figure = el("figure", { class: "chart" });
    out.append(figure);
    const colour = d3.scaleOrdinal(d3.schemeTableau10);
    const nodes = net.nodes.map((n) => ({ ...n }));
    const links = net.edges.map((e) => ({ source: e.a, target: e.b, weight: e.weight }));
    const svg = d3
      .select(figure)
      .append("svg")
      .attr("viewBox", `0 0 ${width} ${height}`)
      .attr("role", "img")
      .attr("aria-label", "Signed network of relations");
    const link = svg
      .append("g")
      .selectAll("line")
      .data(links)
      .join("line")
      .attr("class", (d) => `link ${d.weight >= 0 ? "pos" : "neg"}`)
      .attr("stroke", (d) => (d.weight >= 0 ? relation.cooperation : relation.conflict))
      .attr("stroke-width", (d) => 0.5 + 3 * Math.abs(d.weight));
    const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
    node
      .append("circle")
      .attr("r", 7)
      .attr("fill", (d) => colour(d.bloc));
    node
      .append("text")
      .attr("x", 9)
      .attr("y", 4)
      .text((d) => d.code);
    node.append("title").text((d) => `${d.name}: bloc ${d.bloc + 1}`);
    const sim = d3
      .forceSimulation(nodes)
      .force(
        "link",
        d3
          .forceLink(links)
          .id((d) => d.code)
          .distance((d) => (d.weight >= 0 ? 60 : 180)),
      )
      .force("charge", d3.forceManyBody().strength(-120))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .stop();
    for (let i = 0; i < 300; i += 1) sim.tick();
    const clampX = (v) => Math.max(10, Math.min(width - 30, v));
    const clampY = (v) => Math.max(10, Math.min(height - 10, v));
    link
      .attr("x1", (d) => clampX(d.source.x))
      .attr("y1", (d) => clampY(d.source.y))
      .attr("x2", (d) => clampX(d.target.x))
      .attr("y2", (d) => clampY(d.target.y));
    node.attr("transform", (d) => `translate(${clampX(d.x)},${clampY(d.y)})`);
    out.append(
      el(
        "ol",
        {},
        net.blocs.map((b, i) => el("li", {}, el("span", { class: "swatch", "data-bloc": i }), b.join(", "))),
      ),
    );
    out
      .querySelectorAll(".swatch")
      .forEach((s) => s.style.setProperty("background", colour(Number(s.dataset.bloc))));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  await load();
}
