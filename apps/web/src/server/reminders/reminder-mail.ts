import { type ReminderKind } from "@limelight/domain/reminders/due-reminders";
import { type MailMessage } from "../mail/mailer";

/** The facts a reminder mail states. */
export interface ReminderFacts {
  kind: ReminderKind;
  to: string;
  name: string;
  title: string;
  startsAt: Date;
  /** Absolute watch page URL. */
  watchUrl: string;
  /** Absolute unsubscribe URL (signed token). */
  unsubscribeUrl: string;
}

const SUBJECTS: Record<ReminderKind, (title: string) => string> = {
  "24h": (t) => `Tomorrow: ${t}`,
  "15m": (t) => `Starting in 15 minutes: ${t}`,
  live: (t) => `Live now: ${t}`,
};

/** The plain-text reminder mail (time in UTC: mail clients show no local time reliably). */
export function reminderMessage(f: ReminderFacts): MailMessage {
  const when = `${f.startsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const lead =
    f.kind === "live" ? `${f.title} is live now.` : f.kind === "15m" ? `${f.title} starts in 15 minutes (${when}).` : `${f.title} starts on ${when}.`;
  return {
    to: f.to,
    subject: SUBJECTS[f.kind](f.title),
    text: [`Hi ${f.name},`, "", lead, "", `Watch here with your ticket: ${f.watchUrl}`, "", "--", `No more show reminders: ${f.unsubscribeUrl}`].join("\n"),
  };
}
