PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_deal_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` text NOT NULL,
	`sync_run_id` integer NOT NULL,
	`change` text NOT NULL,
	`recorded_at` text NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	`assigned_date` text,
	`rep_id` text NOT NULL,
	`industry` text,
	`region` text,
	`product` text,
	`lead_source` text,
	`stage` text,
	`amount` real,
	`cycle_days` integer,
	`outcome` text
);
--> statement-breakpoint
INSERT INTO `__new_deal_history`("id", "deal_id", "sync_run_id", "change", "recorded_at", "created_date", "closed_date", "assigned_date", "rep_id", "industry", "region", "product", "lead_source", "stage", "amount", "cycle_days", "outcome") SELECT "id", "deal_id", "sync_run_id", "change", "recorded_at", "created_date", "closed_date", "assigned_date", "rep_id", "industry", "region", "product", "lead_source", "stage", "amount", "cycle_days", "outcome" FROM `deal_history`;--> statement-breakpoint
DROP TABLE `deal_history`;--> statement-breakpoint
ALTER TABLE `__new_deal_history` RENAME TO `deal_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `deal_history_deal_idx` ON `deal_history` (`deal_id`);--> statement-breakpoint
CREATE TABLE `__new_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	`assigned_date` text,
	`rep_id` text NOT NULL,
	`industry` text,
	`region` text,
	`product` text,
	`lead_source` text,
	`stage` text,
	`amount` real,
	`cycle_days` integer,
	`outcome` text,
	`source` text NOT NULL,
	`deleted_at` text,
	`sync_run_id` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_deals`("id", "created_date", "closed_date", "assigned_date", "rep_id", "industry", "region", "product", "lead_source", "stage", "amount", "cycle_days", "outcome", "source", "deleted_at", "sync_run_id", "updated_at") SELECT "id", "created_date", "closed_date", "assigned_date", "rep_id", "industry", "region", "product", "lead_source", "stage", "amount", "cycle_days", "outcome", "source", "deleted_at", "sync_run_id", "updated_at" FROM `deals`;--> statement-breakpoint
DROP TABLE `deals`;--> statement-breakpoint
ALTER TABLE `__new_deals` RENAME TO `deals`;--> statement-breakpoint
CREATE INDEX `deals_open_rep_idx` ON `deals` (`rep_id`) WHERE "deals"."outcome" is null and "deals"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `blanks` text;