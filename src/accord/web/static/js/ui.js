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

// True when the server offers `name`; otherwise fills `container` with a note saying so.
export function requireCapability(container, ctx, name, title) {
  if (ctx.health && ctx.health.capabilities.includes(name)) return true;
  container.append(
    el("h2", {}, title),
    el("p", { class: "note" }, `This server does not offer ${name} yet.`),
  );
  return false;
}
