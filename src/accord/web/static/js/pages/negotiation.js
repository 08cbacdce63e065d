// Negotiation page.
import { requireCapability } from "../ui.js";

export async function render(container, ctx) {
  if (!requireCapability(container, ctx, "forecast", "Negotiation")) return;
}
