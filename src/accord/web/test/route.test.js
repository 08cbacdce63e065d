import assert from "node:assert/strict";
import { test } from "node:test";

import { dyadHash, dyadPair, parseHash } from "../static/js/route.js";

const PAGES = { map: {}, network: {}, dyad: {} };

test("parseHash names the page and keeps the rest as its argument", () => {
  assert.deepEqual(parseHash("#/dyad/USA/CHN", PAGES), { name: "dyad", arg: "USA/CHN" });
  assert.deepEqual(parseHash("#/map/FRA", PAGES), { name: "map", arg: "FRA" });
  assert.deepEqual(parseHash("#network", PAGES), { name: "network", arg: null });
});

test("parseHash falls back to the map for empty or unknown hashes", () => {
  assert.deepEqual(parseHash("", PAGES), { name: "map", arg: null });
  assert.deepEqual(parseHash("#/nowhere/USA", PAGES), { name: "map", arg: null });
  assert.deepEqual(parseHash("#/toString", PAGES), { name: "map", arg: null });
});

test("dyadPair fills missing codes with the defaults", () => {
  assert.deepEqual(dyadPair("RUS/UKR"), ["RUS", "UKR"]);
  assert.deepEqual(dyadPair("RUS"), ["RUS", "CHN"]);
  assert.deepEqual(dyadPair(null), ["USA", "CHN"]);
  assert.deepEqual(dyadPair("", ["FRA", "DEU"]), ["FRA", "DEU"]);
});

test("dyadHash is the route parseHash reads back", () => {
  assert.equal(dyadHash("IND", "PAK"), "#/dyad/IND/PAK");
  assert.deepEqual(parseHash(dyadHash("IND", "PAK"), PAGES), { name: "dyad", arg: "IND/PAK" });
});
