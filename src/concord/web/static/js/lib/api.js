// Fetching JSON from concord: one place for errors, so every page reports them alike.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function getJSON(url, { signal } = {}) {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body;
}

// The page's own data: the fetch started by the inline script in the page's head (so it runs
// while the modules load), or a fresh one. Each page's data lives at /web/api + its path.
export async function pageData(url) {
  const early = window.concordPageData;
  window.concordPageData = null;
  if (early && url === `/web/api${location.pathname}${location.search}`) {
    const { ok, status, statusText, body } = await early;
    if (!ok) throw new ApiError(status, body && body.detail ? body.detail : statusText);
    return body;
  }
  return getJSON(url);
}
