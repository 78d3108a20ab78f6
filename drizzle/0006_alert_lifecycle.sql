CREATE TABLE `alert_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`until` text,
	`detail` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_events_key_idx` ON `alert_events` (`key`,`kind`);--> statement-breakpoint
ALTER TABLE `alerts` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `view` text;