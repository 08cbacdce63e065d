// Exercises: the shipped exercises, a form that starts a session (named players in some roles,
// the AI in the others, an optional turn clock) and hands out the facilitator's link and one
// invite link per role; each link opens the session on its own page (exercise.html).
import { get, post } from "../api.js";
import { inviteLink, playersOf } from "../exercise.js";
import { el, setStatus, showError, table } from "../ui.js";

// Where this browser keeps the facilitator tokens of the sessions it started.
const KEPT = "accord-exercise-facilitator:";

// The facilitator token this browser kept for `sid`, or null.
function keptToken(sid) {
  try {
    return localStorage.getItem(KEPT + sid);
  } catch {
    return null;
  }
}

function keepToken(sid, token) {
  try {
    localStorage.setItem(KEPT + sid, token);
  } catch {
    // private windows may refuse storage: the link shown is enough
  }
}

export async function render(container, ctx) {
  container.append(el("h2", {}, "Exercises"));
  const list = await get("/api/exercises");
  const startBox = el("section", { class: "panel", id: "exercise-start", "aria-live": "polite" });
  const rows = list.exercises.filter((x) => !x.problem);
  const broken = list.exercises.filter((x) => x.problem);
  const columns = [
    { label: "Exercise", value: (x) => el("strong", {}, x.title) },
    { label: "File", value: (x) => x.name },
    { label: "Turns", value: (x) => x.turns },
    { label: "Roles", value: (x) => x.roles },
    { label: "Tables", value: (x) => x.tables },
    { label: "Injects", value: (x) => x.injects },
    { label: "Decisions", value: (x) => x.decisions },
    {
      label: "",
      value: (x) =>
        el(
          "button",
          {
            type: "button",
            class: "secondary",
            "data-exercise": x.name,
            onclick: () => startForm(startBox, x.name, ctx),
          },
          "Set up a session",
        ),
    },
  ];
  container.append(
    el(
      "p",
      { class: "note" },
      "Start a session: name the people who play some roles; the AI plays every other role. ",
      "Then hand each player the invite link of their role, and keep the facilitator link.",
    ),
    el("div", { class: "scroll", id: "exercise-list" }, table(columns, rows, "Shipped exercises")),
    // DOM append writes a null as the text "null": only a real list goes in
    ...(broken.length
      ? [
          el(
            "ul",
            { class: "error", id: "exercise-problems" },
            broken.map((x) => el("li", {}, `${x.file}: ${x.problem}`)),
          ),
        ]
      : []),
    startBox,
    sessionList(list.sessions || []),
  );
  // a started session joins the list (with its console link, kept by this browser)
  startBox.addEventListener("session-started", async () => {
    const sessions = await get("/api/exercises/sessions");
    container.querySelector("#exercise-sessions").replaceWith(sessionList(sessions));
  });
  const wanted = ctx.params.exercise || (rows[0] && rows[0].name);
  if (wanted) await startForm(startBox, wanted, ctx);
}

// The stored sessions; those this browser started open their console here.
function sessionList(sessions) {
  const columns = [
    { label: "Session", value: (s) => s.session_id },
    { label: "Exercise", value: (s) => s.title },
    { label: "Turn", value: (s) => s.turn },
    { label: "Status", value: (s) => s.status },
    {
      label: "",
      value: (s) => {
        const token = keptToken(s.session_id);
        return token
          ? el("a", { href: inviteLink("", s.session_id, token) }, "Facilitator console")
          : el("span", { class: "muted" }, "open with its facilitator link");
      },
    },
  ];
  return el(
    "section",
    { id: "exercise-sessions" },
    el("h3", {}, "Sessions"),
    sessions.length
      ? el("div", { class: "scroll" }, table(columns, sessions))
      : el("p", { class: "muted" }, "No session yet."),
  );
}

// The start form of exercise `name`: one player field per role, a seed, a start button.
async function startForm(box, name, ctx) {
  box.replaceChildren(el("p", { class: "loading" }, "Loading the exercise…"));
  try {
    const ex = await get(`/api/exercises/${encodeURIComponent(name)}`);
    const inputs = ex.roles.map((r) =>
      el("input", {
        id: `player-${r.id}`,
        "data-role": r.id,
        placeholder: "AI counterpart",
        "aria-label": `Player of ${r.name}`,
        autocomplete: "off",
      }),
    );
    const seed = el("input", {
      id: "exercise-seed",
      type: "number",
      min: 0,
      step: 1,
      placeholder: "default",
    });
    const minutes = el("input", {
      id: "exercise-minutes",
      type: "number",
      min: 1,
      step: "any",
      placeholder: ex.turn_minutes ? String(ex.turn_minutes) : "none",
    });
    const go = el("button", { type: "submit", id: "start-session" }, "Start the session");
    // A server reachable by others has a write token: starting a session needs it.
    const writeToken = el("input", {
      id: "server-token",
      type: "password",
      autocomplete: "off",
      value: sessionStorage.getItem("accord-token") || "",
    });
    const tokenField =
      ctx.health && ctx.health.token_required
        ? el("label", {}, "Server token (accord serve --token)", writeToken)
        : null;
    const out = el("div", { id: "exercise-started" });
    const form = el(
      "form",
      {},
      el("h3", {}, `Start “${ex.title}”`),
      ex.description ? el("p", {}, ex.description) : null,
      el(
        "table",
        { class: "edit", id: "exercise-roles" },
        el("caption", {}, "Who plays which role (leave a role empty for the AI)"),
        el(
          "tbody",
          {},
          ex.roles.map((r, i) =>
            el(
              "tr",
              {},
              el("th", { scope: "row" }, `${r.name} (${r.id}, ${r.kind})`),
              el("td", {}, inputs[i]),
            ),
          ),
        ),
      ),
      el(
        "div",
        { class: "controls" },
        el("label", {}, "Seed", seed),
        el("label", {}, "Minutes a turn (empty: the exercise's; none: you advance)", minutes),
        tokenField,
        go,
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      go.disabled = true;
      setStatus("Starting the session…");
      if (tokenField) sessionStorage.setItem("accord-token", writeToken.value.trim());
      try {
        const payload = {
          exercise: ex.name,
          players: playersOf(inputs.map((i) => [i.dataset.role, i.value])),
        };
        if (seed.value !== "") payload.seed = Number(seed.value);
        if (minutes.value !== "") payload.turn_minutes = Number(minutes.value);
        const started = await post("/api/exercises/sessions", payload);
        keepToken(started.session_id, started.facilitator_token);
        showLinks(out, started, ex);
        box.dispatchEvent(new CustomEvent("session-started"));
        setStatus(`Session ${started.session_id} started`);
      } catch (err) {
        showError(out, err);
        setStatus("The session did not start", "error");
      } finally {
        go.disabled = false;
      }
    });
    box.replaceChildren(form, out);
    ctx.setState(null, { exercise: name });
  } catch (err) {
    showError(box, err);
  }
}

// A read-only link with a copy button.
function linkField(id, label, url) {
  const input = el("input", { id, value: url, readonly: true, class: "link", "aria-label": label });
  const copy = async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      setStatus(`${label}: copied`);
    } catch {
      setStatus(`${label}: selected, copy it with Ctrl+C`);
    }
  };
  return el(
    "div",
    { class: "linkfield" },
    el("label", { for: id }, label),
    input,
    el("button", { type: "button", class: "secondary", onclick: copy }, "Copy"),
  );
}

// The links of a started session: the facilitator's (and a button to open the console), and
// one invite per role, people's first.
function showLinks(box, started, ex) {
  const origin = location.origin;
  const links = started.links || {};
  const link = (who, token) =>
    links[who] ? origin + links[who] : inviteLink(origin, started.session_id, token);
  const consoleUrl = link("facilitator", started.facilitator_token);
  const names = Object.fromEntries(ex.roles.map((r) => [r.id, r.name]));
  const roles = Object.keys(started.invites).sort(
    (a, b) => Number(!started.players[a]) - Number(!started.players[b]),
  );
  box.replaceChildren(
    ...el(
      "div",
      {},
      el("h3", {}, `Session ${started.session_id}`),
      el("p", { class: "note" }, "Keep the facilitator link to yourself: it sees and controls everything."),
      linkField("facilitator-link", "Facilitator link", consoleUrl),
      el("p", {}, el("a", { href: consoleUrl, id: "open-console" }, "Open the facilitator console")),
      el("h4", {}, "Invite links (one per role; each opens only that role's view)"),
      roles.map((role) =>
        linkField(
          `invite-${role}`,
          `${names[role] || role}: ${started.players[role] || "AI (a person may take it over)"}`,
          link(role, started.invites[role]),
        ),
      ),
    ).childNodes,
  );
}
