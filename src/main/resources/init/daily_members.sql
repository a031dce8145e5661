-- A model: one SELECT, materialized as analytics.daily_members after every sync.
-- Replace it with a question of your own.
SELECT CAST(1 AS INTEGER) AS example
