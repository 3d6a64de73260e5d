/**
 * Who publishes a stream on the origin, asked of nginx-rtmp's statistics
 * (`GET {ORIGIN_STAT_URL}`, the origin's `/rtmp-stat` location with
 * `rtmp_stat all`; https://github.com/arut/nginx-rtmp-module/wiki/Directives#rtmp_stat).
 * The XML lists, per application, the live streams by name and their clients;
 * a publishing client carries an empty `<publishing/>` element:
 *
 *   <rtmp><server><application><name>ingest</name><live><stream><name>EVENT_ID</name>
 *     <client><id>2</id>…<publishing/><active/></client>…</stream></live></application>…</server></rtmp>
 *
 * nginx-rtmp reports a publisher's departure (on_publish_done) also for a
 * second encoder it refused because the stream was already published; only the
 * statistics tell whether the stream still has its publisher.
 */
import { XMLParser } from "fast-xml-parser";

/** Source of the origin's publishers. */
export interface OriginPublishers {
  /**
   * The client ids (nginx-rtmp `clientid`) publishing stream `streamName` of
   * application `app`; an empty list when nobody publishes it; null when the
   * origin cannot tell (not configured, down, slow, malformed answer).
   * Never throws.
   */
  publishersOf(app: string, streamName: string): Promise<string[] | null>;
}

/** One element or many: fast-xml-parser gives an object for one child and an array for several. */
type OneOrMany<T> = T | T[] | undefined;
const many = <T>(value: OneOrMany<T>): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

interface StatClient {
  id?: string | number;
  publishing?: unknown;
}
interface StatStream {
  name?: string | number;
  client?: OneOrMany<StatClient>;
}
interface StatApplication {
  name?: string;
  live?: { stream?: OneOrMany<StatStream> } | "";
}
interface Stat {
  rtmp?: { server?: OneOrMany<{ application?: OneOrMany<StatApplication> }> };
}

/** Publishing client ids of `app`/`streamName` in a `rtmp_stat all` XML document. Throws on XML that is not a stat document. */
export function publishersInStat(xml: string, app: string, streamName: string): string[] {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false });
  const stat = parser.parse(xml) as Stat;
  if (!stat.rtmp || typeof stat.rtmp !== "object") throw new Error("not an nginx-rtmp stat document");
  const ids: string[] = [];
  for (const server of many(stat.rtmp.server)) {
    for (const application of many(server.application)) {
      if (String(application.name) !== app || !application.live || typeof application.live !== "object") continue;
      for (const stream of many(application.live.stream)) {
        if (String(stream.name) !== streamName) continue;
        for (const client of many(stream.client)) if (client.publishing !== undefined && client.id !== undefined) ids.push(String(client.id));
      }
    }
  }
  return ids;
}

/** OriginPublishers over HTTP; takes its fetch function in the constructor. */
export class HttpOriginPublishers implements OriginPublishers {
  constructor(
    /** The origin's statistics URL, e.g. http://origin:8088/rtmp-stat. */
    private readonly statUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
    /** Deadline of one call in ms. */
    private readonly timeoutMs = 2_000,
  ) {}

  async publishersOf(app: string, streamName: string): Promise<string[] | null> {
    try {
      const response = await this.fetchFn(this.statUrl, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) return null;
      return publishersInStat(await response.text(), app, streamName);
    } catch {
      return null;
    }
  }
}
