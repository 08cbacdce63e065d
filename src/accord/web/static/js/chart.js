// A small d3 line chart: several named series over x, optional shaded bands, vertical markers
// (shocks), axes and legend. Dates stand at their times on a time axis, so a stretch without
// data is a stretch of axis; missing values (null) break lines: gaps stay gaps. The drawing is
// as wide as its figure (at most 720 units), so labels keep their size on a phone.
import { colourOf } from "./colours.js";
import { fmt } from "./format.js";
import { yValues } from "./shape.js";

// The x scale over `values` onto `range`: dates on a UTC time scale (positions proportional to
// the time between them, not to their rank), numbers on a linear one.
export function xScale(d3, values, xType, range) {
  const scale = xType === "time" ? d3.scaleUtc() : d3.scaleLinear();
  return scale.domain(d3.extent(values)).range(range);
}

// The y axis: about `count` ticks; whole numbers only when every series counts things
// (digits 0), so a count axis never reads 0.5 events.
export function yAxis(d3, y, series, count = 6) {
  const axis = d3.axisLeft(y).ticks(count);
  if (series.length && series.every((s) => s.digits === 0)) {
    axis.tickValues(y.ticks(count).filter(Number.isInteger)).tickFormat(d3.format("d"));
  }
  return axis;
}

// An x value as text: a date as its day, a number as it is.
export function xText(x) {
  return x instanceof Date ? x.toISOString().slice(0, 10) : String(x);
}

// series: [{name, digits?, points: [{x, y, label?}]}]; bands: [{name, points: [{x, lo, hi}]}];
// each point's dot carries its x (data-x) and a tooltip: series, label (or x) and value.
export function lineChart(
  figure,
  { series = [], bands = [], markers = [], xLabel = "", yLabel = "", title = "", xType = "linear" },
) {
  const d3 = window.d3;
  const width = Math.round(Math.max(300, Math.min(720, figure.clientWidth || 720)));
  const height = width < 500 ? 260 : 300;
  const m = { top: 24, right: 16, bottom: 40, left: 56 };
  const xs = [
    ...series.flatMap((s) => s.points.map((p) => p.x)),
    ...bands.flatMap((b) => b.points.map((p) => p.x)),
  ];
  const ys = yValues(series, bands);
  const x = xScale(d3, xs, xType, [m.left, width - m.right]);
  const y = d3
    .scaleLinear()
    .domain(d3.extent(ys.length ? ys : [0, 1]))
    .nice()
    .range([height - m.bottom, m.top]);
  const svg = d3
    .select(figure)
    .append("svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", title);
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(width < 500 ? 4 : 8));
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${m.left},0)`)
    .call(yAxis(d3, y, series));
  svg
    .append("text")
    .attr("x", width / 2)
    .attr("y", height - 6)
    .attr("text-anchor", "middle")
    .text(xLabel);
  svg
    .append("text")
    .attr("transform", `translate(14,${height / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .text(yLabel);
  bands.forEach((b, i) => {
    const area = d3
      .area()
      .defined((p) => p.lo !== null && p.hi !== null)
      .x((p) => x(p.x))
      .y0((p) => y(p.lo))
      .y1((p) => y(p.hi));
    svg
      .append("path")
      .attr("class", "band")
      .attr("fill", b.colour || colourOf(i))
      .attr("d", area(b.points))
      .append("title")
      .text(b.name);
  });
  markers.forEach((mk) => {
    const g = svg.append("g").attr("class", "marker");
    g.append("line")
      .attr("x1", x(mk.x))
      .attr("x2", x(mk.x))
      .attr("y1", m.top)
      .attr("y2", height - m.bottom)
      .attr("stroke", "#555")
      .attr("stroke-dasharray", "4 3");
    g.append("text")
      .attr("x", x(mk.x) + 3)
      .attr("y", m.top + 10)
      .attr("class", "marker-label")
      .text(mk.label);
    g.append("title").text(mk.title || mk.label);
  });
  series.forEach((s, i) => {
    const line = d3
      .line()
      .defined((p) => p.y !== null && Number.isFinite(p.y))
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    const colour = s.colour || colourOf(i);
    svg
      .append("path")
      .attr("class", "line")
      .attr("stroke", colour)
      .attr("d", line(s.points))
      .append("title")
      .text(s.name);
    svg
      .append("g")
      .selectAll("circle")
      .data(s.points.filter((p) => p.y !== null && Number.isFinite(p.y)))
      .join("circle")
      .attr("data-x", (p) => xText(p.x))
      .attr("cx", (p) => x(p.x))
      .attr("cy", (p) => y(p.y))
      .attr("r", s.points.length > 60 ? 1.5 : 2.5)
      .attr("fill", colour)
      .append("title")
      .text((p) => `${s.name}, ${p.label ?? xText(p.x)}: ${fmt(p.y, s.digits ?? 2)}`);
  });
  const legend = document.createElement("div");
  legend.className = "chart-legend";
  [...bands, ...series].forEach((s, i) => {
    const item = document.createElement("span");
    const idx = i < bands.length ? i : i - bands.length;
    item.style.setProperty("--swatch", s.colour || colourOf(idx));
    item.textContent = s.name;
    legend.append(item);
  });
  figure.append(legend);
  return svg;
}
