// Pure data shaping: API answers turned into chart series, request queries and payloads.
// URL query text for `params`: empty values dropped, arrays repeated.
export function queryString(params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => query.append(key, v));
    else query.set(key, value);
  }
  return query.toString();
}

// One series per quad class (whole counts), coloured as the meta says, at the period starts.
export function quadSeries(points, quadClasses) {
  return quadClasses.map((q) => ({
    name: q.name,
    colour: q.colour,
    digits: 0,
    points: points.map((p) => ({ x: new Date(p.start), y: p[q.key], label: p.period })),
  }));
}

// The Goldstein mean scaled to [-1, 1] by the scale's bound, beside net cooperation.
export function goldsteinSeries(points, scale) {
  const bound = Math.max(Math.abs(scale.min), Math.abs(scale.max));
  const x = (p) => new Date(p.start);
  return [
    {
      name: `Goldstein mean / ${bound}`,
      points: points.map((p) => ({
        x: x(p),
        y: p.goldstein_mean === null ? null : p.goldstein_mean / bound,
        label: p.period,
      })),
    },
    {
      name: "net cooperation",
      points: points.map((p) => ({ x: x(p), y: p.net_cooperation, label: p.period })),
    },
  ];
}

// The metrics of a simulation result worth a chart, in the meta's order.
export function chartedMetrics(result, metrics) {
  return metrics.filter((m) => Array.isArray(result.bands[m]) && result.bands[m].length);
}

// The 5-95% and 25-75% bands and the median of one metric's quantile rows.
export function bandSeries(rows) {
  return {
    bands: [
      { name: "5–95%", colour: "#90cdf4", points: rows.map((r) => ({ x: r.step, lo: r.q05, hi: r.q95 })) },
      { name: "25–75%", colour: "#3182ce", points: rows.map((r) => ({ x: r.step, lo: r.q25, hi: r.q75 })) },
    ],
    series: [{ name: "median", colour: "#1a365d", points: rows.map((r) => ({ x: r.step, y: r.q50 })) }],
  };
}

// The forecast request for one issue on a 0-100 scale from the editor's rows of strings.
export function casePayload(issueName, rows) {
  const issue = String(issueName).trim() || "issue";
  const stakeholders = rows.map(([name, cap, pos, sal]) => ({
    name: String(name).trim(),
    capability: Number(cap),
    positions: { [issue]: Number(pos) },
    saliences: { [issue]: Number(sal) },
  }));
  return { case: { name: "dashboard", issues: [{ name: issue, low: 0, high: 100 }], stakeholders } };
}

// Each stakeholder's position over the rounds of one issue (round 0: the stated position),
// and the median.
export function roundSeries(stakeholders, issue) {
  const start = stakeholders.filter((s) => issue.issue in s.positions);
  const series = start.map((s) => ({
    name: s.name,
    points: [
      { x: 0, y: s.positions[issue.issue] },
      ...issue.rounds.map((r) => ({ x: r.round, y: r.positions[s.name] ?? null })),
    ],
  }));
  series.push({
    name: "median",
    colour: "#000",
    points: [{ x: 0, y: null }, ...issue.rounds.map((r) => ({ x: r.round, y: r.median }))],
  });
  return series;
}

// The finite y values of series and bands (for a chart's domain), nulls and NaN left out.
export function yValues(series = [], bands = []) {
  return [
    ...series.flatMap((s) => s.points.map((p) => p.y)),
    ...bands.flatMap((b) => b.points.flatMap((p) => [p.lo, p.hi])),
  ].filter((v) => v !== null && Number.isFinite(v));
}

// The start of the period after `start` ("YYYY-MM-DD") for a period length of the meta.
export function nextPeriod(start, by) {
  const d = new Date(`${start}T00:00:00Z`);
  const months = { month: 1, quarter: 3, year: 12 }[by];
  if (months) d.setUTCMonth(d.getUTCMonth() + months);
  else d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

// The start of the period before `start`.
export function previousPeriod(start, by) {
  const d = new Date(`${start}T00:00:00Z`);
  const months = { month: 1, quarter: 3, year: 12 }[by];
  if (months) d.setUTCMonth(d.getUTCMonth() - months);
  else d.setUTCDate(d.getUTCDate() - (by === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

// The label the API gives the period starting on `start` ("YYYY-MM-DD") for a period length.
export function periodLabel(start, by) {
  if (by === "month") return start.slice(0, 7);
  if (by === "quarter") return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
  if (by === "year") return start.slice(0, 4);
  return start;
}

// Dyad points with the periods without events made visible: where periods are missing between
// two points, an empty point (no events, counts 0, means null) is added for the period just
// after the earlier and just before the later one, so counts fall to zero and means break.
// Where more periods are missing, a break point (every value null) stands between those two,
// so no line crosses the stretch (it may be one no dataset covers). At most three points per
// gap, whatever its length; each point keeps its period's date, so the time axis shows the gap.
export function withGaps(points, by) {
  const filler = (start, value) => ({
    start,
    period: periodLabel(start, by),
    events: value,
    verbal_coop: value,
    material_coop: value,
    verbal_conflict: value,
    material_conflict: value,
    goldstein_sum: value,
    goldstein_mean: null,
    net_cooperation: null,
    empty: value === 0,
    gap: value === null,
  });
  const out = [];
  points.forEach((p, i) => {
    out.push(p);
    const next = points[i + 1];
    if (!next) return;
    const after = nextPeriod(p.start, by);
    if (after >= next.start) return;
    out.push(filler(after, 0));
    const before = previousPeriod(next.start, by);
    if (before <= after) return;
    const inside = nextPeriod(after, by);
    if (inside < before) out.push(filler(inside, null));
    out.push(filler(before, 0));
  });
  return out;
}

// The `n` strongest ties of a network: most events first, then the largest |weight|, then by
// pair; with the nodes they touch (in the network's order) and each node's degree among them.
export function topEdges(net, n) {
  const edges = [...net.edges]
    .sort(
      (x, y) =>
        y.events - x.events ||
        Math.abs(y.weight) - Math.abs(x.weight) ||
        `${x.a}${x.b}`.localeCompare(`${y.a}${y.b}`),
    )
    .slice(0, Math.max(0, n));
  const degree = new Map();
  for (const e of edges) {
    degree.set(e.a, (degree.get(e.a) || 0) + 1);
    degree.set(e.b, (degree.get(e.b) || 0) + 1);
  }
  const nodes = net.nodes
    .filter((x) => degree.has(x.code))
    .map((x) => ({ ...x, degree: degree.get(x.code) }));
  return { nodes, edges };
}

// The codes of the `n` best-connected nodes (ties by code), the ones worth a label.
export function labelled(nodes, n) {
  return new Set(
    [...nodes]
      .sort((x, y) => y.degree - x.degree || x.code.localeCompare(y.code))
      .slice(0, n)
      .map((x) => x.code),
  );
}

// The calendar date of simulation step `step` of a scenario starting on `start`.
export function stepDate(start, stepDays, step) {
  const d = new Date(`${String(start).slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + stepDays * step);
  return d;
}

// The datasets a relations view may filter by: without a run, those holding real events (a
// dataset of simulated events only counts for one run, so alone it would show nothing); with
// a run, those holding simulated events. `left` names the simulated-only datasets left out.
export function datasetChoices(datasets, run) {
  const real = (d) => (d.events || 0) > (d.simulated || 0);
  const offered = datasets.filter((d) => (run ? (d.simulated || 0) > 0 : real(d)));
  const left = run ? [] : datasets.filter((d) => !real(d)).map((d) => d.dataset);
  return { offered, left };
}

// A country's stability below this marks its bloc placement as weak (UNSTABLE_BELOW in
// accord.relations.network_blocs; docs/relations.md).
export const UNSTABLE_BELOW = 0.6;

// Each bloc's members as text, a weak placement marked with "*": ["USA, FRA*", ...].
export function blocMembers(net) {
  const stability = new Map(net.nodes.map((n) => [n.code, n.stability]));
  const weak = (code) => {
    const s = stability.get(code);
    return s !== null && s !== undefined && s < UNSTABLE_BELOW;
  };
  return net.blocs.map((bloc) => bloc.map((code) => (weak(code) ? `${code}*` : code)).join(", "));
}
