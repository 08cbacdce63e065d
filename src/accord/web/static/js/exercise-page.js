// The page of one exercise session (exercise.html?session=<sid>&token=<token>): the link a
// facilitator hands each player, and the facilitator's own console. No dashboard navigation,
// so it fits a phone; pages/session.js does the work.
import { sessionParams } from "./exercise.js";
import { render } from "./pages/session.js";
import { showError } from "./ui.js";

const main = document.getElementById("main");

async function start() {
  const { sid, token } = sessionParams(location.search);
  main.replaceChildren();
  await render(main, sid, token);
  const title = main.querySelector("h2");
  if (title) document.title = `Accord · ${title.textContent}`;
  main.dataset.ready = "true";
}

start().catch((err) => showError(main, err));
