-- AlterTable
ALTER TABLE "WorkshopSeat" ADD COLUMN "endsAt" DATETIME;

