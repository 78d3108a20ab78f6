CREATE TABLE `colead_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`message_ts` text NOT NULL,
	`posted_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `colead_assignments` ADD `batch_id` integer;