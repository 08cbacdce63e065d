// One exercise session, opened with a token (exercise.html?session=<sid>&token=...): a
// player's view (brief, objectives, clock, inbox, messages, tables, actions, decisions) or,
// with the facilitator's token, the console (every role, injects, the clock, the turn, seats,
// the debrief). The inbox updates live over the session's server-sent-events stream.
import { get, post } from "../api.js";
import { clockLine, clockPaused, follow, mergeMoves, moveText, sessionPath, streamUrl } from "../exercise.js";
import { el, setStatus, showError } from "../ui.js";
import { consolePanels, debriefPanel } from "./console.js";
import { actionsPanel, composePanel, decisionsPanel, renderTable } from "./moves.js";

// The open session: its id and token, the last view, clock, moves; the stream and timers.
let S = null;

// Close the stream and stop the timers of the session shown (before showing another).
export function leave() {
  if (!S) return;
  S.closed = true;
  if (S.stream) S.stream.close();
  clearInterval(S.tick);
  clearTimeout(S.pending);
  S = null;
}

// Render session `sid` as `token` sees it into `container`, and follow it live.
export async function render(container, sid, token) {
  leave();
  container.append(el("h2", {}, "Exercise session"));
  if (!sid || !token) {
    container.append(
      el(
        "p",
        { class: "error", role: "alert", id: "exercise-no-token" },
        "This link has no session or token: open the invite link your facilitator gave you.",
      ),
    );
    return;
  }
  const path = sessionPath(sid);
  const view = await get(path, {}, token);
  S = { sid, token, path, view, moves: [], last: 0, closed: false, redraws: [] };
  S.call = (method, sub, payload) =>
    method === "GET"
      ? get(`${path}${sub}`, payload || {}, token)
      : post(`${path}${sub}`, payload || {}, token);
  S.perform = (button, label, action, box) => perform(S, button, label, action, box);
  layout(container, S);
  await Promise.all([loadInbox(S), refreshTables(S)]);
  connect(S);
  S.tick = setInterval(() => showClock(S), 1000);
}

// The page's frame: title, who you are, the clock and live badge, then the panels.
function layout(container, s) {
  const v = s.view;
  const me = v.roles.find((r) => r.id === v.you);
  const facilitator = v.you === "facilitator";
  container.querySelector("h2").textContent = facilitator ? `Facilitator console: ${v.title}` : v.title;
  s.clockBox = el("p", { id: "exercise-clock", class: "clock", role: "timer", "aria-live": "off" });
  s.liveBadge = el("span", { id: "exercise-live", class: "live-state", "data-state": "connecting" });
  s.inboxList = el("ul", { id: "inbox", class: "inbox" });
  s.tablesBox = el("div", { id: "tables" });
  s.decisionsBox = el("div", { id: "decisions-list" });
  const who = facilitator
    ? "You are the facilitator: you see every role and write as control."
    : `You play ${me ? me.name : v.you} (${v.you}).`;
  setClock(s, v.clock);
  const panels = [
    briefPanel(s),
    el("section", { class: "panel", id: "inbox-panel" }, el("h3", {}, "Inbox"), s.inboxList),
    composePanel(s),
    el("section", { class: "panel", id: "tables-panel" }, el("h3", {}, "Tables"), s.tablesBox),
    facilitator ? null : actionsPanel(s),
    el("section", { class: "panel", id: "decisions" }, el("h3", {}, "Decision points"), s.decisionsBox),
    ...(facilitator ? consolePanels(s) : []),
    facilitator || v.status === "ended" ? debriefPanel(s) : null,
  ];
  s.grid = el("div", { class: "exercise-grid" }, panels);
  container.append(
    el("p", { id: "exercise-who", "data-you": v.you }, who, " ", s.liveBadge),
    s.clockBox,
    s.grid,
  );
  showDecisions(s);
}

// The briefing: background, every role's public brief, your private brief(s) and objectives,
// and the world map of the session's own events on its date; what changes in play (the date, who plays which
// role) is redrawn on every refresh.
function briefPanel(s) {
  const v = s.view;
  const dateNote = el("span", { id: "exercise-date" });
  const mapLink = el(
    "a",
    { target: "_blank", rel: "noopener", id: "exercise-map" },
    "the world map of this session",
  );
  const briefs = el("div", {});
  const roles = el("ul", {});
  const redraw = () => {
    const view = s.view;
    const me = view.roles.find((r) => r.id === view.you);
    const on = String(view.date);
    dateNote.textContent = on;
    const query = `on=${on}&run=${encodeURIComponent(s.sid)}`;
    mapLink.href = me && me.kind === "state" ? `/#/map/${me.actor}?${query}` : `/#/map?${query}`;
    briefs.replaceChildren(...view.briefs.map(privateBrief));
    roles.replaceChildren(
      ...view.roles.map((r) =>
        el("li", {}, el("strong", {}, `${r.name} (${r.id}, ${r.kind}, ${r.played_by}): `), r.public_brief),
      ),
    );
  };
  s.redraws.push(redraw);
  redraw();
  return el(
    "section",
    { class: "panel", id: "brief" },
    el("h3", {}, "Brief"),
    el("p", { class: "note" }, "World date: ", dateNote, " · ", mapLink),
    v.background
      ? el(
          "details",
          { id: "background", open: window.innerWidth > 600 },
          el("summary", {}, "Background"),
          el("p", {}, v.background),
        )
      : null,
    briefs,
    el(
      "details",
      { id: "public-briefs" },
      el("summary", {}, `Every role's public brief (${v.roles.length})`),
      roles,
    ),
  );
}

// A role's private brief and objectives, and who plays it.
function privateBrief(b) {
  return el(
    "div",
    { class: "private-brief", "data-role": b.role },
    el("h4", {}, `${b.name} (${b.role})${b.player ? ` · played by ${b.player}` : " · AI"}`),
    el("p", {}, el("strong", {}, "Private brief: "), b.private_brief),
    el(
      "ul",
      { class: "objectives" },
      b.objectives.map((o) => el("li", {}, o.text, o.weight !== 1 ? ` (weight ${o.weight})` : "")),
    ),
  );
}

// Remember a clock and when it arrived (it counts down from there).
function setClock(s, clock) {
  const v = s.view;
  s.clock = { turn: v.turn, turns: v.turns, status: v.status, ...(clock || {}) };
  s.clockAt = Date.now();
  showClock(s);
}

function showClock(s) {
  if (!s.clockBox) return;
  s.clockBox.textContent = clockLine(s.clock, Date.now() - s.clockAt);
  s.clockBox.dataset.paused = String(clockPaused(s.clock));
  s.clockBox.dataset.turn = String(s.clock.turn);
}

// Fetch the moves after the last one seen and show them.
async function loadInbox(s) {
  const box = await s.call("GET", "/inbox", { since: s.last });
  addMoves(s, box.moves);
}

// Show `moves` in the inbox (each once, newest first).
function addMoves(s, moves) {
  const merged = mergeMoves(s.moves, moves);
  s.moves = merged.moves;
  s.last = merged.last;
  s.inboxList.replaceChildren(
    ...[...s.moves]
      .reverse()
      .map((m) =>
        el(
          "li",
          { "data-seq": m.seq, "data-kind": m.kind, class: m.ai ? "ai" : "" },
          el("span", { class: "turn" }, `T${m.turn}`),
          " ",
          moveText(m, s.view.you),
        ),
      ),
  );
}

// Re-read the tables and show them.
async function refreshTables(s) {
  const found = await Promise.all(
    s.view.tables.map((t) => s.call("GET", `/tables/${encodeURIComponent(t)}`)),
  );
  if (!s.tablesBox.children.length || s.tablesBox.children.length !== found.length) {
    s.tablesBox.replaceChildren(
      ...found.map((t) => el("div", { class: "table-card", id: `table-${t.table}`, "data-table": t.table })),
    );
    if (!found.length) s.tablesBox.append(el("p", { class: "muted" }, "No table for your role."));
  }
  for (const t of found) renderTable(s, s.tablesBox.querySelector(`[data-table="${t.table}"]`), t);
}

function showDecisions(s) {
  s.decisionsBox.replaceChildren(decisionsPanel(s));
}

// Re-read the view (turn, clock, decisions) and the tables; after a turn, everything.
async function refresh(s) {
  if (s.closed) return;
  try {
    const turn = s.view.turn;
    s.view = await s.call("GET", "");
    setClock(s, s.view.clock);
    showDecisions(s);
    await Promise.all([refreshTables(s), loadInbox(s)]);
    if (s.view.turn !== turn) setStatus(`Turn ${s.view.turn} has begun`);
    if (s.view.status === "ended" && !s.grid.querySelector("#debrief")) s.grid.append(debriefPanel(s));
    for (const redraw of s.redraws) redraw();
  } catch (err) {
    setStatus(String(err.message || err), "error");
  }
}

// Refresh soon (moves often arrive in bursts: one refresh for a burst).
function refreshSoon(s) {
  clearTimeout(s.pending);
  s.pending = setTimeout(() => refresh(s), 150);
}

// Follow the session's stream from the last move seen: moves into the inbox, the clock, a new
// turn; after a reconnection, catch up on the moves missed meanwhile.
function connect(s) {
  s.stream = follow(() => streamUrl(s.sid, s.token, s.last), {
    state: (state) => {
      s.liveBadge.dataset.state = state;
      s.liveBadge.textContent = state === "live" ? "live" : "reconnecting…";
      if (state === "live") loadInbox(s).catch(() => {});
    },
    move: (move) => {
      addMoves(s, [move]);
      if (!["message", "action", "inject"].includes(move.kind)) refreshSoon(s);
    },
    clock: (clock) => setClock(s, clock),
    turn: () => refreshSoon(s),
  });
}

// Run `action` (a promise of a move) from a button, with status and error reporting.
async function perform(s, button, label, action, box = null) {
  if (button) button.disabled = true;
  setStatus(`${label}…`);
  try {
    const answer = await action();
    if (answer && answer.seq) addMoves(s, [answer]);
    setStatus(`${label}: done`);
    refreshSoon(s);
    return answer;
  } catch (err) {
    if (box) showError(box, err);
    setStatus(`${label}: ${err.message || err}`, "error");
    return null;
  } finally {
    if (button) button.disabled = false;
  }
}
