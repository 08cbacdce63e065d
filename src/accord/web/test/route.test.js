import assert from "node:assert/strict";
import { test } from "node:test";

import { buildHash, dyadHash, dyadPair, isoDate, parseHash } from "../static/js/route.js";

const PAGES = { map: {}, network: {}, dyad: {} };

test("parseHash names the page and keeps the rest as its argument", () => {
  assert.deepEqual(parseHash("#/dyad/USA/CHN", PAGES), { name: "dyad", arg: "USA/CHN", params: {} });
  assert.deepEqual(parseHash("#/map/FRA", PAGES), { name: "map", arg: "FRA", params: {} });
  assert.deepEqual(parseHash("#network", PAGES), { name: "network", arg: null, params: {} });
});

test("parseHash reads the view state after '?'", () => {
  assert.deepEqual(parseHash("#/dyad/RUS/UKR?by=year&dataset=icews&on=2022-06-01", PAGES), {
    name: "dyad",
    arg: "RUS/UKR",
    params: { by: "year", dataset: "icews", on: "2022-06-01" },
  });
  assert.deepEqual(parseHash("#/map?on=1990-01-01", PAGES), {
    name: "map",
    arg: null,
    params: { on: "1990-01-01" },
  });
});

test("parseHash falls back to the map for empty or unknown hashes", () => {
  assert.deepEqual(parseHash("", PAGES), { name: "map", arg: null, params: {} });
  assert.deepEqual(parseHash("#/nowhere/USA?on=2020-01-01", PAGES), { name: "map", arg: null, params: {} });
  assert.deepEqual(parseHash("#/toString", PAGES), { name: "map", arg: null, params: {} });
});

test("buildHash drops empty values, sorts keys and round-trips through parseHash", () => {
  const hash = buildHash("network", null, { to: "2024-01-01", from: "2020-01-01", min: 5, top: "" });
  assert.equal(hash, "#/network?from=2020-01-01&min=5&to=2024-01-01");
  assert.deepEqual(parseHash(hash, PAGES), {
    name: "network",
    arg: null,
    params: { from: "2020-01-01", min: "5", to: "2024-01-01" },
  });
  assert.equal(buildHash("map", "CIV", {}), "#/map/CIV");
  const odd = buildHash("map", "A B", { q: "x&y=z" });
  assert.deepEqual(parseHash(odd, PAGES), { name: "map", arg: "A B", params: { q: "x&y=z" } });
});

test("dyadPair fills missing codes with the defaults", () => {
  assert.deepEqual(dyadPair("RUS/UKR"), ["RUS", "UKR"]);
  assert.deepEqual(dyadPair("RUS"), ["RUS", "CHN"]);
  assert.deepEqual(dyadPair(null), ["USA", "CHN"]);
  assert.deepEqual(dyadPair("", ["FRA", "DEU"]), ["FRA", "DEU"]);
});

test("dyadHash is the route parseHash reads back", () => {
  assert.equal(dyadHash("IND", "PAK"), "#/dyad/IND/PAK");
  assert.equal(dyadHash("IND", "PAK", { by: "year" }), "#/dyad/IND/PAK?by=year");
  assert.deepEqual(parseHash(dyadHash("IND", "PAK"), PAGES), { name: "dyad", arg: "IND/PAK", params: {} });
});

test("isoDate accepts real days only", () => {
  assert.equal(isoDate("2022-06-01"), "2022-06-01");
  assert.equal(isoDate("2022-02-30"), null);
  assert.equal(isoDate("2022-6-1"), null);
  assert.equal(isoDate(undefined), null);
});
