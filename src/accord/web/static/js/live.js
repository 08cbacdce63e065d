// Live alerts: when the server follows a publisher (`accord serve --follow gdelt2`), new
// relation alerts arrive on the server-sent-events stream `/api/alerts/stream` and show as a
// badge in the header and a notice in the status line, without reloading the page.

export const STREAM = "/api/alerts/stream";
export const CAPABILITY = "live-alerts";

// The one-line notice of an alert announcement (see accord.relations.live.alert_message).
export function alertText(message) {
  const a = message.alert;
  const z = Number(a.z).toFixed(1);
  return `New alert: ${a.a}–${a.b} ${a.period}, ${a.metric.replaceAll("_", " ")} z = ${z}`;
}

// The badge's text for `count` alerts received since the page opened.
export function badgeText(count) {
  return count === 1 ? "1 new alert" : `${count} new alerts`;
}

// The one-line notice of a problem the follower reported (an unreachable publisher, a bad file).
export function problemText(message) {
  return `Following ${message.source}: ${message.message}`;
}

// Listen to the stream; `onAlert(message)` gets each alert announcement, `onState(state)` is
// told "live" when connected and "reconnecting" when the connection drops (EventSource retries
// by itself), `onProblem(message)` gets each problem the follower reports. The server names
// those announcements `error`, which EventSource also uses for a dropped connection: an event
// carrying data is the follower's report, one without is the connection's. Returns the
// EventSource so a caller can close it.
export function listen(onAlert, onState, Source = globalThis.EventSource, onProblem = () => {}) {
  const source = new Source(STREAM);
  source.addEventListener("open", () => onState("live"));
  source.addEventListener("error", (event) => {
    if (typeof event?.data === "string") onProblem(JSON.parse(event.data));
    else onState("reconnecting");
  });
  source.addEventListener("alert", (event) => onAlert(JSON.parse(event.data)));
  return source;
}
