import { clear, h } from "../lib/dom.js";
import { stanceBadge } from "./badge.js";

// The member table: one row per member on the as-of date. Rows use a roving tabindex so the
// table is one tab stop; ↑/↓/Home/End move between members and report the focus.
export function renderMembers(tbody, page, { onFocus } = {}) {
  const previous = document.activeElement && document.activeElement.closest && document.activeElement.closest("tr[data-code]");
  const keep = previous ? previous.dataset.code : null;
  clear(tbody);
  const rows = [...page.members].sort((a, b) => a.name.localeCompare(b.name));
  rows.forEach((m, i) => {
    const latest = m.latest;
    const src = latest && latest.source;
    const link = src && src.url ? h("a", { href: src.url, rel: "noopener noreferrer", target: "_blank" }, src.outlet || "source") : src ? src.outlet || "" : "";
    const tr = h(
      "tr",
      { tabindex: i === 0 ? "0" : "-1", dataset: { code: m.code, stance: m.stance || "none" }, class: m.blocker ? "blocker" : null },
      h("th", { scope: "row" }, `${m.name} `, h("span", { class: "code" }, m.code), m.blocker ? h("span", { class: "tag" }, "blocks") : null),
      h("td", {}, stanceBadge(m.stance)),
      h("td", {}, m.counted_as),
      h("td", {}, latest ? latest.date : "—"),
      h("td", {}, latest && latest.speaker ? latest.speaker : "—"),
      h("td", {}, link || "—"),
    );
    tr.addEventListener("focus", () => onFocus && onFocus(m.code, tr));
    tr.addEventListener("blur", () => onFocus && onFocus(null, tr));
    tbody.append(tr);
  });
  if (keep) {
    const again = tbody.querySelector(`tr[data-code="${keep}"]`);
    if (again) focusRow(tbody, again);
  }
}

function focusRow(tbody, tr) {
  for (const row of tbody.querySelectorAll("tr")) row.tabIndex = -1;
  tr.tabIndex = 0;
  tr.focus();
}

export function enableKeyboard(tbody) {
  tbody.addEventListener("keydown", (ev) => {
    const tr = ev.target.closest("tr[data-code]");
    if (!tr) return;
    const rows = [...tbody.querySelectorAll("tr[data-code]")];
    const i = rows.indexOf(tr);
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 }[ev.key];
    if (next === undefined || !rows[next]) return;
    ev.preventDefault();
    focusRow(tbody, rows[next]);
  });
}
