// The ingest review screen: paste text or upload HTML, run the ingestion pipeline on the
// server (/web/api/ingest), show each proposed statement beside the text with its evidence
// highlighted, and accept (into the chosen dossier, which returns the new verdict) or reject it.
import { getJSON, postJSON } from "../lib/api.js";
import { askForToken } from "../lib/auth.js";
import { $, clear, h, showNotice } from "../lib/dom.js";
import { listText, plural } from "../lib/format.js";
import { stanceBadge } from "../components/badge.js";

let dossiers = [];

function fail(err) {
  if (err.status === 401) askForToken($("#notice"), `This server needs a token: ${err.message}`);
  else if (err.status === 403) askForToken($("#notice"), `Not allowed with this token: ${err.message}`, { role: "secretariat" });
  else showNotice(err.message);
}

async function loadDossiers() {
  const data = await getJSON("/web/api/proposals");
  dossiers = data.proposals;
  const select = $("#dossier");
  clear(select);
  if (dossiers.length === 0) select.append(h("option", { value: "" }, "no dossier to accept into"));
  for (const p of dossiers) select.append(h("option", { value: p.id }, `${p.title} (${p.id})`));
  const wanted = new URLSearchParams(location.search).get("dossier");
  if (wanted) select.value = wanted;
}

// The text with each statement's evidence marked; spans never overlap in the output.
function renderText(article, text, statements) {
  clear(article);
  const spans = statements.filter((s) => s.span).sort((a, b) => a.span[0] - b.span[0]);
  let at = 0;
  for (const s of spans) {
    const [start, end] = s.span;
    if (start < at) continue;
    article.append(text.slice(at, start));
    article.append(h("mark", { id: `evidence-${s.index}`, class: `evidence stance-${s.stance}`, dataset: { index: String(s.index), actor: s.actor }, title: `${s.actor}: ${s.stance}` }, text.slice(start, end)));
    at = end;
  }
  article.append(text.slice(at));
}

function renderVerdict(result) {
  const v = result.verdict;
  const box = $("#verdict-after");
  const title = (dossiers.find((d) => d.id === result.proposal) || {}).title || result.proposal;
  box.hidden = false;
  box.className = `banner status-${v.status}`;
  box.dataset.status = v.status;
  clear(box).append(
    h("p", { class: "status", id: "verdict-after-status" }, v.status),
    h(
      "p",
      {},
      `${title}: ${result.added ? plural(result.added, "statement") + " added" : "nothing new added"}. `,
      v.blockers.length ? `Blocked by ${listText(v.blockers)}. ` : "",
      result.skipped.length ? `Skipped: ${result.skipped.join("; ")}. ` : "",
      h("a", { href: `/proposals/${encodeURIComponent(result.proposal)}` }, "Open the proposal page →"),
    ),
  );
}

async function decide(li, s, accepted) {
  const target = $("#dossier").value;
  if (accepted) {
    if (!target) return showNotice("Choose a dossier to accept the statement into.");
    li.dataset.decision = "saving";
    try {
      const result = await postJSON(`/web/api/proposals/${encodeURIComponent(target)}/statements`, { statements: [s] });
      renderVerdict(result);
      showNotice(null);
    } catch (err) {
      delete li.dataset.decision;
      return fail(err);
    }
  }
  li.dataset.decision = accepted ? "accepted" : "rejected";
  for (const b of li.querySelectorAll("button")) b.disabled = true;
  li.querySelector(".decision").textContent = accepted ? `Accepted into ${target}` : "Rejected";
  const mark = document.getElementById(`evidence-${s.index}`);
  if (mark) mark.dataset.decision = li.dataset.decision;
}

function renderStatements(ol, statements) {
  clear(ol);
  if (statements.length === 0) ol.append(h("li", { class: "muted" }, "No statement found in this article."));
  for (const s of statements) {
    const li = h(
      "li",
      { dataset: { index: String(s.index), actor: s.actor, stance: s.stance } },
      h("div", {}, h("strong", {}, s.actor), " ", s.member === false ? h("span", { class: "tag" }, "non-member") : null, " ", stanceBadge(s.stance, { reactor: s.member === false })),
      s.speaker ? h("div", { class: "muted" }, `Speaker: ${s.speaker}`) : null,
      h("div", { class: "muted" }, `Confidence ${Math.round(100 * s.confidence)} % · proposal: ${s.proposal_title || s.proposal || "not matched"}`),
      h("blockquote", {}, s.span ? h("a", { href: `#evidence-${s.index}` }, `“${s.evidence}”`) : `“${s.evidence}”`),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "accept", onclick: () => decide(li, s, true) }, "Accept"),
        " ",
        h("button", { type: "button", class: "reject", onclick: () => decide(li, s, false) }, "Reject"),
        " ",
        h("span", { class: "decision muted" }),
      ),
    );
    li.addEventListener("mouseenter", () => document.getElementById(`evidence-${s.index}`)?.classList.add("hot"));
    li.addEventListener("mouseleave", () => document.getElementById(`evidence-${s.index}`)?.classList.remove("hot"));
    ol.append(li);
  }
}

async function extract(ev) {
  ev.preventDefault();
  const text = $("#article").value;
  if (!text.trim()) return showNotice("Paste an article or choose a file first.");
  document.body.dataset.busy = "true";
  try {
    const result = await postJSON("/web/api/ingest", { text, name: $("#source-name").value || "pasted text" });
    showNotice(result.error);
    $("#result").hidden = false;
    $("#verdict-after").hidden = true;
    $("#statement-count").textContent = `(${result.statements.length})`;
    const meta = [result.published ? `published ${result.published}` : "no publication date found", result.body ? `body ${result.body}` : null, ...result.warnings];
    $("#meta").textContent = meta.filter(Boolean).join(" · ");
    const matched = result.statements.map((s) => s.proposal).find((id) => dossiers.some((d) => d.id === id));
    if (matched && !new URLSearchParams(location.search).get("dossier")) $("#dossier").value = matched;
    renderStatements($("#statements"), result.statements);
    renderText($("#text"), result.text, result.statements);
    document.body.dataset.extracted = String(result.statements.length);
  } catch (err) {
    fail(err);
  } finally {
    delete document.body.dataset.busy;
  }
}

$("#file").addEventListener("change", async () => {
  const file = $("#file").files[0];
  if (!file) return;
  $("#article").value = await file.text();
  $("#source-name").value = file.name;
});
$("#ingest-form").addEventListener("submit", extract);

loadDossiers()
  .then(() => {
    document.body.dataset.ready = "true";
  })
  .catch(fail);
