/**
 * SDP for the RtpEndpoint → ffmpeg bridge (RFC 8866 SDP, RFC 3551 RTP/AVP).
 * The offer describes ffmpeg's receive side on loopback (one codec per
 * media, a=recvonly); KMS answers and sends RTP to the offered ports. ffmpeg
 * reads an .sdp with the offer's ports and the answer's payload types
 * (docs/kurento.md, "RTP bridge").
 */

/** Loopback ports ffmpeg listens on (RTP; RTCP is port + 1). */
export interface BridgePorts {
  audio: number;
  video: number;
}

/** Payload types and codecs of the bridge. */
export interface BridgeCodecs {
  audioPt: number;
  audioRtpmap: string;
  videoPt: number;
  videoRtpmap: string;
}

/** What we offer: Opus 48 kHz stereo on PT 96, VP8 90 kHz on PT 103. */
export const OFFERED_CODECS: BridgeCodecs = { audioPt: 96, audioRtpmap: "opus/48000/2", videoPt: 103, videoRtpmap: "VP8/90000" };

/** The SDP offer for RtpEndpoint.processOffer: ffmpeg's side on 127.0.0.1, recvonly. */
export function buildBridgeOffer(ports: BridgePorts, sessionName: string, codecs: BridgeCodecs = OFFERED_CODECS): string {
  return sdpLines(ports, sessionName, codecs).join("\r\n") + "\r\n";
}

/** The .sdp file ffmpeg reads: the offer's ports with the answer's payload types. */
export function buildFfmpegSdp(ports: BridgePorts, sessionName: string, codecs: BridgeCodecs): string {
  return sdpLines(ports, sessionName, codecs).join("\n") + "\n";
}

function sdpLines(ports: BridgePorts, sessionName: string, c: BridgeCodecs): string[] {
  return [
    "v=0",
    "o=- 0 0 IN IP4 127.0.0.1",
    `s=${sessionName.replace(/[\r\n]/g, " ")}`,
    "c=IN IP4 127.0.0.1",
    "t=0 0",
    `m=audio ${ports.audio} RTP/AVP ${c.audioPt}`,
    `a=rtpmap:${c.audioPt} ${c.audioRtpmap}`,
    "a=recvonly",
    `m=video ${ports.video} RTP/AVP ${c.videoPt}`,
    `a=rtpmap:${c.videoPt} ${c.videoRtpmap}`,
    "a=recvonly",
  ];
}

/**
 * Payload types and rtpmaps chosen in KMS's SDP answer (first PT of each m=
 * line). Falls back to the offered value when the answer omits a media or
 * its rtpmap. Throws Error when the answer rejected a media (port 0).
 */
export function codecsFromAnswer(answer: string, offered: BridgeCodecs = OFFERED_CODECS): BridgeCodecs {
  const result = { ...offered };
  let media: "audio" | "video" | null = null;
  const rtpmaps = new Map<string, string>();
  const chosen: Partial<Record<"audio" | "video", number>> = {};
  for (const line of answer.split(/\r?\n/)) {
    const m = /^m=(audio|video) (\d+) [^ ]+ (\d+)/.exec(line);
    if (m) {
      media = m[1] as "audio" | "video";
      if (m[2] === "0") throw new Error(`KMS rejected the ${media} stream of the RTP bridge`);
      chosen[media] = Number(m[3]);
      continue;
    }
    const r = /^a=rtpmap:(\d+) (.+)$/.exec(line.trim());
    if (r && media) rtpmaps.set(`${media}:${r[1]}`, r[2] as string);
  }
  if (chosen.audio !== undefined) {
    result.audioPt = chosen.audio;
    result.audioRtpmap = rtpmaps.get(`audio:${chosen.audio}`) ?? offered.audioRtpmap;
  }
  if (chosen.video !== undefined) {
    result.videoPt = chosen.video;
    result.videoRtpmap = rtpmaps.get(`video:${chosen.video}`) ?? offered.videoRtpmap;
  }
  return result;
}
