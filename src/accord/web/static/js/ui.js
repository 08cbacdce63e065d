// Small DOM helpers shared by the pages: element building, status line, country pickers.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setStatus(message, kind = "info") {
  const box = document.getElementById("status");
  box.textContent = message;
  box.dataset.kind = kind;
}

// Why simulated datasets are not offered and where their runs are (`left`: their names); null
// when none is left out.
export function simulatedNote(left) {
  if (!left.length) return null;
  return el(
    "p",
    { class: "muted", id: "simulated-datasets" },
    `Not offered: ${left.join(", ")}, simulated events only, which count for one run at a time: ` +
      "open a run from the Simulation page (an exercise session's events: its id as run= in the address).",
  );
}

export function showError(container, err) {
  container.replaceChildren(el("p", { class: "error", role: "alert" }, String(err.message || err)));
}

export function countrySelect(id, label, states, selected) {
  const select = el(
    "select",
    { id, name: id },
    states.map((s) =>
      el("option", { value: s.code, selected: s.code === selected }, `${s.name} (${s.code})`),
    ),
  );
  return [el("label", { for: id }, label), select];
}

// A table of `rows` under `columns` ({label, value(row), csv(row)?}); `value` may return a node.
export function table(columns, rows, caption) {
  return el(
    "table",
    {},
    caption ? el("caption", {}, caption) : null,
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        columns.map((c) => el("th", { scope: "col" }, c.label)),
      ),
    ),
    el(
      "tbody",
      {},
      rows.map((row) =>
        el(
          "tr",
          {},
          columns.map((c) => el("td", {}, c.value(row) ?? "")),
        ),
      ),
    ),
  );
}

// A country picker: a select of the states on the date plus a search box that takes a name,
// a code or an alias (resolved by `resolve`, which may ask the API); `onPick(code)` on change.
export function countryPicker(id, label, states, selected, resolve, onPick) {
  const [lab, select] = countrySelect(id, label, states, selected);
  const listId = `${id}-names`;
  const search = el("input", {
    id: `${id}-search`,
    type: "search",
    list: listId,
    placeholder: "Search by name or code",
    "aria-label": `${label}: search by name or code`,
    autocomplete: "off",
  });
  const names = el(
    "datalist",
    { id: listId },
    states.map((s) => el("option", { value: s.name })),
  );
  const note = el("span", { class: "muted", role: "status" });
  const pick = async () => {
    const text = search.value.trim();
    if (!text) return;
    const code = await resolve(text);
    if (code && states.some((s) => s.code === code)) {
      note.textContent = "";
      search.value = "";
      select.value = code;
      onPick(code);
    } else note.textContent = `no state known as "${text}" on this date`;
  };
  search.addEventListener("change", pick);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      pick();
    }
  });
  select.addEventListener("change", () => onPick(select.value));
  return { select, nodes: [el("div", { class: "picker" }, lab, select, search, names, note)] };
}

// The code a search text names among `states` (code, or name ignoring case), else null.
export function localCode(text, states) {
  const t = String(text).trim().toLowerCase();
  const hit = states.find((s) => s.code.toLowerCase() === t || s.name.toLowerCase() === t);
  return hit ? hit.code : null;
}

// True when the server offers `name`; otherwise fills `container` with a note saying so.
export function requireCapability(container, ctx, name, title) {
  if (ctx.health && ctx.health.capabilities.includes(name)) return true;
  container.append(
    el("h2", {}, title),
    el("p", { class: "note" }, `This server does not offer ${name} yet.`),
  );
  return false;
}
