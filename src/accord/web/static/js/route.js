// Pure hash routing: which page, argument and view state a location hash names, and back.
// A view's whole state lives in the hash, "#/dyad/USA/CHN?by=year&dataset=icews&on=2022-06-01",
// so a link shows a colleague the same view.

// "#/dyad/USA/CHN?by=year" -> { name: "dyad", arg: "USA/CHN", params: { by: "year" } };
// unknown pages fall back to `fallback` (without argument or state).
export function parseHash(hash, pages, fallback = "map") {
  const text = String(hash || "").replace(/^#\/?/, "");
  const cut = text.indexOf("?");
  const path = cut < 0 ? text : text.slice(0, cut);
  const [name, ...rest] = path.split("/").map(decodeURIComponent);
  const known = Object.prototype.hasOwnProperty.call(pages, name);
  const params = known && cut >= 0 ? Object.fromEntries(new URLSearchParams(text.slice(cut + 1))) : {};
  return { name: known ? name : fallback, arg: (known && rest.join("/")) || null, params };
}

// The hash of a page, its argument and its state (empty values left out, keys sorted).
export function buildHash(name, arg = null, params = {}) {
  const path = [name, ...(arg ? String(arg).split("/") : [])].map(encodeURIComponent).join("/");
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return `#/${path}${text ? `?${text}` : ""}`;
}

// The two country codes of a dyad argument ("USA/CHN"), each falling back to its default.
export function dyadPair(arg, defaults = ["USA", "CHN"]) {
  const [a, b] = String(arg || "").split("/");
  return [a || defaults[0], b || defaults[1]];
}

// The dyad explorer's hash for a pair, with optional state (dates, dataset, period).
export function dyadHash(a, b, params = {}) {
  return buildHash("dyad", `${a}/${b}`, params);
}

// A date "YYYY-MM-DD" when `text` is one (a real day), else null.
export function isoDate(text) {
  const s = String(text || "");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}
