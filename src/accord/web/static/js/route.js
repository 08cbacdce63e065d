// Pure hash routing: which page and argument a location hash names.

// "#/dyad/USA/CHN" -> { name: "dyad", arg: "USA/CHN" }; unknown pages fall back to `fallback`.
export function parseHash(hash, pages, fallback = "map") {
  const [name, ...rest] = String(hash || "")
    .replace(/^#\/?/, "")
    .split("/");
  const known = Object.prototype.hasOwnProperty.call(pages, name);
  return { name: known ? name : fallback, arg: (known && rest.join("/")) || null };
}

// The two country codes of a dyad argument ("USA/CHN"), each falling back to its default.
export function dyadPair(arg, defaults = ["USA", "CHN"]) {
  const [a, b] = String(arg || "").split("/");
  return [a || defaults[0], b || defaults[1]];
}

export function dyadHash(a, b) {
  return `#/dyad/${a}/${b}`;
}
