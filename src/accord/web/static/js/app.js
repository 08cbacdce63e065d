// The dashboard shell: hash routing between pages, the shared date, the list of states, and
// the constants the API serves once (`/api/meta`). The whole state of a view lives in the hash
// ("#/page/arg?key=value&on=YYYY-MM-DD"), so its link shows a colleague the same view.
import { get } from "./api.js";
import { buildHash, isoDate, parseHash } from "./route.js";
import { el, localCode, setStatus, showError } from "./ui.js";
import { alertText, badgeText, CAPABILITY, listen, problemText } from "./live.js";
import * as map from "./pages/map.js";
import * as network from "./pages/network.js";
import * as dyad from "./pages/dyad.js";
import * as negotiation from "./pages/negotiation.js";
import * as simulation from "./pages/simulation.js";
import * as exercises from "./pages/exercises.js";

const PAGES = { map, network, dyad, negotiation, simulation, exercises };
const main = document.getElementById("main");
const dateInput = document.getElementById("on");
const today = new Date().toISOString().slice(0, 10);
const ctx = { on: today, states: [], names: [], health: null, meta: null, page: null };
let renderToken = 0;
let current = { name: "map", arg: null, params: {} };

// Write a page's state into the URL (no reload): its argument and parameters, and the date.
function setState(arg, params = {}) {
  current = { ...current, arg, params };
  const on = ctx.on === today ? null : ctx.on;
  history.replaceState(null, "", buildHash(current.name, arg, { ...params, on }));
}

// The state code a search text names: a code or name of a state on the date, or an alias.
function resolveName(text) {
  const local = localCode(text, ctx.states);
  if (local) return local;
  const t = String(text).trim().toLowerCase();
  const hit = ctx.names.find((n) => n.name.toLowerCase() === t);
  return hit ? hit.code : null;
}

async function render() {
  const { name, arg, params } = parseHash(location.hash, PAGES);
  const { on, ...rest } = params;
  ctx.on = isoDate(on) || today;
  dateInput.value = ctx.on;
  current = { name, arg, params: rest };
  const token = ++renderToken;
  document.querySelectorAll("nav a").forEach((a) => {
    if (a.dataset.page === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  if (ctx.page && ctx.page.leave) ctx.page.leave();
  ctx.page = PAGES[name];
  main.replaceChildren();
  main.dataset.page = name;
  document.title = `Accord · ${document.querySelector(`nav a[data-page="${name}"]`).textContent}`;
  try {
    [ctx.states, ctx.names] = await Promise.all([
      get("/api/world/states", { on: ctx.on }),
      get("/api/world/names", { on: ctx.on }),
    ]);
    if (token !== renderToken) return;
    await ctx.page.render(main, { ...ctx, arg, params: rest, setState, resolveName, setDate });
    if (token === renderToken) main.dataset.ready = "true";
    setStatus("");
  } catch (err) {
    if (token === renderToken) showError(main, err);
  }
}

// Move the whole dashboard to another date (kept in the URL), re-rendering the page.
function setDate(on) {
  const day = isoDate(on);
  if (!day) return;
  location.hash = buildHash(current.name, current.arg, { ...current.params, on: day });
}

// When the server follows a publisher: a header badge counting new alerts, and a notice.
function startLive() {
  let count = 0;
  const badge = el("span", { class: "live-badge", role: "status", "data-state": "connecting" });
  badge.hidden = true;
  document.querySelector("header.top").append(badge);
  listen(
    (message) => {
      count += 1;
      badge.textContent = badgeText(count);
      badge.title = alertText(message);
      badge.hidden = false;
      setStatus(alertText(message), "alert");
    },
    (state) => {
      badge.dataset.state = state;
    },
    globalThis.EventSource,
    (message) => setStatus(problemText(message), "error"),
  );
}

async function start() {
  dateInput.value = ctx.on;
  dateInput.addEventListener("change", () => setDate(dateInput.value));
  [ctx.health, ctx.meta] = await Promise.all([get("/api/health"), get("/api/meta")]);
  if (ctx.health.capabilities.includes(CAPABILITY)) startLive();
  window.addEventListener("hashchange", render);
  await render();
}

start().catch((err) => showError(main, err));
