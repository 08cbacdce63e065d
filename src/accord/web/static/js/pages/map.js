// World map: how every state stands with the selected one on the date, each country's colour
// saying its basis (events or formal ties), window and number of events; and its profile.
import { get } from "../api.js";
import { NO_DATA, scoreColour } from "../colours.js";
import { chartDownloads, csvButton } from "../export.js";
import { fmt } from "../format.js";
import { countryPicker, el, table } from "../ui.js";

let atlas = null; // { features, byNumeric } loaded once
const FIRST_DAY = "1946-01-01";
const DAY = 86_400_000;

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

// What one country's colour means, in words (its tooltip and table row).
export function scoreNote(s, standing, meta) {
  if (!s) return "no data";
  if (s.basis === "events")
    return `net cooperation ${fmt(s.score)} from ${s.events} events, ${standing.since} to ${standing.on}`;
  const few = s.events
    ? `only ${s.events} event(s) in the window, fewer than ${meta.min_dyad_events}`
    : "no events in the window";
  return `formal ties ${fmt(s.score)} (${few})`;
}

function dateSlider(ctx) {
  const toDays = (d) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
  const fromDays = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const slider = el("input", {
    type: "range",
    id: "map-date",
    min: toDays(FIRST_DAY),
    max: toDays(today),
    step: 1,
    value: toDays(ctx.on),
    "aria-label": "Date of the map",
  });
  const shown = el("output", { for: "map-date", id: "map-date-label" }, ctx.on);
  slider.addEventListener("input", () => (shown.textContent = fromDays(Number(slider.value))));
  slider.addEventListener("change", () => ctx.setDate(fromDays(Number(slider.value))));
  return el("label", { class: "slider" }, "Date ", slider, shown);
}

export async function render(container, ctx) {
  const d3 = window.d3;
  const names = new Map(ctx.states.map((s) => [s.code, s.name]));
  const wanted = ctx.arg ? ctx.resolveName(ctx.arg) || ctx.arg.toUpperCase() : "USA";
  const basisChoice = ["auto", "events", "ties"].includes(ctx.params.basis) ? ctx.params.basis : "auto";
  // A simulation run or exercise session (?run=): its events colour the map, not the real ones.
  const run = ctx.params.run || null;
  container.append(el("h2", {}, run ? `World map of ${run}` : "World map"));
  if (!names.has(wanted)) {
    container.append(
      el(
        "p",
        { class: "error", role: "alert", id: "map-unknown" },
        `${ctx.arg} is not a state on ${ctx.on}. Pick another country or date.`,
      ),
    );
  }
  const selected = names.has(wanted) ? wanted : null;
  const picker = countryPicker("country", "Country", ctx.states, selected, ctx.resolveName, (c) => select(c));
  const basisSelect = el(
    "select",
    { id: "map-basis-choice" },
    [
      ["auto", "events where a pair has enough, else ties"],
      ["events", "events only"],
      ["ties", "formal ties only"],
    ].map(([v, t]) => el("option", { value: v, selected: v === basisChoice }, t)),
  );
  const basis = el("p", { class: "note", id: "map-basis" });
  const svgBox = el("figure", { class: "map", id: "map" });
  const legend = el("div", { class: "legend", id: "map-legend" });
  const profile = el("section", { class: "profile", id: "profile", "aria-live": "polite" });
  const details = el("details", { id: "map-table" });
  container.append(
    el(
      "div",
      { class: "controls" },
      picker.nodes,
      el("label", {}, "Colour by ", basisSelect),
      dateSlider(ctx),
    ),
    el("div", { class: "split" }, el("div", {}, svgBox, legend, basis, details), profile),
  );
  if (!selected) return;

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
  chartDownloads(svgBox, () => ["map", picker.select.value, ctx.on]);
  drawLegend(legend, ctx.meta);
  basisSelect.addEventListener("change", () => select(picker.select.value));

  async function select(code) {
    picker.select.value = code;
    const chosen = basisSelect.value;
    ctx.setState(code, { basis: chosen === "auto" ? null : chosen, run });
    const [scores, info] = await Promise.all([
      get(`/api/world/scores/${code}`, { on: ctx.on, basis: chosen, run }),
      get(`/api/world/actors/${code}`, { on: ctx.on }),
    ]);
    const byCode = new Map(scores.scores.map((s) => [s.code, s]));
    shapes
      .attr("fill", (f) => {
        const other = f.properties.code;
        if (other === code) return "#222";
        const s = byCode.get(other);
        return s ? scoreColour(s.score, ctx.meta.quad_classes) : NO_DATA;
      })
      .attr("data-score", (f) => (byCode.has(f.properties.code) ? byCode.get(f.properties.code).score : null))
      .attr("data-basis", (f) =>
        byCode.has(f.properties.code) ? byCode.get(f.properties.code).basis : "none",
      )
      .classed("selected", (f) => f.properties.code === code)
      .classed("no-data", (f) => f.properties.code !== code && !byCode.has(f.properties.code))
      .select("title")
      .text((f) => {
        const c = f.properties.code;
        const name = names.get(c) || f.properties.name;
        return c === code ? `${name} (selected)` : `${name}: ${scoreNote(byCode.get(c), scores, ctx.meta)}`;
      });
    svg.attr("data-selected", code).attr("data-basis", scores.basis);
    describeBasis(basis, scores, ctx.meta, names, run);
    renderTable(details, scores, names, ctx.meta);
    renderProfile(profile, info, byCode, scores, ctx.meta);
  }

  await select(selected);
}

function describeBasis(box, scores, meta, names, run) {
  const counts = { events: 0, ties: 0 };
  scores.scores.forEach((s) => (counts[s.basis] += 1));
  const who = names.get(scores.code) || scores.code;
  box.textContent =
    `Colour: how each state stands with ${who} on ${scores.on}. ` +
    `Events${run ? ` of ${run}` : ""} (net cooperation: cooperative minus conflictual events over all events, ` +
    `${scores.since} to ${scores.on}; ${scores.events} events of ${who}) ` +
    `for ${counts.events} states with at least ${meta.min_dyad_events} events; ` +
    `formal ties (alliances, shared organizations, sanctions) for ${counts.ties} states. ` +
    `Grey: no data. Basis: ${scores.basis}.`;
}

function renderTable(box, scores, names, meta) {
  const columns = [
    { label: "Country", value: (s) => names.get(s.code) || s.code, csv: (s) => names.get(s.code) || s.code },
    { label: "Code", value: (s) => s.code, csv: (s) => s.code },
    { label: "Score", value: (s) => fmt(s.score), csv: (s) => s.score },
    { label: "Basis", value: (s) => s.basis, csv: (s) => s.basis },
    { label: "Events", value: (s) => s.events, csv: (s) => s.events },
    { label: "Alliances", value: (s) => s.alliances.join(", "), csv: (s) => s.alliances.join(" ") },
    {
      label: "Shared organizations",
      value: (s) => s.shared_organizations.length,
      csv: (s) => s.shared_organizations.join(" "),
    },
    { label: "Sanctions", value: (s) => s.sanctions.join(", "), csv: (s) => s.sanctions.join(" ") },
  ];
  const rows = [...scores.scores].sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
  box.replaceChildren(
    el("summary", {}, `Scores of ${rows.length} states (table)`),
    el(
      "p",
      { class: "downloads" },
      csvButton(columns, rows, ["map", scores.code, scores.on, scores.basis]),
      el(
        "span",
        { class: "muted" },
        ` window ${scores.since} to ${scores.on}; ${meta.min_dyad_events}+ events: events basis`,
      ),
    ),
    el("div", { class: "scroll" }, table(columns, rows)),
  );
}

function drawLegend(box, meta) {
  const d3 = window.d3;
  const svg = d3.select(box).append("svg").attr("viewBox", "0 0 400 40").attr("aria-hidden", "true");
  const grad = svg.append("defs").append("linearGradient").attr("id", "legend-grad");
  d3.range(0, 1.01, 0.1).forEach((t) =>
    grad
      .append("stop")
      .attr("offset", `${t * 100}%`)
      .attr("stop-color", scoreColour(t * 2 - 1, meta.quad_classes)),
  );
  svg
    .append("rect")
    .attr("x", 10)
    .attr("y", 4)
    .attr("width", 300)
    .attr("height", 12)
    .attr("fill", "url(#legend-grad)");
  svg.append("rect").attr("x", 330).attr("y", 4).attr("width", 20).attr("height", 12).attr("fill", NO_DATA);
  [
    ["−1 conflict", 10, "start"],
    ["0", 160, "middle"],
    ["+1 cooperation", 310, "end"],
    ["no data", 340, "middle"],
  ].forEach(([t, x, a]) => svg.append("text").attr("x", x).attr("y", 32).attr("text-anchor", a).text(t));
}

function chips(items, empty) {
  return el("p", { class: "chips" }, items.length ? items : [el("span", { class: "muted" }, empty)]);
}

function sanctionsTable(rows) {
  if (!rows.length) return el("p", { class: "muted" }, "none");
  return el(
    "div",
    { class: "scroll" },
    table(
      [
        { label: "Regime", value: (r) => el("span", { title: `Source: ${r.source}` }, r.regime) },
        { label: "Sender", value: (r) => (r.via ? `${r.sender} via ${r.via}` : r.sender) },
        { label: "Target", value: (r) => r.target },
        { label: "Since", value: (r) => r.since },
      ],
      rows,
    ),
  );
}

// The profile: memberships, allies, sanctions, and the closest partners with the same score,
// basis and event count the map shows for them.
function renderProfile(box, p, byCode, scores, meta) {
  const allies = [...new Map(p.allies.map((a) => [a.code, a])).values()];
  const memberships = p.memberships.map((m) =>
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
  );
  // treaties binding the state, then its other standings (signed only, withdrawn, de-ratified,
  // ended, or bound with a note such as a contested step), each with its source
  const treatyChips = p.treaties.map((code) => el("span", { class: "chip" }, code));
  const standingChips = (p.treaty_standings || []).map((t) =>
    el(
      "span",
      {
        class: "chip",
        "data-treaty": t.treaty,
        title: `${t.name}: ${t.status}` + (t.note ? `\nNote: ${t.note}` : "") + `\nSource: ${t.source}`,
      },
      `${t.treaty}: ${t.status}`,
    ),
  );
  const allyChips = allies.map((a) =>
    el("span", { class: "chip", title: `${a.name}: ${a.alliance}\nSource: ${a.source}` }, a.code),
  );
  box.replaceChildren(
    el("h3", { id: "profile-name" }, `${p.name} (${p.code})`),
    p.region ? el("p", { class: "muted" }, p.region) : null,
    el("h4", {}, `Memberships (${p.memberships.length})`),
    chips(memberships, "none"),
    p.unrecorded && p.unrecorded.length
      ? el(
          "p",
          { class: "muted", id: "profile-unrecorded" },
          `Not named on the partial lists of ${p.unrecorded.join(", ")}: ` +
            `whether ${p.code} is a member or party there is not recorded.`,
        )
      : null,
    el("h4", {}, `Treaties in force (${p.treaties.length})`),
    chips(treatyChips, "none"),
    standingChips.length
      ? el(
          "div",
          { id: "profile-standings" },
          el("h4", {}, "Treaty notes and other standings"),
          chips(standingChips, ""),
        )
      : null,
    el("h4", {}, `Allies (${allies.length})`),
    chips(allyChips, "none"),
    el("h4", {}, "Sanctions faced"),
    sanctionsTable(p.sanctions_faced),
    el("h4", {}, "Sanctions imposed"),
    sanctionsTable(p.sanctions_imposed),
    el("h4", {}, `Main partners (by ${p.top_partners.length ? p.top_partners[0].basis : "—"})`),
    p.top_partners.length
      ? el(
          "ol",
          { class: "partners" },
          p.top_partners.map((t) => {
            const s = byCode.get(t.code);
            return el(
              "li",
              { "data-code": t.code },
              `${t.name} `,
              el(
                "span",
                { class: "muted" },
                s ? `${fmt(s.score)}: ${scoreNote(s, scores, meta)}` : "no data",
              ),
            );
          }),
        )
      : el("p", { class: "muted" }, "none"),
  );
}
