DROP INDEX `deals_closed_date_idx`;--> statement-breakpoint
DROP INDEX `deals_rep_industry_idx`;