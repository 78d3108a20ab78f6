CREATE TABLE `instances` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`version` text NOT NULL,
	`started_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`stopped_at` text
);
--> statement-breakpoint
CREATE INDEX `instances_heartbeat_idx` ON `instances` (`heartbeat_at`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` text NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
CREATE INDEX `job_leases_expires_idx` ON `job_leases` (`expires_at`);--> statement-breakpoint
ALTER TABLE `job_runs` ADD `instance` text;