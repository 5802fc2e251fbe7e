// The proposal page: verdict banner, stance map, member table, reactions, timeline, panels,
// and the as-of slider that redraws them all from /web/api/proposals/{id}?on=DATE.
import { getJSON, pageData } from "../lib/api.js";
import { askForToken } from "../lib/auth.js";
import { $, clear, h, showNotice } from "../lib/dom.js";
import { plural } from "../lib/format.js";
import { renderBanner } from "../components/banner.js";
import { createMap, renderLegend } from "../components/map.js";
import { enableKeyboard, renderMembers } from "../components/members-table.js";
import { renderPanels } from "../components/panels.js";
import { createSlider } from "../components/slider.js";
import { renderReactions, renderTimeline } from "../components/timeline.js";
import { createTooltip } from "../components/tooltip.js";

const proposalId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
const mapEl = $("#map");
const tooltip = createTooltip($("#tooltip"), mapEl.parentElement);
const map = createMap(mapEl, { onHover: (code, ev) => tooltip.show(code, ev) });
const tbody = $("#members tbody");
let request = null;

function eventsOn(page) {
  const byDate = new Map();
  const add = (date, text) => byDate.set(date, [...(byDate.get(date) || []), text]);
  for (const c of page.membership_changes) add(c.date, `${c.name} ${c.change}`);
  for (const s of page.timeline) add(s.date, `${s.name}: ${s.stance}`);
  return (date) => {
    const items = byDate.get(date) || [];
    return items.length > 3 ? `${items.slice(0, 3).join("; ")}; +${items.length - 3} more` : items.join("; ");
  };
}

const slider = createSlider(
  {
    input: $("#asof"),
    output: $("#asof-date"),
    stops: $("#asof-stops"),
    first: $("#asof-first"),
    last: $("#asof-last"),
    event: $("#asof-event"),
  },
  (date) => load(date),
);

async function render(page) {
  const mapDone = map.update(page); // starts the atlas download while the rest renders
  document.title = `${page.proposal.title} · concord`;
  $("#title").textContent = page.proposal.title;
  $("#subtitle").textContent = `${page.proposal.body_name} (${page.proposal.body}) · rule: ${page.proposal.rule_title || page.proposal.rule}`;
  renderBanner($("#verdict"), page);
  slider.set(page.dates, page.as_of, eventsOn(page));
  tooltip.setRows(page);
  renderMembers(tbody, page, {
    onFocus: (code, tr) => {
      const at = map.focus(code);
      if (at && tr) {
        tooltip.show(code, at);
      } else {
        tooltip.show(null, null);
      }
    },
  });
  $("#member-count").textContent = `(${plural(page.members.length, "member")} on ${page.as_of})`;
  renderReactions($("#reactions"), page);
  renderTimeline($("#timeline"), page);
  renderPanels(page);
  const link = $("#procedure-link");
  link.hidden = !page.procedure_page;
  if (page.procedure_page) clear(link).append(h("a", { href: page.procedure_page, id: "to-procedure" }, "Silence procedure: countdown, objections and the verified log →"));
  const unmapped = await mapDone;
  $("#map-note").textContent = unmapped.length ? `Not on the map: ${unmapped.join(", ")} (listed in the table).` : "";
}

let first = true;

async function load(date) {
  if (request) request.abort();
  request = new AbortController();
  const query = date ? `?on=${encodeURIComponent(date)}` : "";
  document.body.dataset.loading = "true";
  try {
    const url = `/web/api/proposals/${encodeURIComponent(proposalId)}${query}`;
    const page = first ? await pageData(url) : await getJSON(url, { signal: request.signal });
    first = false;
    await render(page);
    showNotice(page.map.vendor_missing.length ? "Some map files are missing: run `make setup`." : null);
    if (date) history.replaceState(null, "", `${location.pathname}?on=${page.as_of}`);
    document.body.dataset.asOf = page.as_of;
    document.body.dataset.ready = "true";
  } catch (err) {
    if (err.name === "AbortError") return;
    if (err.status === 401) askForToken($("#notice"), `This server needs a token to read: ${err.message}`);
    else showNotice(err.message);
    document.body.dataset.error = err.message;
  } finally {
    delete document.body.dataset.loading;
  }
}

renderLegend($("#legend"));
enableKeyboard(tbody);
load(new URLSearchParams(location.search).get("on") || "");
