CREATE TABLE `colead_withheld` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`message_ts` text NOT NULL,
	`deal_key` text NOT NULL,
	`model_as_of` text,
	`posted_at` text NOT NULL
);
