// Server-sent events read with fetch, so that the bearer token goes in a header (EventSource
// cannot send one, and a token in the URL would end up in logs). Calls onEvent(kind, data, id)
// for each event; resolves when the server ends the stream.
import { ApiError, errorMessage } from "./api.js";
import { authHeaders } from "./auth.js";

export async function readStream(url, onEvent, { signal } = {}) {
  const response = await fetch(url, { signal, headers: { Accept: "text/event-stream", ...authHeaders() } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, errorMessage(body, response.statusText));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let kind = "message";
      let id = null;
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) kind = line.slice(7);
        else if (line.startsWith("id: ")) id = Number(line.slice(4));
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length) onEvent(kind, JSON.parse(data.join("\n")), id);
    }
  }
}
