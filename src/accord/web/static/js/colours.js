// Pure colour choices: a categorical palette, and the quad-class colours the API serves
// (`/api/meta`), so a quad class has the same colour on every page and in the PNG plots.

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
