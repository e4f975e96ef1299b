-- AlterTable
ALTER TABLE "Bot" ADD COLUMN     "widgetTheme" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER;
