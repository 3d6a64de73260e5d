/**
 * SDP for the fake KMS: parse an offer/answer just enough to answer it the
 * way KMS does (same m-lines in the same order, supported codecs only,
 * direction flipped, ICE credentials and DTLS fingerprint for WebRTC, ports
 * for plain RTP) and to produce offers. No media ever flows.
 * SDP: RFC 8866; offer/answer: RFC 3264; WebRTC profile: RFC 8829 (JSEP).
 * Layout as a real KMS 7 writes it (measured): one session-level `c=` line and
 * none per media; WebRTC m-lines on port 1 with `a=rtcp:9 IN IP4 0.0.0.0`
 * (the real transport comes from ICE); RtpEndpoint m-lines on even local
 * ports with `a=rtcp:<port+1>`; KMS's own offers name their mids `audio0`/`video0`.
 */
import { randomBytes, randomInt } from "node:crypto";
import { KmsError } from "./errors";
import type { IceCandidate } from "./graph";

/** One media section (`m=` line and the lines after it). */
export interface SdpMediaSection {
  kind: string;
  port: number;
  proto: string;
  formats: string[];
  /** `a=` attribute values (without `a=`), in order. */
  attributes: string[];
  /** Other lines of the section (`c=`, `b=`, ...), verbatim. */
  otherLines: string[];
}

/** A parsed session description. */
export interface ParsedSdp {
  sessionLines: string[];
  media: SdpMediaSection[];
}

/** Codecs KMS negotiates (audio and video encoding names, upper-cased). */
const SUPPORTED_CODECS = new Set(["OPUS", "PCMU", "PCMA", "VP8", "VP9", "H264"]);

/**
 * Parse `text` as SDP.
 * @throws KmsError SDP_PARSE_ERROR when it does not start with `v=0`, has a
 *   malformed line, or has no media section.
 */
export function parseSdp(text: unknown): ParsedSdp {
  if (typeof text !== "string" || !text.trimStart().startsWith("v=0")) {
    throw new KmsError("SDP_PARSE_ERROR", "Invalid SDP");
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const parsed: ParsedSdp = { sessionLines: [], media: [] };
  for (const line of lines) {
    if (!/^[a-z]=/.test(line)) throw new KmsError("SDP_PARSE_ERROR", "Invalid SDP");
    if (line.startsWith("m=")) {
      const [kind, port, proto, ...formats] = line.slice(2).split(/\s+/);
      const portNumber = Number(port);
      if (!kind || !proto || !Number.isInteger(portNumber) || formats.length === 0) {
        throw new KmsError("SDP_PARSE_ERROR", "Invalid SDP");
      }
      parsed.media.push({ kind, port: portNumber, proto, formats, attributes: [], otherLines: [] });
      continue;
    }
    const section = parsed.media[parsed.media.length - 1];
    if (!section) parsed.sessionLines.push(line);
    else if (line.startsWith("a=")) section.attributes.push(line.slice(2));
    else section.otherLines.push(line);
  }
  if (parsed.media.length === 0) throw new KmsError("SDP_PARSE_ERROR", "Invalid SDP");
  return parsed;
}

type Direction = "sendrecv" | "sendonly" | "recvonly" | "inactive";

function directionOf(section: SdpMediaSection, session: string[]): Direction {
  const dirs: Direction[] = ["sendrecv", "sendonly", "recvonly", "inactive"];
  const own = section.attributes.find((a) => (dirs as string[]).includes(a));
  const sess = session.find((l) => (dirs as string[]).includes(l.slice(2)))?.slice(2);
  return (own ?? sess ?? "sendrecv") as Direction;
}

/** Credentials and identity of a local endpoint, stable for its lifetime. */
export interface LocalTransport {
  iceUfrag: string;
  icePwd: string;
  /** `sha-256 AA:BB:...` */
  fingerprint: string;
  /** Synchronization source ids for the media this endpoint sends. */
  ssrcs: number[];
  cname: string;
  /** Local RTP ports (RtpEndpoint), one per media section, even numbers. */
  rtpPorts: number[];
}

/** New random ICE/DTLS credentials (ufrag 8 chars, pwd 24 chars, SHA-256 fingerprint). */
export function newLocalTransport(): LocalTransport {
  const b64 = (n: number): string => randomBytes(n).toString("base64").replace(/[^A-Za-z0-9]/g, "x");
  const fingerprint = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
  return {
    iceUfrag: b64(6).slice(0, 8),
    icePwd: b64(18).slice(0, 24),
    fingerprint: `sha-256 ${fingerprint}`,
    ssrcs: [randomInt(1, 2 ** 31), randomInt(1, 2 ** 31), randomInt(1, 2 ** 31)],
    cname: b64(12).slice(0, 16),
    rtpPorts: [0, 1, 2, 3].map(() => 2 * randomInt(20000, 30000)),
  };
}

/** What the local endpoint is willing to do. */
export interface AnswerOptions {
  /** "webrtc": ICE/DTLS answer; "rtp": plain RTP with local ports. */
  flavor: "webrtc" | "rtp";
  /** Endpoint created with `recvonly: true` (never sends). */
  recvonly?: boolean;
  /** Endpoint created with `sendonly: true` (never receives). */
  sendonly?: boolean;
  /** Accept a `m=application` data channel section. */
  useDataChannels?: boolean;
  /** Address written in `c=` lines of an RTP answer/offer. */
  address: string;
}

function mediaFormats(section: SdpMediaSection): string[] {
  if (section.kind === "application") return section.formats;
  const codecOf = new Map<string, string>();
  for (const a of section.attributes) {
    const m = /^rtpmap:(\d+)\s+([^/\s]+)/.exec(a);
    if (m?.[1] && m[2]) codecOf.set(m[1], m[2].toUpperCase());
  }
  return section.formats.filter((pt) => {
    const codec = codecOf.get(pt);
    if (codec) return SUPPORTED_CODECS.has(codec);
    // Static payload types without rtpmap: 0 = PCMU, 8 = PCMA (RFC 3551).
    return pt === "0" || pt === "8";
  });
}

function formatAttributes(section: SdpMediaSection, formats: string[]): string[] {
  const keep = new Set(formats);
  return section.attributes.filter((a) => {
    const m = /^(rtpmap|fmtp|rtcp-fb):(\d+|\*)\s/.exec(a);
    return m !== null && (m[2] === "*" || keep.has(m[2] ?? ""));
  });
}

/**
 * Answer `offerText` (RFC 3264): one m-line per offered m-line, in order;
 * unsupported or refused sections get port 0.
 * @throws KmsError SDP_PARSE_ERROR for an unparseable offer.
 */
export function createAnswer(offerText: unknown, local: LocalTransport, opts: AnswerOptions): string {
  const offer = parseSdp(offerText);
  const webrtc = opts.flavor === "webrtc";
  const offeredBundle = offer.sessionLines.some((l) => l.startsWith("a=group:BUNDLE"));
  const out: string[] = [];
  const sections: string[][] = [];
  const bundled: string[] = [];
  offer.media.forEach((section, index) => {
    const mid = section.attributes.find((a) => a.startsWith("mid:"))?.slice(4) ?? String(index);
    const isData = section.kind === "application";
    const formats = mediaFormats(section);
    const offeredDir = directionOf(section, offer.sessionLines);
    const canSend = (offeredDir === "sendrecv" || offeredDir === "recvonly") && !opts.recvonly;
    const canRecv = (offeredDir === "sendrecv" || offeredDir === "sendonly") && !opts.sendonly;
    const rejected =
      section.port === 0 ||
      formats.length === 0 ||
      (isData && !opts.useDataChannels) ||
      (section.kind !== "audio" && section.kind !== "video" && !isData);
    const lines: string[] = [];
    if (rejected) {
      lines.push(`m=${section.kind} 0 ${section.proto} ${section.formats[0] ?? "0"}`);
      lines.push(`a=inactive`);
      if (section.attributes.some((a) => a.startsWith("mid:"))) lines.push(`a=mid:${mid}`);
      sections.push(lines);
      return;
    }
    const port = webrtc ? WEBRTC_PORT : (local.rtpPorts[index] ?? 2 * randomInt(20000, 30000));
    lines.push(`m=${section.kind} ${port} ${section.proto} ${formats.join(" ")}`);
    for (const b of section.otherLines.filter((l) => l.startsWith("b="))) lines.push(b);
    if (section.attributes.some((a) => a.startsWith("mid:"))) lines.push(`a=mid:${mid}`);
    lines.push(rtcpLine(webrtc, port));
    if (webrtc) {
      lines.push(`a=ice-ufrag:${local.iceUfrag}`, `a=ice-pwd:${local.icePwd}`);
      lines.push(`a=fingerprint:${local.fingerprint}`);
      const offeredSetup = section.attributes.find((a) => a.startsWith("setup:"))?.slice(6);
      lines.push(`a=setup:${offeredSetup === "active" ? "passive" : "active"}`);
    }
    if (isData) {
      const sctp = section.attributes.find((a) => a.startsWith("sctp-port:") || a.startsWith("max-message-size:"));
      lines.push(`a=sctp-port:5000`);
      if (sctp?.startsWith("max-message-size:")) lines.push(`a=${sctp}`);
    } else {
      const dir: Direction = canSend && canRecv ? "sendrecv" : canSend ? "sendonly" : canRecv ? "recvonly" : "inactive";
      lines.push(`a=${dir}`);
      if (section.attributes.includes("rtcp-mux")) lines.push("a=rtcp-mux");
      if (section.attributes.includes("rtcp-rsize")) lines.push("a=rtcp-rsize");
      for (const a of formatAttributes(section, formats)) lines.push(`a=${a}`);
      if (canSend) {
        const ssrc = local.ssrcs[index % local.ssrcs.length] ?? 1;
        lines.push(`a=ssrc:${ssrc} cname:${local.cname}`);
      }
    }
    if (webrtc && offeredBundle) bundled.push(mid);
    sections.push(lines);
  });
  out.push(...sessionHeader(webrtc, opts.address));
  if (bundled.length > 0) out.push(`a=group:BUNDLE ${bundled.join(" ")}`);
  if (webrtc) out.push("a=msid-semantic: WMS");
  for (const s of sections) out.push(...s);
  return out.join("\r\n") + "\r\n";
}

/** Options of `generateOffer` (core.kmd.json `OfferOptions`). */
export interface OfferOptions {
  offerToReceiveAudio?: boolean;
  offerToReceiveVideo?: boolean;
}

/**
 * A KMS-style SDP offer: audio (opus 48 kHz) and video (VP8, H.264) for
 * WebRTC (bundled, ICE/DTLS, setup:actpass) or plain RTP/AVP with local ports.
 */
export function createOffer(local: LocalTransport, opts: AnswerOptions & OfferOptions): string {
  const webrtc = opts.flavor === "webrtc";
  // KMS 7 offers the legacy profile name RTP/SAVPF for WebRTC (measured); browsers accept it.
  const proto = webrtc ? "RTP/SAVPF" : "RTP/AVPF";
  const kinds: Array<["audio" | "video", boolean]> = [
    ["audio", opts.offerToReceiveAudio !== false],
    ["video", opts.offerToReceiveVideo !== false],
  ];
  const out = sessionHeader(webrtc, opts.address);
  if (webrtc) out.push(`a=group:BUNDLE ${OFFER_MIDS.join(" ")}`, "a=msid-semantic: WMS");
  kinds.forEach(([kind, receive], index) => {
    const send = !opts.recvonly;
    const recv = receive && !opts.sendonly;
    const dir: Direction = send && recv ? "sendrecv" : send ? "sendonly" : recv ? "recvonly" : "inactive";
    const port = webrtc ? WEBRTC_PORT : (local.rtpPorts[index] ?? 2 * randomInt(20000, 30000));
    if (kind === "audio") {
      out.push(`m=audio ${port} ${proto} 96 0`);
      out.push("a=rtpmap:96 opus/48000/2", "a=rtpmap:0 PCMU/8000");
    } else {
      out.push(`m=video ${port} ${proto} 103 104`);
      out.push("a=rtpmap:103 VP8/90000", "a=rtcp-fb:103 nack", "a=rtcp-fb:103 nack pli", "a=rtcp-fb:103 goog-remb");
      out.push("a=rtpmap:104 H264/90000", "a=fmtp:104 packetization-mode=1;profile-level-id=42e01f");
    }
    out.push(rtcpLine(webrtc, port));
    out.push(`a=mid:${OFFER_MIDS[index] ?? String(index)}`, `a=${dir}`);
    if (webrtc) {
      out.push(`a=ice-ufrag:${local.iceUfrag}`, `a=ice-pwd:${local.icePwd}`);
      out.push(`a=fingerprint:${local.fingerprint}`, "a=setup:actpass", "a=rtcp-mux");
    }
    if (send) out.push(`a=ssrc:${local.ssrcs[index] ?? 1} cname:${local.cname}`);
  });
  return out.join("\r\n") + "\r\n";
}

/**
 * Local host ICE candidates for a negotiated WebRTC SDP, on `address`: a UDP
 * host and a TCP active candidate of the (bundled) transport, each announced
 * once per accepted m-line with that m-line's mid and index, in the order a
 * real KMS 7 sends them (candidate 1 for every mid, then candidate 2...).
 */
export function hostCandidates(localSdp: string, address: string): IceCandidate[] {
  const sdp = parseSdp(localSdp);
  const lines: Array<{ mid: string; index: number }> = [];
  sdp.media.forEach((m, index) => {
    if (m.port === 0) return;
    lines.push({ mid: m.attributes.find((a) => a.startsWith("mid:"))?.slice(4) ?? String(index), index });
  });
  const port = randomInt(32768, 60999);
  const base = [
    `candidate:1 1 UDP 2015363327 ${address} ${port} typ host`,
    `candidate:2 1 TCP 1015021823 ${address} 9 typ host tcptype active`,
  ];
  return base.flatMap((candidate) => lines.map(({ mid, index }) => ({ candidate, sdpMid: mid, sdpMLineIndex: index })));
}

/** Port KMS writes on its WebRTC m-lines (the media goes where ICE says). */
const WEBRTC_PORT = 1;
/** Mids of KMS's own offers. */
const OFFER_MIDS = ["audio0", "video0"];

/** `v=`, `o=`, `s=`, the one session-level `c=`, `t=`. */
function sessionHeader(webrtc: boolean, address: string): string[] {
  const sessionId = randomInt(1, 2 ** 31);
  const ip = webrtc ? "0.0.0.0" : address;
  return ["v=0", `o=- ${sessionId} ${sessionId} IN IP4 ${ip}`, "s=Kurento Media Server", `c=IN IP4 ${ip}`, "t=0 0"];
}

/** `a=rtcp:` of an m-line: `9 IN IP4 0.0.0.0` for WebRTC, the next port for plain RTP. */
function rtcpLine(webrtc: boolean, port: number): string {
  return webrtc ? "a=rtcp:9 IN IP4 0.0.0.0" : `a=rtcp:${port + 1}`;
}
