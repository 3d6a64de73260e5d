-- Hand-written (Prisma's schema language cannot express a partial index): at most ONE open seat hold per
-- buyer per event, enforced by the database, so parallel "Buy" requests from one account hold one seat.
-- Keep this index: a future generated migration must not drop "SeatHold_one_open_per_buyer_event".
-- Existing duplicates (from before this index) keep the newest open hold; older ones are released and their
-- seats given back (a late payment of a released hold takes a fresh seat or is refunded automatically).
CREATE TEMP TABLE "_dup_open_holds" AS
  SELECT "id", "eventId" FROM (
    SELECT "id", "eventId", row_number() OVER (PARTITION BY "eventId", "userId" ORDER BY "createdAt" DESC, "id" DESC) AS "rn"
    FROM "SeatHold" WHERE "status" = 'open'
  ) WHERE "rn" > 1;
UPDATE "Event" SET "seatsTaken" = MAX("seatsTaken" - (SELECT count(*) FROM "_dup_open_holds" d WHERE d."eventId" = "Event"."id"), 0)
  WHERE "id" IN (SELECT "eventId" FROM "_dup_open_holds");
UPDATE "SeatHold" SET "status" = 'released' WHERE "id" IN (SELECT "id" FROM "_dup_open_holds");
DROP TABLE "_dup_open_holds";

CREATE UNIQUE INDEX "SeatHold_one_open_per_buyer_event" ON "SeatHold"("eventId", "userId") WHERE "status" = 'open';
