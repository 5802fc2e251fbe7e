// The reader's bearer token. `concord serve` guards every JSON route with the API's tokens
// (reading needs any token); `concord web` over a local folder needs none. The token lives
// in this tab's sessionStorage only; a link may carry it in its #fragment (never sent to the
// server), which is moved into sessionStorage and removed from the address bar at once.
import { clear, h } from "./dom.js";

const KEY = "concord.token";

export function captureToken() {
  const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (!match) return;
  sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
  history.replaceState(null, "", location.pathname + location.search);
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

// A form asking for a token, shown when the server answered 401 (or 403 for a write).
export function askForToken(el, message, { role = "observer" } = {}) {
  const input = h("input", { id: "token-input", type: "password", autocomplete: "off", size: 50, required: true });
  const form = h(
    "form",
    { id: "token-form", class: "token-form" },
    h("p", {}, message),
    h("label", { for: "token-input" }, "Bearer token "),
    input,
    " ",
    h("button", { type: "submit" }, "Use this token"),
    h(
      "p",
      { class: "muted" },
      `Create one with \`concord token create --body NATO-NAC --${role}\` (or start the server with --dashboard-link). `,
      "It is kept in this browser tab only (sessionStorage) and sent as Authorization: Bearer.",
    ),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    location.reload();
  });
  clear(el).append(form);
  input.focus();
}

captureToken();
