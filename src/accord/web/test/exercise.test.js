import assert from "node:assert/strict";
import { test } from "node:test";

import {
  answerable,
  audienceText,
  clockLine,
  follow,
  clockText,
  injectLine,
  inviteLink,
  mergeMoves,
  moveText,
  parseValues,
  pendingProposals,
  playersOf,
  recipients,
  reconnectDelay,
  secondsLeft,
  sessionParams,
  sessionPath,
  streamUrl,
  valuesText,
} from "../static/js/exercise.js";

test("invite links carry the session and token, escaped, and read back", () => {
  assert.equal(
    inviteLink("http://127.0.0.1:8000", "tiny-1a2b", "x_y-Z"),
    "http://127.0.0.1:8000/exercise.html?session=tiny-1a2b&token=x_y-Z",
  );
  assert.equal(inviteLink("", "a b", "t=1&"), "/exercise.html?session=a%20b&token=t%3D1%26");
  assert.deepEqual(sessionParams("?session=a%20b&token=t%3D1%26"), { sid: "a b", token: "t=1&" });
  assert.deepEqual(sessionParams(""), { sid: "", token: "" });
  assert.equal(sessionPath("s/1"), "/api/exercises/sessions/s%2F1");
});

test("playersOf keeps the named roles only, trimmed", () => {
  assert.deepEqual(
    playersOf([
      ["PHL", " Ana "],
      ["CHN", ""],
      ["USA", "   "],
      ["asean", "Wei"],
    ]),
    { PHL: "Ana", asean: "Wei" },
  );
});

test("the clock counts down from when it arrived and stops when paused", () => {
  assert.equal(clockText(0), "0:00");
  assert.equal(clockText(65.9), "1:05");
  assert.equal(clockText(3725), "1:02:05");
  assert.equal(clockText(-3), "0:00");
  const clock = { turn: 2, turns: 6, status: "running", seconds_left: 600 };
  assert.equal(secondsLeft(clock, 90_000), 510);
  assert.equal(clockLine(clock, 90_000), "Turn 2 of 6 · 8:30 left");
  assert.equal(clockLine(clock, 700_000), "Turn 2 of 6 · time is up");
  const paused = { ...clock, paused: true };
  assert.equal(secondsLeft(paused, 90_000), 600);
  assert.equal(clockLine(paused, 90_000), "Turn 2 of 6 · paused at 10:00");
  assert.equal(clockLine({ turn: 1, turns: 3, status: "running" }), "Turn 1 of 3 · no time limit");
  assert.equal(secondsLeft({ turn: 1, seconds_left: null }), null);
  assert.equal(
    clockLine({ turn: 3, turns: 3, status: "ended", seconds_left: 10 }),
    "Turn 3 of 3 · the exercise is over",
  );
});

test("recipients read public statements, groups and single roles", () => {
  assert.deepEqual(recipients("public"), ["public"]);
  assert.deepEqual(recipients("PHL, everyone"), ["public"]);
  assert.deepEqual(recipients(" PHL,CHN  PHL;USA "), ["PHL", "CHN", "USA"]);
  assert.deepEqual(recipients(""), []);
  assert.equal(audienceText(["*"]), "everyone");
  assert.equal(audienceText(["PHL", "CHN"], "CHN"), "PHL, you");
  assert.equal(audienceText([]), "nobody");
});

test("moves read as one line each", () => {
  const m = (kind, body, role = "PHL", audience = ["CHN"]) => ({
    seq: 1,
    turn: 1,
    role,
    kind,
    audience,
    body,
  });
  assert.equal(moveText(m("message", { text: "Talk?" }), "CHN"), "PHL → you: Talk?");
  assert.equal(moveText(m("message", { text: "Hi" }, "CHN", ["*"]), "CHN"), "You → everyone: Hi");
  assert.equal(
    moveText(m("inject", { channel: "news", from: "Wire", text: "Boats blocked." }, "control", ["*"])),
    "[news] Wire: Boats blocked.",
  );
  assert.equal(
    moveText(m("action", { action: "recall_ambassador", target: "CHN", target_role: "CHN" })),
    "PHL: recall ambassador → CHN",
  );
  assert.equal(
    moveText(m("propose", { table: "resupply", values: { inspection: 40, materials: 30 } })),
    "PHL proposes at resupply: inspection 40, materials 30",
  );
  assert.equal(
    moveText(m("accept", { table: "resupply", proposal: 7 }, "CHN"), "PHL"),
    "CHN accepts proposal #7 at resupply",
  );
  assert.equal(moveText(m("reject", { table: "t", proposal: 2 })), "PHL rejects proposal #2 at t");
  assert.equal(moveText(m("reject", { table: "t", proposal: 2 }), "PHL"), "You reject proposal #2 at t");
  assert.equal(moveText(m("propose", { table: "t", values: { x: 1 } }), "PHL"), "You propose at t: x 1");
  assert.equal(
    moveText(m("decide", { decision: "next-mission", option: "pause", default: true }, "control")),
    "control decides next-mission: pause (default)",
  );
  assert.equal(
    moveText(
      m("decide", { decision: "us-response", option: "statement", text: "Reaffirm it." }, "USA"),
      "CHN",
    ),
    "USA decides us-response: statement - Reaffirm it.",
  );
  assert.equal(
    moveText(m("agreement", { table: "resupply", values: { inspection: 40 } }, "control")),
    "Agreement at resupply: inspection 40",
  );
  assert.equal(
    moveText(m("player", { role: "USA", player: null }, "control")),
    "Control gives USA to the AI",
  );
  assert.equal(
    moveText(m("decide", { decision: "d", option: "quiet", override: true, note: "calm" }, "control")),
    "control decides d: quiet (override: calm)",
  );
  assert.equal(
    moveText(m("agreement", { table: "t", values: { x: 5 }, override: true, note: "" }, "control")),
    "Agreement at t: x 5 (override)",
  );
  assert.equal(valuesText({}), "");
  assert.equal(valuesText({ binding: 46.3415, x: 0.005 }), "binding 46.34, x 0.01");
});

test("mergeMoves keeps each move once, in order, and the last number", () => {
  const known = [{ seq: 1 }, { seq: 3 }];
  const { moves, last } = mergeMoves(known, [{ seq: 2 }, { seq: 3, again: true }, { seq: 5 }]);
  assert.deepEqual(
    moves.map((x) => x.seq),
    [1, 2, 3, 5],
  );
  assert.equal(moves[2].again, true);
  assert.equal(last, 5);
  assert.deepEqual(mergeMoves([], []), { moves: [], last: 0 });
});

test("reconnect delays double from one second up to thirty", () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 10].map(reconnectDelay),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
  );
});

test("a party may answer others' standing proposals once per turn", () => {
  const table = {
    parties: [{ role: "PHL" }, { role: "CHN" }],
    standing: [
      { seq: 4, role: "PHL", turn: 2, values: {} },
      { seq: 6, role: "asean", turn: 2, values: {} },
      { seq: 9, role: "CHN", turn: 2, values: {} },
    ],
    answers: [{ role: "CHN", kind: "reject", body: { proposal: 6 } }],
  };
  assert.deepEqual(
    answerable(table, "CHN").map((p) => p.seq),
    [4],
  );
  assert.deepEqual(
    answerable(table, "PHL").map((p) => p.seq),
    [6, 9],
  );
  assert.deepEqual(answerable(table, "asean"), []); // a mediator is no party
});

test("parseValues reads issue=number lists", () => {
  assert.deepEqual(parseValues("inspection=40, materials = 30.5"), { inspection: 40, materials: 30.5 });
  assert.deepEqual(parseValues(""), {});
  assert.equal(parseValues("inspection: 40"), null);
});

test("an MSEL inject reads as when, how, to whom", () => {
  const cable = { id: "cable", turn: 2, minute: 10, channel: "cable", audience: ["PHL"], text: "..." };
  assert.equal(injectLine(cable), "turn 2, minute 10 · cable · to PHL");
  assert.equal(
    injectLine({ ...cable, minute: 0, channel: "news", audience: ["*"] }, true),
    "turn 2 · news · to everyone · fired",
  );
});

// A stand-in for EventSource: records its address, lets a test fire events at it.
class FakeSource {
  static CLOSED = 2;
  static made = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    this.closed = false;
    FakeSource.made.push(this);
  }
  addEventListener(kind, fn) {
    (this.listeners[kind] ||= []).push(fn);
  }
  fire(kind, data) {
    for (const fn of this.listeners[kind] || []) fn(data === undefined ? {} : { data: JSON.stringify(data) });
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

test("follow hands events on, reconnects a closed stream from the last move, and stops", () => {
  FakeSource.made = [];
  const seen = [];
  const timers = [];
  let last = 0;
  const on = {
    move: (m) => {
      seen.push(["move", m.seq]);
      last = m.seq;
    },
    clock: (c) => seen.push(["clock", c.seconds_left]),
    turn: (t) => seen.push(["turn", t.turn]),
    state: (s) => seen.push(["state", s]),
  };
  const later = (fn, ms) => timers.push([fn, ms]) && timers.length;
  const stream = follow(() => streamUrl("s-1", "tok", last), on, {
    Source: FakeSource,
    later,
    cancel: () => {},
  });
  const first = FakeSource.made[0];
  assert.equal(first.url, "/api/exercises/sessions/s-1/stream?token=tok&since=0");
  first.fire("open");
  first.fire("move", { seq: 7 });
  first.fire("clock", { seconds_left: 30 });
  first.fire("turn", { turn: 1 });
  // a dropped connection the browser retries itself: no new stream of ours
  first.fire("error");
  assert.equal(FakeSource.made.length, 1);
  // a stream the browser gave up on: ours opens again after 1 s, then 2 s, from move 7
  first.readyState = 2;
  first.fire("error");
  assert.deepEqual(
    timers.map(([, ms]) => ms),
    [1000],
  );
  timers[0][0]();
  const second = FakeSource.made[1];
  assert.equal(second.url, "/api/exercises/sessions/s-1/stream?token=tok&since=7");
  second.readyState = 2;
  second.fire("error");
  assert.equal(timers[1][1], 2000);
  timers[1][0]();
  FakeSource.made[2].fire("open"); // a success resets the delay
  FakeSource.made[2].readyState = 2;
  FakeSource.made[2].fire("error");
  assert.equal(timers[2][1], 1000);
  assert.deepEqual(seen.slice(0, 5), [
    ["state", "live"],
    ["move", 7],
    ["clock", 30],
    ["turn", 1],
    ["state", "reconnecting"],
  ]);
  stream.close();
  timers[2][0]();
  assert.equal(FakeSource.made.length, 3); // closed: no more reconnection
  assert.equal(FakeSource.made[2].closed, true);
});

test("the proposals tabled this turn are those of the table and the turn", () => {
  const moves = [
    { seq: 3, turn: 1, kind: "propose", body: { table: "t", values: {} } },
    { seq: 4, turn: 2, kind: "propose", body: { table: "t", values: {} } },
    { seq: 5, turn: 2, kind: "propose", body: { table: "u", values: {} } },
    { seq: 6, turn: 2, kind: "accept", body: { table: "t", proposal: 3 } },
  ];
  assert.deepEqual(
    pendingProposals(moves, "t", 2).map((m) => m.seq),
    [4],
  );
  assert.deepEqual(pendingProposals([], "t", 2), []);
});
