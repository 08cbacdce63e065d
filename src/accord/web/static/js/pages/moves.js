// The moves a player makes in a session view: messages (bilateral, to a group, public), the
// tables' proposals and answers, actions of the vocabulary toward a target, decision points.
// Each panel takes the open session `s` (pages/session.js): its view, `call` and `perform`.
import { answerable, audienceText, moveText, pendingProposals, valuesText } from "../exercise.js";
import { el } from "../ui.js";

// Compose a message: tick one role (bilateral), several (a group) or "everyone" (public).
export function composePanel(s) {
  const v = s.view;
  const others = v.roles.filter((r) => r.id !== v.you);
  const everyone = el("input", { type: "checkbox", id: "to-public", value: "public" });
  const boxes = others.map((r) => el("input", { type: "checkbox", value: r.id, "data-to": r.id }));
  const text = el("textarea", { id: "message-text", rows: 3, "aria-label": "Message", required: true });
  const send = el("button", { type: "submit", id: "send-message" }, "Send");
  const errors = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    { id: "compose-form" },
    el(
      "fieldset",
      { class: "recipients" },
      el("legend", {}, v.you === "facilitator" ? "To (you write as control)" : "To"),
      el("label", { class: "check" }, everyone, " Everyone (public statement)"),
      others.map((r, i) => el("label", { class: "check" }, boxes[i], ` ${r.name} (${r.id})`)),
    ),
    text,
    el("div", { class: "controls" }, send),
    errors,
  );
  everyone.addEventListener("change", () => boxes.forEach((b) => (b.disabled = everyone.checked)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const to = everyone.checked ? ["public"] : boxes.filter((b) => b.checked).map((b) => b.value);
    if (!to.length) {
      errors.append(el("p", { class: "error", role: "alert" }, "Tick at least one recipient."));
      return;
    }
    const sent = await s.perform(
      send,
      "Sending",
      () => s.call("POST", "/messages", { to, text: text.value }),
      errors,
    );
    if (sent) text.value = "";
  });
  return el("section", { class: "panel", id: "compose" }, el("h3", {}, "Write"), form);
}

// One table: issues (with your own position), the standing proposals (accept or reject those
// you may answer), the answers of the turn, the agreement, and a proposal form.
export function renderTable(s, box, t) {
  const you = s.view.you;
  const mine = (t.parties || []).find((p) => p.role === you && p.positions);
  const seated = (t.parties || []).some((p) => p.role === you) || t.mediator === you;
  const open = !t.agreement;
  const answers = new Map((t.answers || []).map((m) => [`${m.role}:${m.body.proposal}`, m.kind]));
  const canAnswer = new Set(answerable(t, you).map((p) => p.seq));
  const tabled = pendingProposals(s.moves, t.table, s.view.turn);
  const standing = (t.standing || []).map((p) =>
    el(
      "li",
      { "data-seq": p.seq, "data-role": p.role },
      `#${p.seq} by ${p.role === you ? "you" : p.role} (turn ${p.turn}): ${valuesText(p.values)}`,
      answerList(t, p, answers),
      canAnswer.has(p.seq) && open ? answerButtons(s, t, p) : null,
    ),
  );
  // the state is redrawn on every change; the proposal form is kept, with what is typed in it
  let state = box.querySelector(".table-state");
  if (!state) {
    state = el("div", { class: "table-state" });
    box.prepend(state);
  }
  state.replaceChildren(
    ...el(
      "div",
      {},
      el("h4", {}, `${t.title} (${t.table})`),
      el(
        "ul",
        { class: "issues" },
        t.issues.map((i) =>
          el(
            "li",
            {},
            `${i.name}: ${i.low}–${i.high}`,
            mine ? ` · your position ${mine.positions[i.name]}` : "",
            i.description ? el("span", { class: "muted" }, ` (${i.description})`) : null,
          ),
        ),
      ),
      el(
        "p",
        { class: "muted" },
        `Parties: ${t.parties.map((p) => p.role).join(", ")}${t.mediator ? `; mediator ${t.mediator}` : ""}`,
      ),
      t.agreement
        ? el(
            "p",
            { class: "agreement", id: `agreement-${t.table}` },
            `Agreement (turn ${t.agreed_turn}): ${valuesText(t.agreement)}`,
          )
        : null,
      standing.length
        ? el("ol", { class: "standing" }, standing)
        : el(
            "p",
            { class: "muted" },
            "No standing proposal (a proposal stands from the turn after it is made).",
          ),
      tabled.length
        ? el(
            "div",
            { class: "tabled" },
            el("p", { class: "muted" }, `Tabled this turn (standing from turn ${s.view.turn + 1}):`),
            el(
              "ul",
              {},
              tabled.map((m) => el("li", { "data-seq": m.seq }, moveText(m, you))),
            ),
          )
        : null,
    ).childNodes,
  );
  const form = box.querySelector(".propose-form");
  const wanted = seated && open && you !== "facilitator";
  if (wanted && !form) box.append(proposeForm(s, t, mine));
  if (!wanted && form) form.remove();
}

function answerList(t, p, answers) {
  const parts = t.parties
    .map((q) => q.role)
    .filter((r) => answers.has(`${r}:${p.seq}`))
    .map((r) => `${r} ${answers.get(`${r}:${p.seq}`)}s`);
  return parts.length ? el("span", { class: "answers" }, ` — ${parts.join(", ")}`) : null;
}

function answerButtons(s, t, p) {
  const answer = (accept) => (event) =>
    s.perform(event.target, accept ? "Accepting" : "Rejecting", () =>
      s.call("POST", `/tables/${encodeURIComponent(t.table)}/responses`, { proposal: p.seq, accept }),
    );
  return el(
    "span",
    { class: "answer" },
    el("button", { type: "button", class: "accept", onclick: answer(true) }, "Accept"),
    el("button", { type: "button", class: "secondary reject", onclick: answer(false) }, "Reject"),
  );
}

function proposeForm(s, t, mine) {
  const inputs = t.issues.map((i) =>
    el("input", {
      type: "number",
      min: i.low,
      max: i.high,
      step: "any",
      "data-issue": i.name,
      value: mine ? mine.positions[i.name] : (i.low + i.high) / 2,
      "aria-label": `Proposed ${i.name} at ${t.table}`,
    }),
  );
  const go = el("button", { type: "submit", class: "propose" }, "Propose");
  const errors = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    { class: "propose-form", "data-table": t.table },
    el(
      "div",
      { class: "controls" },
      t.issues.map((i, k) => el("label", {}, i.name, inputs[k])),
      go,
    ),
    errors,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const values = Object.fromEntries(inputs.map((x) => [x.dataset.issue, Number(x.value)]));
    s.perform(
      go,
      "Proposing",
      () => s.call("POST", `/tables/${encodeURIComponent(t.table)}/proposals`, { values }),
      errors,
    );
  });
  return form;
}

// Take an action of the vocabulary toward another role (or any actor code).
export function actionsPanel(s) {
  const v = s.view;
  const action = el(
    "select",
    { id: "action-name" },
    v.actions.map((a) =>
      el("option", { value: a.name }, `${a.name.replaceAll("_", " ")} — ${a.description} (CAMEO ${a.cameo})`),
    ),
  );
  const target = el(
    "select",
    { id: "action-target" },
    v.roles.filter((r) => r.id !== v.you).map((r) => el("option", { value: r.id }, `${r.name} (${r.id})`)),
  );
  const go = el("button", { type: "submit", id: "take-action" }, "Take the action");
  const errors = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    {},
    el(
      "div",
      { class: "controls" },
      el("label", {}, "Action", action),
      el("label", {}, "Toward", target),
      go,
    ),
    errors,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    errors.replaceChildren();
    s.perform(
      go,
      "Acting",
      () => s.call("POST", "/actions", { action: action.value, target: target.value }),
      errors,
    );
  });
  return el(
    "section",
    { class: "panel", id: "actions" },
    el("h3", {}, "Actions"),
    el("p", { class: "note" }, "Public; each becomes an event when the turn is adjudicated."),
    form,
  );
}

// The decision points of the turn already answered that this identity may read: the choice.
function takenList(v) {
  return (v.taken || []).map((d) =>
    el(
      "div",
      { class: "decision decided", "data-decision": d.id },
      el("p", {}, el("strong", {}, d.question), ` (${audienceText([d.role], v.you)})`),
      el(
        "p",
        {},
        `Decided${d.by === "control" ? " by control" : ""}: `,
        el("strong", {}, d.option),
        ` ${d.text}`,
        d.public ? " (public: every role reads it)" : "",
      ),
    ),
  );
}

// The open decision points of the turn: one button per option for the role they are put to;
// then the ones answered this turn, with the option taken.
export function decisionsPanel(s) {
  const v = s.view;
  const taken = takenList(v);
  if (!v.decisions.length && !taken.length) {
    return el("p", { class: "muted" }, "No decision point open this turn.");
  }
  const errors = el("div", { "aria-live": "polite" });
  return el(
    "div",
    {},
    taken,
    v.decisions.map((d) =>
      el(
        "div",
        { class: "decision", "data-decision": d.id },
        el("p", {}, el("strong", {}, d.question), ` (${audienceText([d.role], v.you)})`),
        el(
          "ul",
          {},
          d.options.map((o) =>
            el(
              "li",
              {},
              d.role === v.you
                ? el(
                    "button",
                    {
                      type: "button",
                      class: "secondary",
                      "data-option": o.id,
                      onclick: (event) =>
                        s.perform(
                          event.target,
                          "Deciding",
                          () => s.call("POST", `/decisions/${encodeURIComponent(d.id)}`, { option: o.id }),
                          errors,
                        ),
                    },
                    o.id,
                  )
                : el("strong", {}, o.id),
              ` ${o.text}`,
            ),
          ),
        ),
      ),
    ),
    errors,
  );
}
