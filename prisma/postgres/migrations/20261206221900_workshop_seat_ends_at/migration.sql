-- AlterTable
ALTER TABLE "WorkshopSeat" ADD COLUMN     "endsAt" TIMESTAMP(3);

