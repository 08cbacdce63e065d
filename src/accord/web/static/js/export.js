// Downloads: every chart as SVG and PNG, every table as CSV, made in the browser from what is
// on screen (no server round trip, nothing loaded from elsewhere, so the page's CSP holds).
import { csvText, fileName } from "./format.js";
import { el } from "./ui.js";

// The presentation properties copied inline, so a saved SVG looks like the chart on screen.
const STYLED = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
];

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, class: "sr-only" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The SVG's markup with the computed styles of its elements written as attributes.
export function svgMarkup(svg) {
  const copy = svg.cloneNode(true);
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  originals.forEach((node, i) => {
    // presentation attributes, not a style attribute: the page's CSP forbids inline styles
    const style = getComputedStyle(node);
    STYLED.forEach((p) => copies[i].setAttribute(p, style.getPropertyValue(p)));
  });
  const box = svg.viewBox.baseVal;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", box.width || svg.clientWidth);
  copy.setAttribute("height", box.height || svg.clientHeight);
  copy.insertBefore(
    Object.assign(document.createElementNS("http://www.w3.org/2000/svg", "rect"), {}),
    copy.firstChild,
  );
  const background = copy.firstChild;
  background.setAttribute("x", box.x || 0);
  background.setAttribute("y", box.y || 0);
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#fff");
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(svg, name) {
  save(new Blob([svgMarkup(svg)], { type: "image/svg+xml" }), name);
}

// A PNG of the SVG at twice its size (drawn from a data: URL, which the CSP allows for images).
export function downloadPng(svg, name) {
  const markup = svgMarkup(svg);
  const box = svg.viewBox.baseVal;
  const image = new Image();
  image.onload = () => {
    const canvas = el("canvas", { width: box.width * 2, height: box.height * 2 });
    const g = canvas.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => save(blob, name), "image/png");
  };
  const bytes = new TextEncoder().encode(markup);
  let binary = "";
  bytes.forEach((b) => {
    binary += String.fromCharCode(b);
  });
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
}

// "SVG" and "PNG" buttons for the chart in `figure`, saving as `stem`.svg / .png (`stem`: the
// parts of the file name, or a function giving them when the button is pressed).
export function chartDownloads(figure, stem) {
  const svg = () => figure.querySelector("svg");
  const parts = () => (typeof stem === "function" ? stem() : stem);
  const bar = el(
    "div",
    { class: "downloads" },
    el(
      "button",
      {
        type: "button",
        class: "secondary",
        "data-download": "svg",
        onclick: () => downloadSvg(svg(), fileName(parts(), "svg")),
      },
      "SVG",
    ),
    el(
      "button",
      {
        type: "button",
        class: "secondary",
        "data-download": "png",
        onclick: () => downloadPng(svg(), fileName(parts(), "png")),
      },
      "PNG",
    ),
  );
  figure.append(bar);
  return bar;
}

// A "CSV" button saving `rows` under `columns` (each with `label` and `csv(row)`).
export function csvButton(columns, rows, stem) {
  return el(
    "button",
    {
      type: "button",
      class: "secondary",
      "data-download": "csv",
      onclick: () => save(new Blob([csvText(columns, rows)], { type: "text/csv" }), fileName(stem, "csv")),
    },
    "CSV",
  );
}
