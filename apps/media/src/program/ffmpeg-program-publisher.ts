/**
 * ProgramPublisher with an RtpEndpoint and ffmpeg: KMS sends the program as
 * RTP to loopback ports, ffmpeg re-encodes to H.264 (keyframe every HLS
 * fragment) + AAC and publishes by RTMP (FLV) to
 * `${originRtmpUrl}/${eventId}?secret=${publishSecret}` (the HLS origin's
 * on_publish checks the secret). ffmpeg is restarted with exponential backoff
 * when it exits. KMS is asked for a keyframe periodically because ffmpeg
 * sends no keyframe requests (docs/kurento.md).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Logger } from "pino";
import { type MediaRef, type MediaServer } from "../media-server";
import { type ProgramBridge, type ProgramBridgeStatus, type ProgramPublisher } from "./program-publisher";
import { buildBridgeOffer, buildFfmpegSdp, codecsFromAnswer } from "./rtp-sdp";
import { freeRtpPortPair } from "./udp-ports";

/** Options of FfmpegProgramPublisher (times in ms, fragment in seconds). */
export interface FfmpegProgramPublisherOptions {
  ffmpegPath: string;
  originRtmpUrl: string;
  publishSecret: string;
  hlsFragmentSeconds: number;
  sdpDir: string;
  logger: Logger;
  /** How often KMS is asked for a keyframe (default 2000 ms). */
  keyframeRequestMs?: number;
  /** First restart delay, doubled per consecutive failure up to maxBackoffMs (defaults 500 / 30,000 ms). */
  restartBackoffMs?: number;
  maxBackoffMs?: number;
}

/** ffmpeg arguments for one bridge: input .sdp → H.264 + AAC → FLV over RTMP. */
export function ffmpegArgs(sdpPath: string, outputUrl: string, fragmentSeconds: number): string[] {
  const fps = 30;
  const gop = Math.max(1, Math.round(fps * fragmentSeconds));
  return [
    "-hide_banner",
    "-loglevel", "warning",
    "-protocol_whitelist", "file,udp,rtp",
    "-fflags", "+genpts",
    // RTP from KMS carries audio and video clocks that drift apart; without
    // wall-clock timestamps ffmpeg emits non-monotonous audio DTS and
    // nginx-rtmp drops the publisher (seen against a real KMS 7).
    "-use_wallclock_as_timestamps", "1",
    "-i", sdpPath,
    "-map", "0:v:0?", "-map", "0:a:0?",
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
    "-r", String(fps), "-g", String(gop), "-keyint_min", String(gop), "-sc_threshold", "0",
    "-force_key_frames", `expr:gte(t,n_forced*${fragmentSeconds})`,
    "-b:v", "2500k", "-maxrate", "2500k", "-bufsize", "5000k",
    "-af", "aresample=async=1",
    "-c:a", "aac", "-b:a", "128k", "-ar", "44100", "-ac", "2",
    "-f", "flv", outputUrl,
  ];
}

/** The real ProgramPublisher. */
export class FfmpegProgramPublisher implements ProgramPublisher {
  constructor(private readonly options: FfmpegProgramPublisherOptions) {}

  async start(input: { eventId: string; server: MediaServer; pipeline: MediaRef; programPort: MediaRef }): Promise<ProgramBridge> {
    const { server, eventId } = input;
    const rtp = await server.createRtpEndpoint(input.pipeline);
    try {
      const audio = await freeRtpPortPair();
      const video = await freeRtpPortPair([audio, audio + 1]);
      const ports = { audio, video };
      const sessionName = `Limelight program ${eventId}`;
      const answer = await server.processOffer(rtp, buildBridgeOffer(ports, sessionName));
      const codecs = codecsFromAnswer(answer);
      mkdirSync(this.options.sdpDir, { recursive: true });
      const sdpPath = join(this.options.sdpDir, `program-${eventId}-${Date.now()}.sdp`);
      writeFileSync(sdpPath, buildFfmpegSdp(ports, sessionName, codecs));
      const outputUrl = `${this.options.originRtmpUrl.replace(/\/+$/, "")}/${encodeURIComponent(eventId)}?secret=${encodeURIComponent(this.options.publishSecret)}`;
      const bridge = new FfmpegBridge(rtp, server, sdpPath, ffmpegArgs(sdpPath, outputUrl, this.options.hlsFragmentSeconds), ports, this.options);
      bridge.run();
      await server.connect(input.programPort, rtp);
      return bridge;
    } catch (error) {
      await server.release(rtp).catch(() => undefined);
      throw error;
    }
  }
}

class FfmpegBridge implements ProgramBridge {
  private child: ChildProcess | null = null;
  private starts = 0;
  private failures = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly keyframeTimer: NodeJS.Timeout;
  private readonly log: Logger;

  constructor(
    readonly rtpEndpoint: MediaRef,
    private readonly server: MediaServer,
    private readonly sdpPath: string,
    private readonly args: string[],
    private readonly ports: { audio: number; video: number },
    private readonly options: FfmpegProgramPublisherOptions,
  ) {
    this.log = options.logger.child({ component: "program-bridge", sdpPath });
    this.keyframeTimer = setInterval(() => {
      server.requestKeyframe(rtpEndpoint).catch((error: unknown) => this.log.debug({ err: error }, "keyframe request failed"));
    }, options.keyframeRequestMs ?? 2_000);
    this.keyframeTimer.unref();
  }

  run(): void {
    if (this.stopped) return;
    this.starts += 1;
    const startedAt = Date.now();
    const child = spawn(this.options.ffmpegPath, this.args, { stdio: ["ignore", "ignore", "pipe"] });
    this.child = child;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => this.log.debug({ ffmpeg: chunk.trim().slice(0, 500) }, "ffmpeg"));
    child.on("error", (error) => this.log.warn({ err: error }, "ffmpeg could not start"));
    child.on("close", (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      this.failures = Date.now() - startedAt > 30_000 ? 1 : this.failures + 1;
      const base = this.options.restartBackoffMs ?? 500;
      const delay = Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** (this.failures - 1));
      this.log.warn({ code, signal, delay }, "ffmpeg exited; restarting");
      this.restartTimer = setTimeout(() => this.run(), delay);
    });
  }

  status(): ProgramBridgeStatus {
    return { pid: this.child?.pid ?? null, starts: this.starts, sdpPath: this.sdpPath, args: [...this.args], ports: { ...this.ports } };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.keyframeTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 3_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      });
    }
    rmSync(this.sdpPath, { force: true });
    await this.server.release(this.rtpEndpoint).catch(() => undefined);
  }
}
