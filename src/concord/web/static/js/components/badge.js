import { h } from "../lib/dom.js";
import { stanceKey, stanceLabel } from "../lib/stances.js";

// A stance shown as a colour swatch plus its word: the colour is never the only cue.
export function stanceBadge(stance, { reactor = false } = {}) {
  const key = stanceKey(stance);
  return h(
    "span",
    { class: `stance stance-${key}${reactor ? " reactor" : ""}`, dataset: { stance: key } },
    h("span", { class: "swatch", "aria-hidden": "true" }),
    stanceLabel(stance),
  );
}
