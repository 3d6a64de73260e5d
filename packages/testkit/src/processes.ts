import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** A child process started for a test, with its captured output. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Spawns `cmd args` (in its own process group), keeps the last 64 KiB of its
 * stdout+stderr, and returns a `stop()` that sends SIGTERM, then SIGKILL after 5 s.
 */
export function spawnLogged(cmd: string, args: string[], options: SpawnOptions = {}): Spawned {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, ...options });
  let buffer = "";
  const keep = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => buffer, stop };
}
