/**
 * Browser-side instrumentation for the media browser tests: an init script
 * (run before any page script) that wraps RTCPeerConnection to record every
 * connection the page opens, the ICE candidates it gathered, and the remote
 * candidates the page applied with addIceCandidate. The pages themselves are
 * unchanged; tests read `window.__rtcRecord` with `recordedPeers(page)`.
 */
import type { Page } from "playwright-core";

/** What a test learns about one RTCPeerConnection of a page. */
export interface RecordedPeer {
  /** SDP offer the page set as its local description. */
  localSdp: string | null;
  /** SDP answer the page applied (null until applied). */
  remoteSdp: string | null;
  /** Candidate lines the browser gathered (sent to the media service). */
  gathered: string[];
  /** Candidate lines the page applied with addIceCandidate (received from KMS). */
  applied: string[];
  connectionState: string;
  closed: boolean;
}

/** Install with `context.addInitScript(RTC_RECORDER_SCRIPT)` before opening pages. */
export const RTC_RECORDER_SCRIPT = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__rtcRecord) return;
  const record = { peers: [] };
  window.__rtcRecord = record;
  class RecordedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      const entry = { pc: this, gathered: [], applied: [], closed: false };
      record.peers.push(entry);
      this.addEventListener("icecandidate", (e) => { if (e.candidate && e.candidate.candidate) entry.gathered.push(e.candidate.candidate); });
      this.__entry = entry;
    }
    addIceCandidate(candidate, ...rest) {
      if (candidate && candidate.candidate) this.__entry.applied.push(candidate.candidate);
      return super.addIceCandidate(candidate, ...rest);
    }
    close() { this.__entry.closed = true; return super.close(); }
  }
  window.RTCPeerConnection = RecordedPeerConnection;
})();`;

/** Reads the page's recorded peer connections (oldest first). */
export function recordedPeers(page: Page): Promise<RecordedPeer[]> {
  return page.evaluate(() => {
    const record = (window as unknown as { __rtcRecord?: { peers: Array<{ pc: RTCPeerConnection; gathered: string[]; applied: string[]; closed: boolean }> } }).__rtcRecord;
    return (record?.peers ?? []).map((e) => ({
      localSdp: e.pc.localDescription?.sdp ?? null,
      remoteSdp: e.pc.remoteDescription?.sdp ?? null,
      gathered: [...e.gathered],
      applied: [...e.applied],
      connectionState: e.pc.connectionState,
      closed: e.closed,
    }));
  });
}
