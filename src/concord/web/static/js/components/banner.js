import { clear, h } from "../lib/dom.js";
import { listText, names, percent, plural } from "../lib/format.js";

const HEADLINES = { adopted: "Adopted", blocked: "Blocked", pending: "Pending" };

function whatItTakes(v, nameOf) {
  if (v.status === "adopted") return "Nothing more: the rule is satisfied.";
  if (!v.satisfiable) return "No set of members can carry it under this rule.";
  const needed = names(v.needed, nameOf);
  const lift = v.blockers.length ? ` (including ${listText(names(v.blockers, nameOf))} lifting the objection)` : "";
  return `The consent of ${plural(needed.length, "more member")}${lift}: ${listText(needed, 12)}.`;
}

function probability(page) {
  const f = page.forecast;
  if (f && f.available && typeof f.probability === "number") return percent(f.probability);
  return "not available";
}

export function renderBanner(el, page) {
  const v = page.verdict;
  const nameOf = page.names;
  el.className = `banner status-${v.status}`;
  el.dataset.status = v.status;
  clear(el).append(
    h("p", { class: "status", id: "verdict-status" }, HEADLINES[v.status] || v.status),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "As of"),
      h("dd", {}, v.as_of),
      h("dt", {}, "Members"),
      h("dd", { id: "verdict-members" }, String(v.members)),
      h("dt", {}, "Blocked by"),
      h("dd", { id: "verdict-blockers" }, listText(names(v.blockers, nameOf))),
      h("dt", {}, "What it takes"),
      h("dd", {}, whatItTakes(v, nameOf)),
      h("dt", {}, "Probability of adoption"),
      h("dd", { id: "verdict-probability" }, probability(page)),
      v.reservations.length ? h("dt", {}, "Reservations") : null,
      v.reservations.length
        ? h("dd", {}, v.reservations.map((r) => `${nameOf[r.actor] || r.actor}: ${r.text}`).join("; "))
        : null,
    ),
  );
}
