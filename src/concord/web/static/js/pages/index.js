// The index: every dossier the server knows, with its verdict on its own as-of date.
import { getJSON } from "../lib/api.js";
import { askForToken } from "../lib/auth.js";
import { $, clear, h, showNotice } from "../lib/dom.js";

async function main() {
  const data = await getJSON("/web/api/proposals");
  const tbody = $("#proposals tbody");
  clear(tbody);
  if (data.proposals.length === 0) tbody.append(h("tr", {}, h("td", { colspan: 6 }, "No dossiers found.")));
  for (const p of data.proposals) {
    tbody.append(
      h(
        "tr",
        { dataset: { id: p.id } },
        h("th", { scope: "row" }, h("a", { href: `/proposals/${encodeURIComponent(p.id)}` }, p.title), h("div", { class: "muted code" }, p.id)),
        h("td", {}, p.body),
        h("td", {}, p.as_of || "—"),
        h("td", {}, p.error ? h("span", { class: "error" }, p.error) : h("span", { class: `pill status-${p.status}` }, p.status)),
        h("td", {}, p.members ?? "—"),
        h("td", {}, p.statements ?? "—"),
      ),
    );
  }
  const problems = $("#problems");
  clear(problems);
  for (const text of data.problems) problems.append(h("li", { class: "muted" }, `Skipped: ${text}`));
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  if (err.status === 401) askForToken($("#notice"), `This server needs a token to read: ${err.message}`);
  else showNotice(err.message);
});
