import { clear, h } from "../lib/dom.js";
import { stanceBadge } from "./badge.js";

// The statement timeline, oldest first, each with its outlet, quote and link. Statements
// after the as-of date stay listed but dimmed: they do not count yet.
export function renderTimeline(ol, page) {
  clear(ol);
  for (const s of page.timeline) {
    const after = s.date > page.as_of;
    const outlet = s.url ? h("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.outlet || s.url) : s.outlet;
    ol.append(
      h(
        "li",
        { class: after ? "after" : null, dataset: { actor: s.actor, date: s.date, stance: s.stance } },
        h("time", { datetime: s.date }, s.date),
        h(
          "div",
          { class: "what" },
          h("strong", {}, s.name), " ",
          s.member ? null : h("span", { class: "tag" }, "non-member"), " ",
          stanceBadge(s.stance, { reactor: !s.member }),
          s.speaker ? h("span", { class: "speaker" }, ` — ${s.speaker}`) : null,
          after ? h("span", { class: "tag" }, "after the as-of date") : null,
        ),
        s.quote ? h("blockquote", {}, `“${s.quote}”`) : null,
        s.reservation ? h("p", { class: "muted" }, `Reservation: ${s.reservation}`) : null,
        outlet ? h("p", { class: "outlet" }, "Source: ", outlet) : null,
      ),
    );
  }
}

export function renderReactions(ul, page) {
  clear(ul);
  if (page.non_members.length === 0) {
    ul.append(h("li", { class: "muted" }, "None on this date."));
    return;
  }
  for (const r of page.non_members) {
    const src = r.latest.source;
    ul.append(
      h(
        "li",
        { dataset: { code: r.code } },
        h("strong", {}, r.name), " ",
        stanceBadge(r.stance, { reactor: true }),
        ` ${r.latest.date}`,
        r.latest.speaker ? ` — ${r.latest.speaker}` : "",
        src && src.outlet ? h("span", { class: "muted" }, ` (${src.outlet})`) : null,
      ),
    );
  }
}
