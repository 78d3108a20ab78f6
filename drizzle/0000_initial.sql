CREATE TABLE `alert_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`useful` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`destination` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`iso_week` text NOT NULL,
	`as_of` text NOT NULL,
	`payload` text NOT NULL,
	`message_ts` text,
	`folded_into_digest` text,
	`cleared_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alerts_key_idx` ON `alerts` (`key`);--> statement-breakpoint
CREATE TABLE `colead_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` text NOT NULL,
	`owner_rep_id` text NOT NULL,
	`colead_rep_id` text,
	`alternates` text DEFAULT '[]' NOT NULL,
	`state` text NOT NULL,
	`industry` text NOT NULL,
	`lift` real,
	`lift_lo` real,
	`lift_hi` real,
	`reason` text,
	`proposed_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`acted_by` text,
	`acted_at` text,
	`channel` text,
	`message_ts` text
);
--> statement-breakpoint
CREATE INDEX `colead_deal_idx` ON `colead_assignments` (`deal_id`);--> statement-breakpoint
CREATE INDEX `colead_state_idx` ON `colead_assignments` (`state`);--> statement-breakpoint
CREATE TABLE `deal_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` text NOT NULL,
	`sync_run_id` integer NOT NULL,
	`change` text NOT NULL,
	`recorded_at` text NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	`assigned_date` text,
	`rep_id` text NOT NULL,
	`industry` text NOT NULL,
	`region` text NOT NULL,
	`product` text NOT NULL,
	`lead_source` text NOT NULL,
	`stage` text NOT NULL,
	`amount` real NOT NULL,
	`cycle_days` integer,
	`outcome` text
);
--> statement-breakpoint
CREATE INDEX `deal_history_deal_idx` ON `deal_history` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deal_scores` (
	`deal_id` text NOT NULL,
	`as_of` text NOT NULL,
	`rsfs` real NOT NULL,
	`ci_lo` real NOT NULL,
	`ci_hi` real NOT NULL,
	`raw_won` integer NOT NULL,
	`raw_n` integer NOT NULL,
	`source` text NOT NULL,
	`flag` text NOT NULL,
	`percentile` real NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`deal_id`, `as_of`)
);
--> statement-breakpoint
CREATE INDEX `deal_scores_as_of_idx` ON `deal_scores` (`as_of`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	`assigned_date` text,
	`rep_id` text NOT NULL,
	`industry` text NOT NULL,
	`region` text NOT NULL,
	`product` text NOT NULL,
	`lead_source` text NOT NULL,
	`stage` text NOT NULL,
	`amount` real NOT NULL,
	`cycle_days` integer,
	`outcome` text,
	`source` text NOT NULL,
	`deleted_at` text,
	`sync_run_id` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deals_closed_date_idx` ON `deals` (`closed_date`);--> statement-breakpoint
CREATE INDEX `deals_rep_industry_idx` ON `deals` (`rep_id`,`industry`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`error` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job_period_idx` ON `job_runs` (`job`,`period`);--> statement-breakpoint
CREATE TABLE `metric_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`as_of` text NOT NULL,
	`metric` text NOT NULL,
	`dimension` text DEFAULT '' NOT NULL,
	`segment` text DEFAULT '' NOT NULL,
	`value` real,
	`won` integer,
	`n` integer,
	`ci_lo` real,
	`ci_hi` real,
	`detail` text,
	`computed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_history_key` ON `metric_history` (`as_of`,`metric`,`dimension`,`segment`);--> statement-breakpoint
CREATE TABLE `model_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`as_of` text NOT NULL,
	`train_from` text,
	`train_to` text,
	`valid_from` text,
	`valid_to` text,
	`n_train` integer NOT NULL,
	`n_valid` integer NOT NULL,
	`auc_rsfs` real,
	`auc_deal` real,
	`auc_combined` real,
	`result` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_versions_version_unique` ON `model_versions` (`version`);--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sync_run_id` integer NOT NULL,
	`source` text NOT NULL,
	`line` integer,
	`record_id` text,
	`raw` text NOT NULL,
	`reasons` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quarantine_run_idx` ON `quarantine` (`sync_run_id`);--> statement-breakpoint
CREATE TABLE `rep_audits` (
	`month` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`result` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`target` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`quarantined` integer DEFAULT 0 NOT NULL,
	`watermark` text,
	`error` text,
	`data_as_of` text
);
