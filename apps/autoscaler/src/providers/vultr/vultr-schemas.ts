import { z } from "zod";

/**
 * The parts of Vultr API v2 responses we rely on, validated before use.
 * Source: https://www.vultr.com/api/#tag/instances (Instance schema, list meta).
 */
export const vultrInstanceSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  main_ip: z.string(),
  status: z.string(),
  power_status: z.string().optional(),
  server_status: z.string().optional(),
  date_created: z.string(),
  tags: z.array(z.string()).default([]),
});

/** One instance as Vultr describes it (validated subset). */
export type VultrInstance = z.infer<typeof vultrInstanceSchema>;

/** `POST /instances` (202) and `GET /instances/{id}` bodies. */
export const vultrInstanceBodySchema = z.object({ instance: vultrInstanceSchema });

/** `GET /instances` body: one page plus the cursor of the next (`meta.links.next`, "" on the last page). */
export const vultrInstanceListSchema = z.object({
  instances: z.array(vultrInstanceSchema),
  meta: z.object({ total: z.number().optional(), links: z.object({ next: z.string().default(""), prev: z.string().optional() }).optional() }).optional(),
});

/**
 * One DNS record of a Vultr DNS zone (validated subset). `ttl` in seconds; `name` is
 * relative to the zone ("" for the apex). Source: https://www.vultr.com/api/#tag/dns
 * (schema "dns-record").
 */
export const vultrDnsRecordSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  name: z.string(),
  data: z.string(),
  ttl: z.number().optional(),
});

/** One DNS record as Vultr describes it (validated subset). */
export type VultrDnsRecord = z.infer<typeof vultrDnsRecordSchema>;

/** `POST /domains/{dns-domain}/records` (201) and `GET /domains/{dns-domain}/records/{record-id}` bodies. */
export const vultrDnsRecordBodySchema = z.object({ record: vultrDnsRecordSchema });

/** `GET /domains/{dns-domain}/records` body: one page plus the cursor of the next (`meta.links.next`, "" on the last page). */
export const vultrDnsRecordListSchema = z.object({
  records: z.array(vultrDnsRecordSchema),
  meta: z.object({ total: z.number().optional(), links: z.object({ next: z.string().default(""), prev: z.string().optional() }).optional() }).optional(),
});
