// Pure helpers of the exercise pages: invite links, the turn clock, recipients, the inbox's
// moves as text, and merging moves that arrive live. No DOM here, so node tests cover it all.

// The API path of one session.
export function sessionPath(sid) {
  return `/api/exercises/sessions/${encodeURIComponent(sid)}`;
}

// The page a token opens a session on, "<origin>/exercise.html?session=<sid>&token=<token>"
// (as `accord.exercises.session.invite_link` writes it).
export function inviteLink(origin, sid, token) {
  return `${origin}/exercise.html?session=${encodeURIComponent(sid)}&token=${encodeURIComponent(token)}`;
}

// The session and token an exercise page's query names ("?session=...&token=...").
export function sessionParams(search) {
  const q = new URLSearchParams(search);
  return { sid: q.get("session") || "", token: q.get("token") || "" };
}

// The players of a start form: role -> name for every row with a name (the rest are AI).
export function playersOf(rows) {
  const out = {};
  for (const [role, name] of rows) {
    const text = String(name || "").trim();
    if (text) out[role] = text;
  }
  return out;
}

// Whole seconds as "m:ss" (or "h:mm:ss"); negative counts as zero.
export function clockText(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

// Seconds left on a clock received `elapsedMs` ago: the clock's `seconds_left` less the time
// since, unless it is paused; null when the turn has no clock.
export function secondsLeft(clock, elapsedMs = 0) {
  if (!clock || clock.seconds_left === null || clock.seconds_left === undefined) return null;
  const left = Number(clock.seconds_left);
  if (clockPaused(clock)) return Math.max(0, left);
  return Math.max(0, left - Math.max(0, elapsedMs) / 1000);
}

// Whether a clock is stopped by the facilitator.
export function clockPaused(clock) {
  return Boolean(clock && (clock.paused === true || clock.status === "paused"));
}

// The clock line a player sees: the turn, and the time left, "paused" or "no time limit".
export function clockLine(clock, elapsedMs = 0) {
  if (!clock) return "";
  const turn = clock.turns ? `Turn ${clock.turn} of ${clock.turns}` : `Turn ${clock.turn}`;
  if (clock.status === "ended") return `${turn} · the exercise is over`;
  const left = secondsLeft(clock, elapsedMs);
  if (clockPaused(clock)) return `${turn} · paused${left === null ? "" : ` at ${clockText(left)}`}`;
  if (left === null) return `${turn} · no time limit`;
  return left > 0 ? `${turn} · ${clockText(left)} left` : `${turn} · time is up`;
}

// Recipients typed as text: "public" (or "*", "everyone") -> ["public"]; else role ids split
// by commas or spaces, each once.
export function recipients(text) {
  const names = String(text || "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.some((n) => ["public", "*", "everyone", "all"].includes(n.toLowerCase()))) return ["public"];
  return [...new Set(names)];
}

// Who may read a move, in words.
export function audienceText(audience, you = null) {
  const list = audience || [];
  if (list.includes("*")) return "everyone";
  return list.map((r) => (r === you ? "you" : r)).join(", ") || "nobody";
}

// A proposal's values as "inspection 40, materials 30.25" (at most two decimals).
export function valuesText(values) {
  return Object.entries(values || {})
    .map(([issue, v]) => `${issue} ${Math.round(Number(v) * 100) / 100}`)
    .join(", ");
}

// One move of the inbox as a line of text (who, what, to whom).
export function moveText(move, you = null) {
  const b = move.body || {};
  const mine = move.role === you;
  const who = mine ? "You" : move.role;
  const does = (verb) => (mine ? verb : `${verb}s`);
  const why = b.override ? ` (override${b.note ? `: ${b.note}` : ""})` : "";
  const to = audienceText(move.audience, you);
  switch (move.kind) {
    case "message":
      return `${who} → ${to}: ${b.text}`;
    case "inject":
      return `[${b.channel || "inject"}] ${b.from || "control"}: ${b.text}`;
    case "action":
      return `${who}: ${String(b.action).replaceAll("_", " ")} → ${b.target_role || b.target}`;
    case "propose":
      return `${who} ${does("propose")} at ${b.table}: ${valuesText(b.values)}`;
    case "accept":
    case "reject":
      return `${who} ${does(move.kind)} proposal #${b.proposal} at ${b.table}`;
    case "decide":
      return (
        `${who} ${does("decide")} ${b.decision}: ${b.option}${b.default ? " (default)" : ""}` +
        `${b.text ? ` - ${b.text}` : ""}${why}`
      );
    case "agreement":
      return `Agreement at ${b.table}: ${valuesText(b.values)}${why}`;
    case "player":
      return `Control gives ${b.role} to ${b.player || "the AI"}`;
    default:
      return `${who}: ${move.kind}`;
  }
}

// `known` and `incoming` moves together, each `seq` once, in order; the last `seq` seen.
export function mergeMoves(known, incoming) {
  const bySeq = new Map(known.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  const moves = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { moves, last: moves.length ? moves[moves.length - 1].seq : 0 };
}

// The delay before reconnecting a dropped stream after `attempt` failures: 1 s doubling, at
// most 30 s.
export function reconnectDelay(attempt) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}

// The standing proposals a role may answer: others' proposals it has not answered this turn.
export function answerable(table, you) {
  const answered = new Set(
    (table.answers || []).filter((m) => m.role === you).map((m) => (m.body || {}).proposal),
  );
  const party = (table.parties || []).some((p) => p.role === you);
  return (table.standing || []).filter((p) => party && p.role !== you && !answered.has(p.seq));
}

// "a=1, b=2" -> {a: 1, b: 2}; "" -> {}; null when a part does not read.
export function parseValues(text) {
  const out = {};
  for (const part of String(text || "").split(",")) {
    if (!part.trim()) continue;
    const m = part.match(/^\s*([\w.-]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/);
    if (!m) return null;
    out[m[1]] = Number(m[2]);
  }
  return out;
}

// The proposals tabled at `table` in `turn` (they stand from the next turn), from the moves seen.
export function pendingProposals(moves, table, turn) {
  return moves.filter((m) => m.kind === "propose" && m.turn === turn && (m.body || {}).table === table);
}

// A scheduled inject of the MSEL in one line: when, how, to whom, and whether it has fired.
export function injectLine(inject, fired = false) {
  const minute = inject.minute ? `, minute ${inject.minute}` : "";
  const state = fired ? " · fired" : "";
  return `turn ${inject.turn}${minute} · ${inject.channel} · to ${audienceText(inject.audience)}${state}`;
}

// The stream of a session for `token`, sending first the moves after `since`.
export function streamUrl(sid, token, since = 0) {
  return `${sessionPath(sid)}/stream?token=${encodeURIComponent(token)}&since=${Math.max(0, since)}`;
}

// Follow a session's stream (`url()` gives the address, with the last move seen): moves, clock
// changes and turns go to `on.move`, `on.clock`, `on.turn`; `on.state` hears "live" or
// "reconnecting". The browser retries a dropped stream by itself; one it gives up on (CLOSED) is
// opened again after `reconnectDelay`. Returns `{ close }`.
export function follow(
  url,
  on,
  { Source = globalThis.EventSource, later = setTimeout, cancel = clearTimeout } = {},
) {
  let source = null;
  let attempt = 0;
  let timer = null;
  let closed = false;
  const closedState = Source.CLOSED ?? 2;
  const open = () => {
    if (closed) return;
    source = new Source(url());
    source.addEventListener("open", () => {
      attempt = 0;
      on.state("live");
    });
    for (const kind of ["move", "clock", "turn"]) {
      source.addEventListener(kind, (event) => on[kind](JSON.parse(event.data)));
    }
    source.addEventListener("error", () => {
      on.state("reconnecting");
      if (source.readyState === closedState && !closed) {
        source.close();
        timer = later(open, reconnectDelay(attempt++));
      }
    });
  };
  open();
  return {
    close() {
      closed = true;
      cancel(timer);
      if (source) source.close();
    },
  };
}
