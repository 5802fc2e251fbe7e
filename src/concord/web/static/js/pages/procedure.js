// The silence procedure of a proposal: countdown to the deadline, who broke silence, and the
// event log with its verification status, kept live over the proposal's event stream
// (/api/proposals/{id}/stream) without reloading. Reads need a bearer token (any role).
import { getJSON } from "../lib/api.js";
import { askForToken } from "../lib/auth.js";
import { $, clear, h, showNotice } from "../lib/dom.js";
import { plural } from "../lib/format.js";
import { readStream } from "../lib/sse.js";
import { stanceBadge } from "../components/badge.js";

const proposalId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1]);
const base = `/api/proposals/${encodeURIComponent(proposalId)}`;
const seen = new Map(); // seq -> row
let state = null;
let deadlineAt = null; // performance.now() at which the deadline falls (server's clock)
let verifying = null;
let lastSeq = 0;

function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return (hms[0] ? `${hms[0]}:` : "") + hms.slice(1).map((n) => String(n).padStart(2, "0")).join(":");
}

function tick() {
  const el = $("#countdown");
  const proc = state && state.procedure;
  if (!proc) el.textContent = "no silence procedure yet";
  else if (proc.state === "closed") el.textContent = "closed";
  else if (deadlineAt === null) el.textContent = "—";
  else {
    const left = (deadlineAt - performance.now()) / 1000;
    el.textContent = left > 0 ? clock(left) : "deadline passed, closing…";
    el.dataset.left = String(Math.max(0, Math.round(left)));
  }
}

function nameOf(code) {
  return (state && state.names && state.names[code]) || code;
}

function renderState(s) {
  state = s;
  document.title = `Silence: ${s.title} · concord`;
  $("#title").textContent = s.title;
  $("#subtitle").textContent = `${s.body} · proposal ${s.id}`;
  $("#to-proposal").href = `/proposals/${encodeURIComponent(s.id)}`;
  const proc = s.procedure;
  const box = $("#procedure");
  const procState = proc ? proc.state : "none";
  box.dataset.state = procState;
  box.dataset.outcome = (proc && proc.outcome) || "";
  box.className = `banner procedure state-${procState} ${proc && proc.outcome ? `outcome-${proc.outcome}` : ""}`;
  $("#procedure-state").textContent = !proc
    ? "No silence procedure"
    : proc.state === "open"
      ? "Under silence procedure"
      : proc.state === "closed"
        ? `Closed: ${proc.outcome === "adopted" ? "adopted" : "silence broken"}`
        : "Recorded procedure";
  $("#deadline").textContent = proc ? proc.deadline : "—";
  $("#outcome").textContent = proc && proc.outcome ? proc.outcome : proc && proc.state === "open" ? "pending the deadline" : "—";
  const now = $("#verdict-now");
  now.dataset.status = s.status;
  clear(now).append(h("span", { class: `pill status-${s.status}` }, s.status));
  if (proc && proc.state === "open") deadlineAt = performance.now() + proc.seconds_left * 1000;
  const members = Object.entries(s.positions).filter(([, p]) => p.member);
  const broke = members.filter(([, p]) => p.stance !== "support");
  const joined = members.filter(([, p]) => p.stance === "support");
  renderPeople($("#broken"), broke, "Nobody has broken silence.");
  renderPeople($("#joined"), joined, "Nobody yet.");
  $("#broken-count").textContent = `(${broke.length})`;
  $("#joined-count").textContent = `(${joined.length})`;
  tick();
}

function renderPeople(ul, rows, empty) {
  clear(ul);
  if (rows.length === 0) ul.append(h("li", { class: "muted" }, empty));
  for (const [code, p] of rows) {
    ul.append(
      h(
        "li",
        { dataset: { code, stance: p.stance } },
        h("strong", {}, nameOf(code)), ` (${code}) `, stanceBadge(p.stance), ` ${p.date}`,
        p.text ? h("blockquote", {}, `“${p.text}”`) : null,
      ),
    );
  }
}

function details(e) {
  const p = e.payload || {};
  switch (e.kind) {
    case "proposal.created":
      return p.title;
    case "silence.started":
      return `deadline ${p.deadline}`;
    case "statement.made":
      return `${p.stance}${p.breaks_silence ? " — breaks silence" : ""}${p.text ? `: “${p.text}”` : ""}`;
    case "procedure.closed":
      return `${p.outcome}${p.broken_by && p.broken_by.length ? ` (broken by ${p.broken_by.join(", ")})` : ""}`;
    case "statements.recorded":
      return plural((p.statements || []).length, "statement") + " from the news";
    case "dossier.imported":
      return `${p.title} (${plural(p.statements || 0, "statement")})`;
    default:
      return "";
  }
}

function addEvent(e) {
  if (seen.has(e.seq)) return;
  lastSeq = Math.max(lastSeq, e.seq);
  const row = h(
    "tr",
    { dataset: { seq: String(e.seq), kind: e.kind } },
    h("td", {}, String(e.seq)),
    h("td", {}, h("time", { datetime: e.at }, e.at.replace("T", " ").replace(/\.\d+Z$/, "Z"))),
    h("td", {}, e.actor),
    h("td", { class: "code" }, e.kind),
    h("td", {}, details(e)),
    h("td", { class: "code", title: `hash ${e.hash}\nprev ${e.prev}` }, `${e.hash.slice(0, 10)}…`),
    h("td", { class: "verified" }, "…"),
  );
  seen.set(e.seq, row);
  const rows = [...seen.entries()].sort((a, b) => a[0] - b[0]);
  const tbody = $("#events tbody");
  const at = rows.findIndex(([seq]) => seq === e.seq);
  const next = rows[at + 1];
  tbody.insertBefore(row, next ? next[1] : null);
}

// The whole chain is recomputed by the server (GET /api/audit/verify); every event before the
// first bad seq is verified. Debounced: a burst of events causes one check.
function verifyLater() {
  if (verifying) return;
  verifying = setTimeout(async () => {
    verifying = null;
    try {
      const v = await getJSON("/api/audit/verify");
      const el = $("#verify");
      el.dataset.ok = String(v.ok);
      el.dataset.events = String(v.events);
      el.className = `verify ${v.ok ? "ok" : "bad"}`;
      el.textContent = v.ok
        ? `✓ The hash chain verifies: all ${v.events} events of the log, this proposal's included.`
        : `✗ The chain is broken at seq ${v.first_bad} (${v.reason}).`;
      for (const [seq, row] of seen) {
        const good = v.ok || seq < v.first_bad;
        const cell = row.querySelector(".verified");
        cell.textContent = seq > v.events ? "…" : good ? "✓" : "✗";
        row.dataset.verified = seq > v.events ? "pending" : String(good);
      }
    } catch (err) {
      $("#verify").textContent = `Could not verify: ${err.message}`;
    }
  }, 150);
}

async function listen() {
  const live = $("#live");
  for (;;) {
    try {
      live.textContent = "connected: updates appear as they happen";
      live.dataset.live = "connected";
      await readStream(`${base}/stream?after=${lastSeq}`, (kind, data) => {
        if (kind === "state") renderState(data);
        else {
          addEvent(data);
          verifyLater();
        }
      });
    } catch (err) {
      if (err.status === 401 || err.status === 404) throw err;
      live.textContent = `reconnecting (${err.message})…`;
      live.dataset.live = "reconnecting";
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    if (state && state.procedure && state.procedure.state === "closed") {
      live.textContent = "closed: the record is final";
      live.dataset.live = "ended";
      return;
    }
  }
}

async function main() {
  const [s, events] = await Promise.all([getJSON(base), getJSON(`${base}/events`)]);
  renderState(s);
  for (const e of events) addEvent(e);
  verifyLater();
  setInterval(tick, 250);
  document.body.dataset.ready = "true";
  await listen();
}

main().catch((err) => {
  $("#live").textContent = "not connected";
  $("#live").dataset.live = "error";
  if (err.status === 401) askForToken($("#notice"), `Reading a procedure needs a token: ${err.message}`);
  else showNotice(err.message);
});
