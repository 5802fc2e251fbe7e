import { clear, h } from "../lib/dom.js";
import { stanceLabel } from "../lib/stances.js";

// Hover card for a country: name, stance and the latest source behind it.
export function createTooltip(el, container) {
  let rows = new Map();
  return {
    setRows(page) {
      rows = new Map();
      page.members.forEach((r) => rows.set(r.code, { ...r, role: "member" }));
      page.non_members.forEach((r) => rows.set(r.code, { ...r, role: "non-member, no vote" }));
    },
    show(code, at) {
      const row = code && rows.get(code);
      if (!row || !at) {
        el.hidden = true;
        return;
      }
      const latest = row.latest;
      const src = latest && latest.source;
      clear(el).append(
        h("strong", {}, `${row.name} (${row.code})`),
        h("div", {}, `${stanceLabel(row.stance)} · ${row.role}`),
        latest ? h("div", {}, `${latest.date}${latest.speaker ? ` · ${latest.speaker}` : ""}`) : h("div", {}, "no statement"),
        src ? h("div", { class: "muted" }, src.outlet || src.title || src.url || "") : null,
      );
      const box = container.getBoundingClientRect();
      el.style.left = `${Math.min(at.x - box.left + 14, box.width - 260)}px`;
      el.style.top = `${at.y - box.top + 14}px`;
      el.hidden = false;
    },
  };
}
