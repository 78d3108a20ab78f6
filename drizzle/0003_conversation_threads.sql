CREATE TABLE `conversation_threads` (
	`team_id` text NOT NULL,
	`channel` text NOT NULL,
	`thread_ts` text NOT NULL,
	`reading` text NOT NULL,
	`question` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `channel`, `thread_ts`)
);
--> statement-breakpoint
CREATE INDEX `conversation_threads_expires_idx` ON `conversation_threads` (`expires_at`);--> statement-breakpoint
CREATE TABLE `slack_events_seen` (
	`event_id` text PRIMARY KEY NOT NULL,
	`seen_at` text NOT NULL
);
