// World map: a choropleth of the selected state's relation with every other, and its profile.
import { get } from "../api.js";
import { scoreToUnit } from "../colours.js";
import { fmt } from "../format.js";
import { countrySelect, el, table } from "../ui.js";

let atlas = null; // { features, codeOf } loaded once

async function loadAtlas(states) {
  if (!atlas) {
    const [topology, codes] = await Promise.all([
      fetch("/vendor/countries-110m.json").then((r) => r.json()),
      fetch("/vendor/iso-codes.json").then((r) => r.json()),
    ]);
    const byNumeric = new Map(codes.map(([, alpha3, numeric]) => [numeric, alpha3]));
    const features = window.topojson.feature(topology, topology.objects.countries).features;
    atlas = { features, byNumeric };
  }
  // Shapes without an ISO numeric id (Kosovo, ...) are matched by the state's name.
  const byName = new Map(states.map((s) => [s.name, s.code]));
  for (const f of atlas.features) {
    f.properties.code = atlas.byNumeric.get(f.id) || byName.get(f.properties.name) || null;
  }
  return atlas;
}

const colour = (score) => window.d3.interpolateRdBu(scoreToUnit(score));

export async function render(container, ctx) {
  const d3 = window.d3;
  const selected = ctx.arg && ctx.states.some((s) => s.code === ctx.arg) ? ctx.arg : "USA";
  const names = new Map(ctx.states.map((s) => [s.code, s.name]));
  const picker = countrySelect("country", "Country", ctx.states, selected);
  const basis = el("p", { class: "note", id: "map-basis" });
  const svgBox = el("figure", { class: "map", id: "map" });
  const legend = el("div", { class: "legend", "aria-hidden": "true" });
  const profile = el("section", { class: "profile", id: "profile", "aria-live": "polite" });
  container.append(
    el("h2", {}, "World map"),
    el("div", { class: "controls" }, picker),
    el("div", { class: "split" }, el("div", {}, svgBox, legend, basis), profile),
  );

  const { features } = await loadAtlas(ctx.states);
  const width = 960;
  const height = 500;
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3
    .select(svgBox)
    .append("svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", "World map coloured by relation with the selected country");
  svg
    .append("path")
    .attr("class", "sphere")
    .attr("d", path({ type: "Sphere" }));
  const shapes = svg
    .append("g")
    .selectAll("path")
    .data(features)
    .join("path")
    .attr("class", "country")
    .attr("d", path)
    .attr("data-code", (f) => f.properties.code || "")
    .on("click", (_, f) => {
      if (f.properties.code && names.has(f.properties.code)) select(f.properties.code);
    });
  shapes.append("title");
  svgBox.append(el("figcaption", { class: "sr-only" }, "Click a country to select it."));
  drawLegend(legend);

  async function select(code) {
    picker[1].value = code;
    history.replaceState(null, "", `#/map/${code}`);
    const [scores, info] = await Promise.all([
      get(`/api/world/scores/${code}`, { on: ctx.on }),
      get(`/api/world/actors/${code}`, { on: ctx.on }),
    ]);
    const byCode = new Map(scores.scores.map((s) => [s.code, s]));
    shapes
      .attr("fill", (f) => {
        const code2 = f.properties.code;
        if (code2 === code) return "#222";
        const s = byCode.get(code2);
        return s ? colour(s.score) : "#ddd";
      })
      .classed("selected", (f) => f.properties.code === code)
      .select("title")
      .text((f) => {
        const c = f.properties.code;
        const s = byCode.get(c);
        const name = names.get(c) || f.properties.name;
        return s ? `${name}: ${fmt(s.score)}` : name;
      });
    svg.attr("data-selected", code);
    basis.textContent =
      scores.basis === "ties"
        ? "Colour: formal ties with the selected country (alliances, shared organizations, sanctions)."
        : `Colour: net cooperation in the events of the year to ${scores.on} (grey: no events).`;
    renderProfile(profile, info);
  }

  picker[1].addEventListener("change", () => select(picker[1].value));
  await select(selected);
}

function drawLegend(box) {
  const d3 = window.d3;
  const svg = d3.select(box).append("svg").attr("viewBox", "0 0 320 36");
  const grad = svg.append("defs").append("linearGradient").attr("id", "legend-grad");
  d3.range(0, 1.01, 0.1).forEach((t) =>
    grad
      .append("stop")
      .attr("offset", `${t * 100}%`)
      .attr("stop-color", colour(t * 2 - 1)),
  );
  svg
    .append("rect")
    .attr("x", 10)
    .attr("y", 4)
    .attr("width", 300)
    .attr("height", 12)
    .attr("fill", "url(#legend-grad)");
  [
    ["hostile", 10, "start"],
    ["neutral", 160, "middle"],
    ["close", 310, "end"],
  ].forEach(([t, x, a]) => svg.append("text").attr("x", x).attr("y", 32).attr("text-anchor", a).text(t));
}

function renderProfile(box, p) {
  const list = (items, empty) => (items.length ? items : [el("span", { class: "muted" }, empty)]);
  const sanctions = (rows) =>
    rows.length
      ? table(
          [
            { label: "Regime", value: (r) => el("span", { title: `Source: ${r.source}` }, r.regime) },
            { label: "Sender", value: (r) => (r.via ? `${r.sender} via ${r.via}` : r.sender) },
            { label: "Target", value: (r) => r.target },
            { label: "Since", value: (r) => r.since },
          ],
          rows,
        )
      : el("p", { class: "muted" }, "none");
  const allies = [...new Map(p.allies.map((a) => [a.code, a])).values()];
  box.replaceChildren(
    el("h3", { id: "profile-name" }, `${p.name} (${p.code})`),
    p.region ? el("p", { class: "muted" }, p.region) : null,
    el("h4", {}, `Memberships (${p.memberships.length})`),
    el(
      "p",
      { class: "chips" },
      list(
        p.memberships.map((m) =>
          el(
            "span",
            {
              class: "chip",
              title:
                `${m.name}, ${m.role} since ${m.joined}` +
                (m.note ? `\nNote: ${m.note}` : "") +
                `\nSource: ${m.source}`,
            },
            m.code,
          ),
        ),
        "none",
      ),
    ),
    el("h4", {}, `Allies (${allies.length})`),
    el(
      "p",
      { class: "chips" },
      list(
        allies.map((a) =>
          el("span", { class: "chip", title: `${a.name}: ${a.alliance}\nSource: ${a.source}` }, a.code),
        ),
        "none",
      ),
    ),
    el("h4", {}, "Sanctions faced"),
    sanctions(p.sanctions_faced),
    el("h4", {}, "Sanctions imposed"),
    sanctions(p.sanctions_imposed),
    el("h4", {}, "Top partners"),
    p.top_partners.length
      ? el(
          "ol",
          { class: "partners" },
          p.top_partners.map((t) =>
            el("li", {}, `${t.name} `, el("span", { class: "muted" }, `${fmt(t.score)} (${t.basis})`)),
          ),
        )
      : el("p", { class: "muted" }, "none"),
  );
}
