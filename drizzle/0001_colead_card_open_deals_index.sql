ALTER TABLE `colead_assignments` ADD `card` text;--> statement-breakpoint
ALTER TABLE `colead_assignments` ADD `note` text;--> statement-breakpoint
CREATE INDEX `deals_open_rep_idx` ON `deals` (`rep_id`) WHERE "deals"."outcome" is null and "deals"."deleted_at" is null;