// Pure text formatting shared by the pages: numbers, names of series keys, progress, CSV, file names.

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

// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); empty for null.
export function csvField(value) {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// CSV text of `rows`: a header of the columns' labels, then each row's `csv(row)` values
// (the raw values, not the rounded ones shown), lines ending in CRLF.
export function csvText(columns, rows) {
  const lines = [columns.map((c) => csvField(c.label))];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.csv(row))));
  return lines.map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

// A file name from parts: lower-case words joined by "-", safe characters only.
export function fileName(parts, extension) {
  const stem = parts
    .filter((p) => p !== null && p !== undefined && p !== "")
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter(Boolean)
    .join("-");
  return `${stem || "accord"}.${extension}`;
}
