// The dashboard shell: hash routing between pages, the shared date, the list of states, and
// the constants the API serves once (`/api/meta`).
import { get } from "./api.js";
import { parseHash } from "./route.js";
import { el, setStatus, showError } from "./ui.js";
import { alertText, badgeText, CAPABILITY, listen } from "./live.js";
import * as map from "./pages/map.js";
import * as network from "./pages/network.js";
import * as dyad from "./pages/dyad.js";
import * as negotiation from "./pages/negotiation.js";
import * as simulation from "./pages/simulation.js";

const PAGES = { map, network, dyad, negotiation, simulation };
const main = document.getElementById("main");
const dateInput = document.getElementById("on");
const ctx = { on: new Date().toISOString().slice(0, 10), states: [], health: null, meta: null, page: null };
let renderToken = 0;

async function render() {
  const { name, arg } = parseHash(location.hash, PAGES);
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
    ctx.states = await get("/api/world/states", { on: ctx.on });
    if (token !== renderToken) return;
    await ctx.page.render(main, { ...ctx, arg });
    setStatus("");
  } catch (err) {
    if (token === renderToken) showError(main, err);
  }
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
  );
}

async function start() {
  dateInput.value = ctx.on;
  dateInput.addEventListener("change", () => {
    if (!dateInput.value) return;
    ctx.on = dateInput.value;
    render();
  });
  [ctx.health, ctx.meta] = await Promise.all([get("/api/health"), get("/api/meta")]);
  if (ctx.health.capabilities.includes(CAPABILITY)) startLive();
  window.addEventListener("hashchange", render);
  await render();
}

start().catch((err) => showError(main, err));
