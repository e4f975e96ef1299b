-- Every query on messages filters by conversation and orders by seq (the unique index on
-- ("conversationId", seq) serves them); this index was only written to, once per message.
-- DropIndex
DROP INDEX "Message_conversationId_createdAt_idx";
