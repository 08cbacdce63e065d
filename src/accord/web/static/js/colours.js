// Pure colour choices: a categorical palette, and the quad-class colours the API serves
// (`/api/meta`), so a quad class has the same colour on every page and in the PNG plots. The one
// colour language: cooperation in blues, conflict in reds, neutral pale grey, no data hatched
// grey; the map's diverging scale runs between material conflict and material cooperation.

// The fill of a country or cell without data (distinct from a neutral score).
export const NO_DATA = "#bdbdbd";
// The middle of the diverging scale: a score of 0.
export const NEUTRAL = "#f7f7f7";

export const PALETTE = [
  "#2b6cb0",
  "#c05621",
  "#2f855a",
  "#6b46c1",
  "#b83280",
  "#2c7a7b",
  "#975a16",
  "#4a5568",
  "#c53030",
  "#3182ce",
];

export const colourOf = (i) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];

// Quad-class key -> colour, from the meta's quad classes.
export function quadColours(quadClasses) {
  return Object.fromEntries(quadClasses.map((q) => [q.key, q.colour]));
}

// The colours of cooperation and conflict in a signed graph: those of material cooperation (2)
// and material conflict (4), the stronger class of each side.
export function relationColours(quadClasses) {
  const byNumber = new Map(quadClasses.map((q) => [q.number, q.colour]));
  return { cooperation: byNumber.get(2), conflict: byNumber.get(4) };
}

// A relation score in [-1, 1] as a position in [0, 1] on a diverging scale (clamped).
export function scoreToUnit(score) {
  return (Math.min(1, Math.max(-1, Number(score))) + 1) / 2;
}

function rgb(hex) {
  const n = parseInt(String(hex).replace("#", ""), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]) {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

// The colour of a relation score in [-1, 1]: material conflict at -1, neutral at 0, material
// cooperation at +1 (linear in RGB between them); NO_DATA for a missing score.
export function scoreColour(score, quadClasses) {
  if (score === null || score === undefined || !Number.isFinite(Number(score))) return NO_DATA;
  const { cooperation, conflict } = relationColours(quadClasses);
  const t = Math.min(1, Math.max(-1, Number(score)));
  const end = rgb(t >= 0 ? cooperation : conflict);
  const mid = rgb(NEUTRAL);
  const k = Math.abs(t);
  return hex(mid.map((m, i) => m + (end[i] - m) * k));
}
