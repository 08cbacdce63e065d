// The facilitator's console of a session (pages/session.js with the facilitator's token): the
// turn and its clock (pause, resume, extend, advance), injects (the scheduled MSEL fired now,
// or one written on the spot), who plays which role, an outcome override, and the debrief.
import { injectLine, parseValues, recipients } from "../exercise.js";
import { el, showError } from "../ui.js";

// The console's panels, in the order a facilitator uses them.
export function consolePanels(s) {
  return [turnPanel(s), injectPanel(s), seatPanel(s), overridePanel(s)];
}

// The turn: advance it (adjudication), pause, resume or extend its clock.
function turnPanel(s) {
  const report = el("div", { id: "turn-report", "aria-live": "polite" });
  const minutes = el("input", { id: "extend-minutes", type: "number", min: 1, step: 1, value: 5 });
  const button = (id, label, sub, payload = () => ({}), cls = "secondary") =>
    el(
      "button",
      {
        type: "button",
        id,
        class: cls,
        onclick: (event) => s.perform(event.target, label, () => s.call("POST", sub, payload()), report),
      },
      label,
    );
  const advance = el("button", { type: "button", id: "advance-turn" }, "End the turn and adjudicate");
  advance.addEventListener("click", async () => {
    const done = await s.perform(advance, "Adjudicating", () => s.call("POST", "/advance"), report);
    if (done) report.replaceChildren(turnSummary(done));
  });
  return el(
    "section",
    { class: "panel console", id: "turn-panel" },
    el("h3", {}, "Turn and clock"),
    el(
      "div",
      { class: "controls" },
      button("pause-clock", "Pause", "/pause"),
      button("resume-clock", "Resume", "/resume"),
      el("label", {}, "Minutes", minutes),
      button("extend-clock", "Extend", "/extend", () => ({ minutes: Number(minutes.value) })),
    ),
    el("div", { class: "controls" }, advance),
    report,
  );
}

// What an adjudication did, in a few lines.
function turnSummary(r) {
  const agreed = Object.entries(r.agreements || {});
  return el(
    "ul",
    { class: "turn-summary", "data-turn": r.turn },
    el("li", {}, `Turn ${r.turn} (${r.date}) adjudicated: ${r.events} events, ${r.ai_moves} AI moves.`),
    agreed.length ? el("li", {}, `Agreements: ${agreed.map(([t]) => t).join(", ")}`) : null,
    (r.wars || []).length ? el("li", {}, `Wars: ${r.wars.map((w) => w.join("–")).join(", ")}`) : null,
    el(
      "li",
      {},
      r.next_turn
        ? `Turn ${r.next_turn} begins${(r.injects || []).length ? `; injects ${r.injects.join(", ")}` : ""}.`
        : "The exercise is over: open the debrief.",
    ),
  );
}

// Injects: the MSEL's scheduled ones (fire one now) and one written on the spot.
function injectPanel(s) {
  const errors = el("div", { "aria-live": "polite" });
  const scheduled = el("ul", { id: "scheduled-injects" });
  const fired = () => new Set(s.moves.filter((m) => m.kind === "inject").map((m) => m.body.inject));
  const list = () => {
    const done = fired();
    scheduled.replaceChildren(
      ...(s.view.injects || []).map((i) =>
        el(
          "li",
          { "data-inject": i.id, "data-fired": String(done.has(i.id)) },
          el("strong", {}, i.id),
          ` (${injectLine(i, done.has(i.id))}) `,
          el("span", { class: "muted" }, i.text),
          " ",
          el(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: (event) =>
                s.perform(
                  event.target,
                  `Firing ${i.id}`,
                  () => s.call("POST", "/injects", { id: i.id }),
                  errors,
                ),
            },
            "Fire now",
          ),
        ),
      ),
    );
    if (!scheduled.children.length) scheduled.append(el("li", { class: "muted" }, "No scheduled inject."));
  };
  s.redraws.push(list);
  list();
  const text = el("textarea", { id: "inject-text", rows: 2, "aria-label": "Inject text" });
  const channel = el(
    "select",
    { id: "inject-channel" },
    ["news", "cable", "message"].map((c) => el("option", { value: c }, c)),
  );
  const audience = el("input", { id: "inject-audience", value: "public", "aria-label": "Audience" });
  const go = el("button", { type: "submit", id: "fire-inject" }, "Fire now");
  const form = el(
    "form",
    {},
    el("h4", {}, "A new inject"),
    text,
    el(
      "div",
      { class: "controls" },
      el("label", {}, "Channel", channel),
      el("label", {}, "Audience (public, or role ids)", audience),
      go,
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const to = recipients(audience.value);
    const payload = { text: text.value, channel: channel.value, audience: to[0] === "public" ? ["*"] : to };
    if (await s.perform(go, "Firing the inject", () => s.call("POST", "/injects", payload), errors))
      text.value = "";
  });
  return el(
    "section",
    { class: "panel console", id: "inject-panel" },
    el("h3", {}, "Injects"),
    scheduled,
    form,
    errors,
  );
}

// Who plays which role: give it to a person by name, or back to the AI (empty name).
function seatPanel(s) {
  const errors = el("div", { "aria-live": "polite" });
  const rows = s.view.roles.map((r) => {
    const brief = s.view.briefs.find((b) => b.role === r.id);
    const name = el("input", {
      value: (brief && brief.player) || "",
      placeholder: "AI counterpart",
      "aria-label": `Player of ${r.id}`,
      "data-seat": r.id,
    });
    const go = el("button", { type: "button", class: "secondary" }, "Seat");
    go.addEventListener("click", () =>
      s.perform(
        go,
        `Seating ${r.id}`,
        () => s.call("POST", "/seats", { role: r.id, player: name.value.trim() || null }),
        errors,
      ),
    );
    return el(
      "tr",
      {},
      el("th", { scope: "row" }, `${r.name} (${r.id})`),
      el("td", {}, name),
      el("td", {}, go),
    );
  });
  return el(
    "section",
    { class: "panel console", id: "seat-panel" },
    el("h3", {}, "Players"),
    el("div", { class: "scroll" }, el("table", { class: "edit" }, el("tbody", {}, rows))),
    errors,
  );
}

// Override an outcome as control: a table's agreement (every issue's value), or the option of
// a decision point open this turn; a note says why.
function overridePanel(s) {
  const errors = el("div", { "aria-live": "polite" });
  const note = el("input", { id: "override-note", "aria-label": "Why (a note)", placeholder: "why" });
  const send = (button, payload) =>
    s.perform(
      button,
      "Overriding",
      () => s.call("POST", "/override", { ...payload, note: note.value }),
      errors,
    );
  // the decisions open change with the turn: redrawn on every refresh, keeping the option
  // control had chosen while it is still open (a refresh between choosing and clicking reset
  // the choice to the first option)
  const decisions = el("div", { id: "override-decisions" });
  const redraw = () => {
    const chosen = decisions.querySelector("select")?.value;
    decisions.replaceChildren(...[decisionOverride(s, send, chosen)].filter(Boolean));
  };
  s.redraws.push(redraw);
  redraw();
  return el(
    "section",
    { class: "panel console", id: "override-panel" },
    el("h3", {}, "Override an outcome"),
    s.view.tables.length ? tableOverride(s, send, errors) : null,
    decisions,
    el("div", { class: "controls" }, el("label", {}, "Note", note)),
    errors,
  );
}

function tableOverride(s, send, errors) {
  const tableSelect = el(
    "select",
    { id: "override-table" },
    s.view.tables.map((t) => el("option", { value: t }, t)),
  );
  const values = el("input", {
    id: "override-values",
    placeholder: "inspection=40, materials=30",
    "aria-label": "Agreement values",
  });
  const go = el("button", { type: "submit", id: "override-agreement" }, "Set the agreement");
  const form = el(
    "form",
    {},
    el(
      "div",
      { class: "controls" },
      el("label", {}, "Table", tableSelect),
      el("label", {}, "Agreement (every issue)", values),
      go,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const parsed = parseValues(values.value);
    if (parsed === null || !Object.keys(parsed).length) {
      showError(errors, new Error("write the values as issue=number, separated by commas"));
      return;
    }
    send(go, { table: tableSelect.value, values: parsed });
  });
  return form;
}

// The options of the decision points open this turn, as one select ("decision: option"),
// with `chosen` (a value of an earlier drawing) selected if it is still among them.
function decisionOverride(s, send, chosen) {
  const choices = s.view.decisions.flatMap((d) => d.options.map((o) => [d.id, o.id]));
  if (!choices.length) return null;
  const select = el(
    "select",
    { id: "override-decision" },
    choices.map(([d, o]) => el("option", { value: `${d}\n${o}` }, `${d}: ${o}`)),
  );
  if (chosen && choices.some(([d, o]) => `${d}\n${o}` === chosen)) select.value = chosen;
  const go = el("button", { type: "button", id: "override-option" }, "Take this option");
  go.addEventListener("click", () => {
    const [decision, option] = select.value.split("\n");
    send(go, { decision, option });
  });
  return el("div", { class: "controls" }, el("label", {}, "Decision", select), go);
}

// The debrief: open it in a new tab or download it (one self-contained HTML file to hand out).
export function debriefPanel(s) {
  const href = `${s.path}/debrief.html?token=${encodeURIComponent(s.token)}`;
  return el(
    "section",
    { class: "panel", id: "debrief" },
    el("h3", {}, "Debrief"),
    el(
      "p",
      { class: "note" },
      "The after-action review of the turns played so far: one HTML file that opens offline.",
    ),
    el(
      "div",
      { class: "controls" },
      el(
        "a",
        { href, target: "_blank", rel: "noopener", id: "open-debrief", class: "button" },
        "Open the debrief",
      ),
      el(
        "a",
        {
          href: `${href}&download=true`,
          download: `${s.sid}-debrief.html`,
          id: "download-debrief",
          class: "button secondary",
        },
        "Download",
      ),
    ),
  );
}
