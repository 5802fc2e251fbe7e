import { clear, h } from "../lib/dom.js";
import { percent } from "../lib/format.js";

// Charter scope, forecast and voting power: filled by providers the server may not have yet.
// A panel without data says "not available" and why.

function unavailable(panel) {
  return h("p", { class: "muted na", dataset: { available: "false" } }, panel.reason === "not available" ? "Not available." : `Not available: ${panel.reason}`);
}

function top(mapping, nameOf, n = 5) {
  return Object.entries(mapping || {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([code, value]) => h("li", {}, `${nameOf[code] || code}: ${value.toFixed(3)}`));
}

const RENDER = {
  scope(p) {
    const verdict = p.inside === true ? "inside" : p.inside === false ? "outside" : "disputed";
    return [
      h("p", {}, h("strong", {}, `${p.place || "The place"} is ${verdict} the treaty area.`)),
      p.clause ? h("p", {}, `Clause: ${p.clause}`) : null,
      p.reason ? h("p", { class: "muted" }, p.reason) : null,
    ];
  },
  forecast(p, nameOf) {
    return [
      h("p", {}, "Probability of adoption: ", h("strong", {}, typeof p.probability === "number" ? percent(p.probability) : "—")),
      p.criticality ? h("p", { class: "muted" }, "Most critical members:") : null,
      p.criticality ? h("ol", {}, top(p.criticality, nameOf)) : null,
    ];
  },
  power(p, nameOf) {
    return [
      p.banzhaf ? h("p", { class: "muted" }, "Normalised Banzhaf index, highest first:") : null,
      p.banzhaf ? h("ol", {}, top(p.banzhaf, nameOf)) : null,
    ];
  },
};

export function renderPanels(page) {
  for (const name of Object.keys(RENDER)) {
    const el = document.querySelector(`#panel-${name} .body`);
    if (!el) continue;
    const panel = page[name] || { available: false, reason: "not available" };
    el.parentElement.dataset.available = String(Boolean(panel.available));
    clear(el).append(...(panel.available ? RENDER[name](panel, page.names).filter(Boolean) : [unavailable(panel)]));
  }
}
