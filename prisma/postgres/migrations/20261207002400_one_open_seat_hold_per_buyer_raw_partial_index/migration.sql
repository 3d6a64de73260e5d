-- Hand-written (Prisma's schema language cannot express a partial index): at most ONE open seat hold per
-- buyer per event, enforced by the database, so parallel "Buy" requests from one account hold one seat.
-- Keep this index: a future generated migration must not drop "SeatHold_one_open_per_buyer_event".
-- Existing duplicates (from before this index) keep the newest open hold; older ones are released and their
-- seats given back (a late payment of a released hold takes a fresh seat or is refunded automatically).
WITH "dup" AS (
  SELECT "id", "eventId" FROM (
    SELECT "id", "eventId", row_number() OVER (PARTITION BY "eventId", "userId" ORDER BY "createdAt" DESC, "id" DESC) AS "rn"
    FROM "SeatHold" WHERE "status" = 'open'
  ) AS "ranked" WHERE "rn" > 1
), "released" AS (
  UPDATE "SeatHold" SET "status" = 'released' WHERE "id" IN (SELECT "id" FROM "dup") RETURNING "eventId"
)
UPDATE "Event" SET "seatsTaken" = GREATEST("Event"."seatsTaken" - "counts"."n", 0)
FROM (SELECT "eventId", count(*) AS "n" FROM "released" GROUP BY "eventId") AS "counts"
WHERE "Event"."id" = "counts"."eventId";

CREATE UNIQUE INDEX "SeatHold_one_open_per_buyer_event" ON "SeatHold"("eventId", "userId") WHERE "status" = 'open';
