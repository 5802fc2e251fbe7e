// Fetching JSON from concord: one place for errors and the bearer token, so every page
// reports them alike. Errors come as {detail} (dashboard) or {error: {message}} (API).
import { authHeaders } from "./auth.js";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function errorMessage(body, fallback) {
  if (body && typeof body.detail === "string") return body.detail;
  if (body && body.error && typeof body.error.message === "string") return body.error.message;
  return fallback;
}

async function request(url, init) {
  const response = await fetch(url, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, errorMessage(body, response.statusText));
  return body;
}

export function getJSON(url, { signal } = {}) {
  return request(url, { signal, headers: { Accept: "application/json", ...authHeaders() } });
}

export function postJSON(url, data, { signal } = {}) {
  return request(url, {
    method: "POST",
    signal,
    headers: { Accept: "application/json", "Content-Type": "application/json", ...authHeaders() },
    body: JSON.stringify(data),
  });
}

// The page's own data: the fetch started by the inline script in the page's head (so it runs
// while the modules load), or a fresh one. Each page's data lives at /web/api + its path.
export async function pageData(url) {
  const early = window.concordPageData;
  window.concordPageData = null;
  if (early && url === `/web/api${location.pathname}${location.search}`) {
    const { ok, status, statusText, body } = await early;
    if (!ok) throw new ApiError(status, errorMessage(body, statusText));
    return body;
  }
  return getJSON(url);
}
