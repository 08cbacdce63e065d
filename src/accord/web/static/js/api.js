// Talking to the Accord API: JSON fetch with readable errors, and job progress by SSE.
import { queryString } from "./shape.js";

// One line from an error answer `{error, problems: [{message, field}]}` (or none at all).
export function problemMessage(status, body) {
  const problems = (body && body.problems) || [];
  const detail = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  return [body && body.error ? body.error : `HTTP ${status}`, ...detail].join(" — ");
}

export class ApiError extends Error {
  constructor(status, body) {
    const problems = (body && body.problems) || [];
    super(problemMessage(status, body));
    this.status = status;
    this.problems = problems;
  }
}

async function parse(response) {
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof body === "object" ? body : null);
  return body;
}

// The bearer header: `token` when given (an exercise session's token), else the stored write token.
function authHeaders(token = null) {
  const chosen = token || sessionStorage.getItem("accord-token");
  return chosen ? { Authorization: `Bearer ${chosen}` } : {};
}

// GET `path` as JSON; `token` (an exercise session's), else the stored write token, goes in
// the Authorization header (off loopback the expensive reads, network and alerts, need it).
export async function get(path, params = {}, token = null) {
  const qs = queryString(params);
  const headers = { Accept: "application/json", ...authHeaders(token) };
  return parse(await fetch(qs ? `${path}?${qs}` : path, { headers }));
}

// POST `payload` (JSON, or a FormData upload) to `path`; `token` as for `get`.
export async function post(path, payload, token = null) {
  const init = { method: "POST", headers: { Accept: "application/json", ...authHeaders(token) } };
  if (payload instanceof FormData) init.body = payload;
  else {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(payload);
  }
  return parse(await fetch(path, init));
}

// Follow a job's progress; resolves with its result, rejects with its problems.
export function followJob(jobId, onProgress) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(`/api/jobs/${jobId}/events`);
    const finish = async (ok) => {
      source.close();
      try {
        if (ok) resolve((await get(`/api/jobs/${jobId}/result`)).result);
        else reject(new ApiError(422, await get(`/api/jobs/${jobId}`)));
      } catch (err) {
        reject(err);
      }
    };
    source.addEventListener("progress", (e) => onProgress(JSON.parse(e.data)));
    source.addEventListener("done", (e) => {
      onProgress(JSON.parse(e.data));
      finish(true);
    });
    // a job that ended without a result: failed, cancelled, or interrupted by a server stop
    for (const ending of ["failed", "cancelled", "interrupted"]) {
      source.addEventListener(ending, (e) => {
        onProgress(JSON.parse(e.data));
        finish(false);
      });
    }
    source.onerror = () => {
      // The stream closes after the last event; a reconnect resumes from Last-Event-ID.
      if (source.readyState === EventSource.CLOSED) finish(false);
    };
  });
}

// Ask the server to cancel a job (a queued one never runs; a running one stops and ends
// `cancelled`, which `followJob` then rejects with).
export async function cancelJob(jobId) {
  return post(`/api/jobs/${jobId}/cancel`, {});
}
