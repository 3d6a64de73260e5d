import { describe, expect, it } from "vitest";
import { isAppError } from "@limelight/domain";
import { createAdmissionGate } from "./admission-gate";

/** A task that runs until its `finish` is called, recording that it started. */
function heldTask(log: string[], name: string) {
  let finish: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (finish = resolve));
  return {
    run: () => {
      log.push(name);
      return done;
    },
    finish: () => finish(name),
  };
}

describe("admission gate of the Buy presses", () => {
  it("runs `concurrency` presses at once, the waiting ones in arrival order, and refuses past the queue bound with OVERLOADED and a retry delay", async () => {
    const gate = createAdmissionGate({ concurrency: 2, maxQueued: 2, retryAfterMs: 2_000 });
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => heldTask(started, name));
    const results = tasks.map((t) => gate.run(t.run));
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    expect(gate.load()).toEqual({ active: 2, queued: 2 });

    const refused = await gate.run(async () => "e").catch((error: unknown) => error);
    expect(isAppError(refused) && { code: refused.code, details: refused.details }).toEqual({ code: "OVERLOADED", details: { retryAfterMs: 2_000 } });

    tasks[1]?.finish();
    await expect(results[1]).resolves.toBe("b");
    expect(started).toEqual(["a", "b", "c"]);
    for (const t of tasks) t.finish();
    await expect(Promise.all(results)).resolves.toEqual(["a", "b", "c", "d"]);
    expect(started).toEqual(["a", "b", "c", "d"]);
    expect(gate.load()).toEqual({ active: 0, queued: 0 });
  });

  it("does not run a press whose client went away while it waited", async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxQueued: 5, retryAfterMs: 1_000 });
    const started: string[] = [];
    const first = heldTask(started, "first");
    const running = gate.run(first.run);
    const abandoned = new AbortController();
    const waiting = gate.run(async () => {
      started.push("abandoned");
      return "ran";
    }, abandoned.signal);
    abandoned.abort();
    first.finish();
    await running;
    const outcome = await waiting.catch((error: unknown) => (isAppError(error) ? error.code : String(error)));
    expect(outcome).toBe("BAD_REQUEST");
    expect(started).toEqual(["first"]);
  });
});
