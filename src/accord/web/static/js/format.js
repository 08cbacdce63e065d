// Pure text formatting shared by the pages: numbers, names of series keys, progress.

// A number with `digits` decimals, or an en dash for a missing value.
export function fmt(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return "–";
  return Number(x).toFixed(digits);
}

// A column key as words: "material_conflict" -> "material conflict".
export function words(key) {
  return String(key).replaceAll("_", " ");
}

// A fraction in [0, 1] as a whole percentage, clamped.
export function percent(fraction) {
  return Math.round(Math.min(1, Math.max(0, Number(fraction) || 0)) * 100);
}
